import Foundation
import KGModel
import XCTest
@testable import KGRender

final class DOTBuilderTests: XCTestCase {
    func testOutputIsDeterministicAndIndependentOfInputOrder() {
        let a = DOTBuilder().build(Fixture.graph)
        XCTAssertEqual(a, DOTBuilder().build(Fixture.graph))
        var shuffled = Fixture.graph
        shuffled.entities.reverse()
        shuffled.relations.reverse()
        XCTAssertEqual(a, DOTBuilder().build(shuffled))
    }

    func testGraphAttributesAndLegend() {
        let dot = DOTBuilder().build(Fixture.graph)
        for attribute in ["overlap=prism", "splines=true", "outputorder=edgesfirst", "fontname=\"Helvetica\""] {
            XCTAssertTrue(dot.contains(attribute), attribute)
        }
        XCTAssertTrue(dot.contains("subgraph \"cluster_legend\""))
        XCTAssertTrue(dot.contains("label=\"Legend\""))
        for type in EntityType.allCases {
            XCTAssertTrue(dot.contains("\"legend_\(type.rawValue)\" [label=\"\(type.rawValue)\""), type.rawValue)
        }
        XCTAssertFalse(DOTBuilder(includeLegend: false).build(Fixture.graph).contains("legend"))
    }

    func testLargeGraphsGetCheapEdgeRoutingInForceDirectedEngines() {
        let big = Fixture.large(nodes: Layout.dotNodeLimit + 1)
        XCTAssertTrue(DOTBuilder().build(big, for: .sfdp).contains("splines=false"))
        XCTAssertTrue(DOTBuilder().build(big, for: .dot).contains("splines=true"))
        XCTAssertTrue(DOTBuilder().build(Fixture.graph, for: .sfdp).contains("splines=true"))
    }

    func testLegendPrefixAvoidsEntityIDs() {
        var graph = Fixture.graph
        graph.entities.append(Entity(id: "legend_State", name: "Impostor", type: .state))
        let builder = DOTBuilder()
        let prefix = builder.legendPrefix(for: graph)
        XCTAssertEqual(prefix, "legend__")
        XCTAssertFalse(graph.entities.contains { $0.id.hasPrefix(prefix) })
        XCTAssertEqual(builder.legendNodeIDs(for: graph).count, EntityType.allCases.count)
        XCTAssertTrue(builder.build(graph).contains("\"legend__State\""))
    }

    func testDateGoesIntoTheEventLabelNotANode() {
        let dot = DOTBuilder().build(Fixture.graph)
        XCTAssertTrue(dot.contains("label=\"September offensive\\nin Nagorno-Karabakh\\n2023-09-19\""), dot)
        XCTAssertFalse(dot.contains("\"2023-09-19\""))
        XCTAssertFalse(dot.contains("hasDate"))
    }

    func testEdgeStylesFollowAttributionAndDispute() {
        let dot = DOTBuilder().build(Fixture.graph)
        let accuses = dot.split(separator: "\n").first { $0.contains("\"armenia\" -> \"azerbaijan\"") }
        XCTAssertTrue(accuses?.contains("style=\"dashed\"") == true, String(accuses ?? ""))
        XCTAssertTrue(accuses?.contains("per Armenia") == true)
        let target = dot.split(separator: "\n").first { $0.contains("\"azerbaijan\" -> \"stepanakert\"") }
        XCTAssertTrue(target?.contains("style=\"dotted\"") == true, String(target ?? ""))
        XCTAssertTrue(target?.contains("color=\"#cc0000\"") == true)
        let aids = dot.split(separator: "\n").first { $0.contains("\"icrc\" -> \"stepanakert\"") }
        XCTAssertTrue(aids?.contains("style=\"solid\"") == true, String(aids ?? ""))
    }

    func testRelationsToUnknownEntitiesAreSkipped() {
        var graph = Fixture.graph
        graph.relations.append(Relation(subject: "nk", predicate: .partOf, object: .entity("ghost")))
        XCTAssertFalse(DOTBuilder().build(graph).contains("ghost"))
    }

