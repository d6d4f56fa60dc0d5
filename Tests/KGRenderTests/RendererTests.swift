import Foundation
import KGModel
import XCTest
@testable import KGRender

/// Rendering through libgvc: formats, what the SVG carries, layout quality, errors, threads.
final class RendererTests: XCTestCase {
    let graph = Fixture.graph

    func renderer(_ view: View = .whole, dpi: Double? = nil) -> Renderer {
        Renderer(builder: DOTBuilder(view: view, linkBase: "out"), dpi: dpi)
    }

    /// Entities each view draws as nodes (for the fixture).
    func entityNodes(_ view: View) -> Set<String> {
        switch view {
        case .whole: Set(graph.entities.map(\.id))
        case .actors: ["az", "am", "ru", "aliyev", "pashinyan", "mod", "army", "icrc", "nk", "stepanakert"]
        case .timeline: ["az", "army", "ru", "stepanakert", "offensive", "shelling", "statement"]
        }
    }

    func testEveryFormatHasItsMagicBytesInEveryView() throws {
        for view in View.allCases {
            let r = renderer(view)
            let svg = String(decoding: try r.render(graph: graph, format: .svg), as: UTF8.self)
            XCTAssertTrue(svg.hasPrefix("<?xml") && svg.contains("<svg"), "\(view)")
            XCTAssertEqual(Array(try r.render(graph: graph, format: .png).prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(view)")
            XCTAssertEqual(Array(try r.render(graph: graph, format: .pdf).prefix(5)), Array("%PDF-".utf8), "\(view)")
            let dot = String(decoding: try r.render(graph: graph, format: .dot), as: UTF8.self)
            XCTAssertTrue(dot.hasPrefix("digraph"), String(dot.prefix(40)))
            XCTAssertTrue(dot.contains("pos="), "laid-out DOT carries positions")
        }
    }

    func testSVGHasOneNodeGroupPerEntityNode() throws {
        for view in View.allCases {
            for layout in [Layout.dot, .sfdp] {
                let svg = SVGSummary(try renderer(view).render(graph: graph, layout: layout, format: .svg))
                let titles = svg.entityNodes.map(\.title)
                XCTAssertEqual(titles.count, entityNodes(view).count, "\(view) \(layout): \(titles.sorted())")
                XCTAssertEqual(Set(titles), entityNodes(view), "\(view) \(layout)")
                // Everything else is an edge label or a timeline mark, and says so in its class.
                XCTAssertTrue(svg.nodes.allSatisfy { ["node", "node edgelabel", "node timeline"].contains($0.svgClass) })
                if layout == .sfdp {
                    XCTAssertFalse(svg.nodes.filter { $0.svgClass == "node edgelabel" }.isEmpty, "\(view)")
                }
            }
        }
    }

    func testWholeViewDrawsEveryRelationExceptDates() throws {
        let svg = SVGSummary(try renderer().render(graph: graph, layout: .dot, format: .svg))
        XCTAssertEqual(svg.edges.count, graph.relations.filter { $0.predicate != .hasDate }.count)
        XCTAssertTrue(svg.texts.contains("2023-09-19"))
        XCTAssertTrue(svg.texts.contains("per Anna Petrosyan"), "\(svg.texts)")
        XCTAssertTrue(svg.texts.contains("disputed by Azerbaijan"))
        XCTAssertTrue(svg.texts.contains("Legend") || svg.texts.contains("Nodes"), "legend drawn")
    }

    func testSVGCarriesTooltipsAndLinksToTheArticles() throws {
        let bytes = try renderer().render(graph: graph, layout: .dot, format: .svg)
        let svg = SVGSummary(bytes)
        XCTAssertTrue(svg.links.contains("../articles/one.txt"), "\(svg.links)")
        XCTAssertTrue(svg.links.contains("../articles/two.md"), "\(svg.links)")
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("xlink:title=\"Ilham Aliyev (Official)&#10;also: Aliyev"), "node tooltip")
        XCTAssertTrue(text.contains("Baku denied it.”"), "edge tooltip quotes its sentence")
    }

    func testDPIScalesPNG() throws {
        func width(_ png: [UInt8]) -> Int { png[16..<20].reduce(0) { $0 << 8 | Int($1) } }  // IHDR
        let normal = width(try renderer().render(graph: graph, layout: .dot, format: .png))
        let double = width(try renderer(dpi: 192).render(graph: graph, layout: .dot, format: .png))
        XCTAssertEqual(Double(double) / Double(normal), 2, accuracy: 0.02)
        // Not for SVG: the DOT is the same for every format, and dpi only touches PNG.
        XCTAssertEqual(try renderer(dpi: 192).render(graph: graph, layout: .dot, format: .svg),
                       try renderer().render(graph: graph, layout: .dot, format: .svg))
    }

    // MARK: Quality

    /// The quality bar, measured on the laid-out picture: no overlaps, nothing off the canvas
    /// or on the legend, every relation edge labelled.
    func assertClean(_ r: Renderer, _ g: Graph, layout: Layout, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dot = r.builder.build(g, for: layout)
        let json = try GraphvizEngine.shared.render(dot: dot, layout: layout.rawValue, format: "json")
        let geometry = try Geometry(json: json)
        let problems = geometry.problems()
        XCTAssertTrue(problems.isEmpty, "\(what): \(problems.count) problems: \(problems.prefix(5))", file: file, line: line)
        // With label nodes, an edge half touching a label node carries its label there.
        let unlabelled = geometry.unlabelledEdges.filter { !$0.contains("kg_label_") }
        XCTAssertEqual(unlabelled, [], what, file: file, line: line)
        XCTAssertNotNil(geometry.legend, "\(what): legend", file: file, line: line)
        XCTAssertGreaterThan(geometry.nodes.count, 0, file: file, line: line)
    }

    func testPicturesOfTheFixtureAreClean() throws {
        for view in View.allCases {
            try assertClean(renderer(view), graph, layout: .dot, "\(view) dot")
        }
        for layout in [Layout.sfdp, .neato] {
            try assertClean(renderer(), graph, layout: layout, "whole \(layout)")
        }
    }

    func testLargeGraphsAreCleanWithTheSuggestedEngine() throws {
        let big = Fixture.large(nodes: 150)
        let r = renderer()
        XCTAssertEqual(r.builder.suggestedLayout(for: big), .sfdp)
        try assertClean(r, big, layout: .sfdp, "150 entities, sfdp")
    }

    func testTheGeometryCheckCanFail() throws {
        // Two nodes pinned on one spot, with neato told not to move them.
        let dot = "digraph { graph [label=\"x\"]; a [pos=\"0,0!\"]; b [pos=\"0,0!\"]; a -> b; }"
        let geometry = try Geometry(json: GraphvizEngine.shared.render(dot: dot, layout: "neato", format: "json"))
        XCTAssertTrue(geometry.problems().contains { $0.contains("node a") && $0.contains("overlaps node b") }, "\(geometry.problems())")
        XCTAssertEqual(geometry.unlabelledEdges, ["a->b"])
        // An edge label at the midpoint of an edge, where a third node is pinned; and a node
        // pinned far outside the graph's own bounding box.
        let dot2 = """
            digraph { graph [bb="0,0,400,100"]; a [pos="0,50!"]; b [pos="400,50!"]; c [pos="200,50!", label="", width=0.3];
            a -> b [label="a long label in the middle"]; }
            """
        let g2 = try Geometry(json: GraphvizEngine.shared.render(dot: dot2, layout: "neato", format: "json"))
        XCTAssertEqual(g2.edgeLabels.count, 1)
        XCTAssertTrue(g2.problems().contains { $0.contains("label 'a long label in the middle' of a->b") && $0.contains("overlaps node c") },
                      "\(g2.problems())")
    }

    // MARK: Layout choice

    func testSuggestedLayoutBySizeAndView() {
        XCTAssertEqual(Layout.suggested(forNodeCount: 0), .dot)
        XCTAssertEqual(Layout.suggested(forNodeCount: 100), .dot)
        XCTAssertEqual(Layout.suggested(forNodeCount: 101), .sfdp)
        XCTAssertEqual(DOTBuilder(view: .whole).suggestedLayout(for: Fixture.large(nodes: 120)), .sfdp)
        // The actors and timeline views count the entities they draw, not those of the graph.
        XCTAssertEqual(DOTBuilder(view: .actors).suggestedLayout(for: Fixture.large(nodes: 120)), .dot)
        XCTAssertEqual(DOTBuilder(view: .actors).suggestedLayout(for: Fixture.large(nodes: 400)), .sfdp)
        XCTAssertEqual(DOTBuilder(view: .timeline).suggestedLayout(for: Fixture.large(nodes: 400)), .dot)
    }

    func testForceDirectedEnginesRemoveOverlapAndUseStraightEdgesWhenLarge() {
        let big = Fixture.large(nodes: Layout.splineNodeLimit + 1)
        let sfdp = DOTBuilder().build(big, for: .sfdp)
        XCTAssertTrue(sfdp.contains("overlap=\"prism\""))
        XCTAssertTrue(sfdp.contains("splines=\"false\""))
        XCTAssertTrue(DOTBuilder().build(graph, for: .sfdp).contains("splines=\"true\""))
        XCTAssertTrue(DOTBuilder().build(big, for: .dot).contains("splines=\"true\""))
    }

    func testVeryLargeGraphsGetLabelsWhereTheyFit() {
        let huge = Fixture.large(nodes: Layout.labelNodeLimit + 1)
        let dot = DOTBuilder().build(huge, for: .sfdp)
        XCTAssertTrue(dot.contains("forcelabels=\"false\""))
        XCTAssertFalse(dot.contains("kg_label_"))
        XCTAssertTrue(dot.contains("xlabel=\""))
        XCTAssertFalse(DOTBuilder().build(Fixture.large(nodes: Layout.labelNodeLimit), for: .sfdp).contains("xlabel="))
    }

    // MARK: Robustness

    func testNamesWithQuotesBackslashesAndEntitiesRoundTrip() throws {
        let svg = SVGSummary(try renderer().render(graph: graph, layout: .dot, format: .svg))
        XCTAssertTrue(svg.texts.contains("AT&amp;T \"Q\" \\ Co"), "\(svg.texts)")
        XCTAssertTrue(svg.texts.contains("Stepanakert (Xankəndi)") || svg.texts.contains("(Xankəndi)"), "\(svg.texts)")
    }

    func testAwkwardIDsSurviveAsNodeNames() throws {
        let ids = [#"q"x"#, #"back\slash"#, #"two\\"quote"#, "Nagorno-Karabakh/Ստեփանակերտ", "<b> & </b>", "sp ace"]
        let g = Graph(entities: ids.map { Entity(id: $0, name: $0, type: .place) },
                      relations: zip(ids, ids.dropFirst()).map { Relation(subject: $0, predicate: .locatedIn, object: .entity($1)) })
        let svg = SVGSummary(try renderer().render(graph: g, layout: .dot, format: .svg))
        XCTAssertEqual(Set(svg.entityNodes.map(\.title)), Set(ids))
        XCTAssertEqual(svg.edges.count, ids.count - 1)
        for id in ids { XCTAssertTrue(svg.texts.contains(id), id) }
    }

    func testEveryEngineRendersEveryView() throws {
        for view in View.allCases {
            for layout in Layout.allCases {
                let svg = SVGSummary(try renderer(view).render(graph: graph, layout: layout, format: .svg))
                XCTAssertEqual(svg.entityNodes.count, entityNodes(view).count, "\(view) \(layout)")
            }
        }
    }

    func testConcurrentRendersAllSucceedAndAgree() throws {
        let dot = DOTBuilder().build(Fixture.large(nodes: 25))
        // fdp starts from random positions, so its output is not reproducible.
        for layout in [Layout.dot, .neato, .sfdp] {
            let results = Locked<[Int: Result<[UInt8], any Error>]>([:])
            DispatchQueue.concurrentPerform(iterations: 8) { i in
                let result = Result { try Renderer().render(dot: dot, layout: layout, format: .svg) }
                results.withLock { $0[i] = result }
            }
            let outputs = try results.withLock { $0 }.values.map { try $0.get() }
            XCTAssertEqual(outputs.count, 8)
            XCTAssertEqual(Set(outputs).count, 1, "\(layout) renders differ")
            XCTAssertFalse(outputs[0].isEmpty)
        }
    }

    func testConcurrentTasksWithMixedFormatsAndViews() async throws {
        let graph = self.graph
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<9 {
                group.addTask {
                    let format = RenderFormat.allCases[i % RenderFormat.allCases.count]
                    let view = View.allCases[i % View.allCases.count]
                    return try Renderer(builder: DOTBuilder(view: view)).render(graph: graph, layout: .neato, format: format).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(sizes.count, 9)
        XCTAssertTrue(sizes.allSatisfy { $0 > 0 })
    }

    /// Clusters are laid out in the order of their ids, which cgraph takes from the addresses
    /// of their names; the renderer's own allocator makes those follow the DOT text. Here the
    /// heap is churned between two renders of a picture with eight boxes, which reorders
    /// malloc's free lists: with plain `agmemread` the pictures then differ.
    func testClusterOrderDoesNotDependOnTheHeap() throws {
        var entities: [Entity] = [], relations: [Relation] = []
        for i in 0..<8 {
            entities += [Entity(id: "s\(i)", name: "State \(i)", type: .state),
                         Entity(id: "a\(i)", name: "Agency \(i)", type: .agency),
                         Entity(id: "o\(i)", name: "Official \(i)", type: .official)]
            relations += [Relation(subject: "a\(i)", predicate: .partOf, object: .entity("s\(i)")),
                          Relation(subject: "o\(i)", predicate: .officialOf, object: .entity("a\(i)")),
                          Relation(subject: "o\(i)", predicate: .accuses, object: .entity("s\((i + 3) % 8)")),
                          Relation(subject: "a\(i)", predicate: .aids, object: .entity("a\((i + 5) % 8)"))]
        }
        let dot = DOTBuilder(view: .actors).build(Graph(entities: entities, relations: relations), for: .dot)
        var outputs = Set<[UInt8]>()
        var rng = SplitMix(seed: 7)
        for _ in 0..<6 {
            outputs.insert(try Renderer().render(dot: dot, layout: .dot, format: .svg))
            // Churn: blocks of many sizes, every other one freed, so later mallocs land in holes.
            var keep: [UnsafeMutableRawPointer] = []
            for i in 0..<4000 {
                let p = malloc(Int(rng.next() % 200) + 8)!
                if i % 2 == 0 { free(p) } else { keep.append(p) }
            }
            outputs.insert(try Renderer().render(dot: dot, layout: .dot, format: .svg))
            keep.forEach { free($0) }
        }
        XCTAssertEqual(outputs.count, 1, "the same DOT gave \(outputs.count) different pictures")
    }

    func testMalformedDOTThrowsAndLeavesGraphvizUsable() throws {
        for bad in ["digraph { a -> ", "this is not dot", "digraph { a [label=\"unterminated] }"] {
            XCTAssertThrowsError(try Renderer().render(dot: bad, layout: .dot, format: .svg)) { error in
                let e = error as? RenderError
                XCTAssertEqual(e?.kind, .parse, "\(error)")
                XCTAssertTrue(e?.message.hasPrefix("graphviz could not parse the DOT source") == true, "\(error)")
            }
        }
        // The parser's state must be reset after an error.
        let ok = try Renderer().render(dot: "digraph { a -> b }", layout: .dot, format: .svg)
        XCTAssertEqual(SVGSummary(ok).nodes.count, 2)
    }

    func testUnknownEngineAndFormatAreErrorsNotCrashes() throws {
        let dot = "digraph { a -> b }"
        XCTAssertThrowsError(try GraphvizEngine.shared.render(dot: dot, layout: "nosuch", format: "svg")) { error in
            XCTAssertEqual((error as? RenderError)?.kind, .layout)
            XCTAssertTrue("\(error)".contains("layout nosuch failed"), "\(error)")
            XCTAssertTrue("\(error)".contains("libgvc6-config-update -c"), "\(error)")
        }
        XCTAssertThrowsError(try GraphvizEngine.shared.render(dot: dot, layout: "dot", format: "nosuch")) { error in
            XCTAssertEqual((error as? RenderError)?.kind, .render)
            XCTAssertTrue("\(error)".contains("nosuch"), "\(error)")
        }
        XCTAssertNoThrow(try Renderer().render(dot: dot, layout: .dot, format: .svg))
    }

    func testEmptyGraphRendersJustItsLegend() throws {
        for view in View.allCases {
            let svg = SVGSummary(try renderer(view).render(graph: Graph(), format: .svg))
            XCTAssertEqual(svg.entityNodes.count, 0, "\(view)")
            XCTAssertTrue(svg.texts.contains("Nodes"), "\(view)")
        }
    }

    func testFormatFromFileExtension() {
        XCTAssertEqual(RenderFormat(fileExtension: "svg"), .svg)
        XCTAssertEqual(RenderFormat(fileExtension: ".PNG"), .png)
        XCTAssertEqual(RenderFormat(fileExtension: "pdf"), .pdf)
        XCTAssertEqual(RenderFormat(fileExtension: "gv"), .dot)
        XCTAssertEqual(RenderFormat(fileExtension: "dot"), .dot)
        XCTAssertNil(RenderFormat(fileExtension: "jpeg"))
        XCTAssertNil(RenderFormat(fileExtension: ""))
    }
}

/// A value shared between the threads of `concurrentPerform`.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