    func testEscapingOfLabelsAndIDs() {
        XCTAssertEqual(escape(#"a "b" \N & c"#), #"a \"b\" \\N &amp; c"#)
        XCTAssertEqual(escape("two\nlines"), "two lines")
        XCTAssertEqual(quoteID("plain"), #""plain""#)
        XCTAssertEqual(quoteID(#"q"x"#), #""q\"x""#)
        XCTAssertEqual(quoteID(#"a\b"#), #""a\b""#)
        // Unwritable: odd backslash run before a quote or at the end gets one more backslash.
        XCTAssertEqual(quoteID(#"a\"#), #""a\\""#)
        XCTAssertEqual(quoteID(#"a\"b"#), #""a\\\"b""#)
        XCTAssertEqual(quoteID(#"a\\"b"#), #""a\\\"b""#)
    }

    func testWrapKeepsWordsWhole() {
        let builder = DOTBuilder(wrapWidth: 10)
        XCTAssertEqual(builder.wrap("International Committee of the Red Cross"),
                       ["International", "Committee", "of the Red", "Cross"])
        XCTAssertEqual(builder.wrap(""), [""])
    }
}

final class RendererTests: XCTestCase {
    let renderer = Renderer()

    func testFormatsHaveTheirMagicBytes() throws {
        let svg = try renderer.render(graph: Fixture.graph, format: .svg)
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("<?xml") || text.contains("<svg"))
        let png = try renderer.render(graph: Fixture.graph, format: .png)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try renderer.render(graph: Fixture.graph, format: .pdf)
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        let dot = String(decoding: try renderer.render(graph: Fixture.graph, format: .dot), as: UTF8.self)
        XCTAssertTrue(dot.hasPrefix("digraph"), String(dot.prefix(40)))
        XCTAssertTrue(dot.contains("pos="), "laid-out DOT carries positions")
    }

    func testEveryEntityIsANodeAndEveryRelationAnEdge() throws {
        let graph = Fixture.graph
        let svg = SVGSummary(try renderer.render(graph: graph, layout: .dot, format: .svg))
        let prefix = DOTBuilder().legendPrefix(for: graph)
        let entityNodes = svg.nodes.filter { !$0.title.hasPrefix(prefix) }
        XCTAssertEqual(Set(entityNodes.map(\.title)), Set(graph.entities.map(\.id)))
        XCTAssertEqual(entityNodes.count, graph.entities.count, "no duplicate nodes")
        XCTAssertEqual(Set(svg.nodes.filter { $0.title.hasPrefix(prefix) }.map(\.title)),
                       Set(DOTBuilder().legendNodeIDs(for: graph)))
        // Legend nodes and edges carry `id`s with the prefix, so the SVG tells them apart too.
        XCTAssertEqual(svg.nodes.filter { $0.id.hasPrefix(prefix) }.count, EntityType.allCases.count)
        let entityEdges = svg.edges.filter { !$0.id.hasPrefix(prefix) }
        XCTAssertEqual(entityEdges.count, graph.relations.filter { $0.predicate != .hasDate }.count)
        XCTAssertEqual(svg.edges.count - entityEdges.count, EdgeKind.allCases.count, "visible legend edges")
        XCTAssertTrue(svg.texts.contains("2023-09-19"))
    }

    func testNamesWithQuotesBackslashesAndEntitiesRoundTrip() throws {
        let svg = SVGSummary(try renderer.render(graph: Fixture.graph, layout: .dot, format: .svg))
        XCTAssertTrue(svg.texts.contains("Ukraine’s \"HUR\""), "\(svg.texts)")
        XCTAssertTrue(svg.texts.contains("AT&amp;T \\ Co"), "\(svg.texts)")
        XCTAssertTrue(svg.texts.contains("Nagorno-Karabakh"))
        XCTAssertTrue(svg.texts.contains("(Xankəndi)"))
    }

    func testAwkwardIDsSurviveAsNodeNames() throws {
        let ids = [#"q"x"#, #"back\slash"#, #"two\\"quote"#, "Nagorno-Karabakh/Ստեփանակերտ", "<b> & </b>", "sp ace"]
        let graph = Graph(entities: ids.map { Entity(id: $0, name: $0, type: .place) },
                          relations: zip(ids, ids.dropFirst()).map {
                              Relation(subject: $0, predicate: .locatedIn, object: .entity($1))
                          })
        let svg = SVGSummary(try renderer.render(graph: graph, layout: .dot, format: .svg))
        let prefix = DOTBuilder().legendPrefix(for: graph)
        XCTAssertEqual(Set(svg.nodes.map(\.title).filter { !$0.hasPrefix(prefix) }), Set(ids))
        XCTAssertEqual(svg.edges.filter { !$0.id.hasPrefix(prefix) }.count, ids.count - 1)
        for id in ids { XCTAssertTrue(svg.texts.contains(id), id) }
    }

    func testEveryLayoutProducesSVG() throws {
        for layout in Layout.allCases {
            let svg = SVGSummary(try renderer.render(graph: Fixture.graph, layout: layout, format: .svg))
            XCTAssertEqual(svg.nodes.count, Fixture.entities.count + EntityType.allCases.count, layout.rawValue)
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

    func testConcurrentTasksWithMixedFormats() async throws {
        let graph = Fixture.graph
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let format = RenderFormat.allCases[i % RenderFormat.allCases.count]
                    return try Renderer().render(graph: graph, layout: .neato, format: format).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(sizes.count, 8)
        XCTAssertTrue(sizes.allSatisfy { $0 > 0 })
    }

    func testMalformedDOTThrowsAndLeavesGraphvizUsable() throws {
        for bad in ["digraph { a -> ", "this is not dot", "digraph { a [label=\"unterminated] }"] {
            XCTAssertThrowsError(try renderer.render(dot: bad, layout: .dot, format: .svg)) { error in
                let e = error as? RenderError
                XCTAssertEqual(e?.kind, .parse, "\(error)")
                XCTAssertTrue(e?.message.hasPrefix("graphviz could not parse the DOT source") == true, "\(error)")
            }
        }
        // The parser's state must be reset after an error.
        let ok = try renderer.render(dot: "digraph { a -> b }", layout: .dot, format: .svg)
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
            XCTAssertTrue("\(error)".contains("libgvc6-config-update -c"), "\(error)")
        }
        XCTAssertNoThrow(try renderer.render(dot: dot, layout: .dot, format: .svg))
    }

    func testEmptyGraphRendersItsLegend() throws {
        let svg = SVGSummary(try renderer.render(graph: Graph(), format: .svg))
        XCTAssertEqual(svg.nodes.count, EntityType.allCases.count)
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

    func testSuggestedLayoutBySize() {
        XCTAssertEqual(Layout.suggested(forNodeCount: 0), .dot)
        XCTAssertEqual(Layout.suggested(forNodeCount: 60), .dot)
        XCTAssertEqual(Layout.suggested(forNodeCount: 61), .sfdp)
        XCTAssertEqual(Layout.suggested(for: Fixture.graph), .dot)
        XCTAssertEqual(Layout.suggested(for: Fixture.large(nodes: 200)), .sfdp)
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
