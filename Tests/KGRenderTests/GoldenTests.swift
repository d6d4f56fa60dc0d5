import Foundation
import KGModel
import XCTest
@testable import KGRender

/// The DOT of each view of the fixture graph, compared byte for byte with a file under
/// `Golden/`. After an intended change, rewrite them with `KG_UPDATE_GOLDEN=1 swift test
/// --filter GoldenTests` and read the diff.
final class GoldenTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ name: String, _ dot: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KG_UPDATE_GOLDEN"] == "1" {
            try dot.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if dot != expected {
            let a = dot.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail("\(name) differs at line \(first + 1):\n got: \(first < a.count ? a[first] : "<end>")\nwant: \(first < b.count ? b[first] : "<end>")",
                    file: file, line: line)
        }
    }

    /// Links are made relative to `out/`, as `kgraph render … -o out/picture.svg` would.
    func builder(_ view: View) -> DOTBuilder { DOTBuilder(view: view, linkBase: "out") }

    func testWholeViewWithDot() throws {
        try check("whole.dot", builder(.whole).build(Fixture.graph, for: .dot))
    }

    func testWholeViewWithSfdpHasLabelNodes() throws {
        try check("whole-sfdp.dot", builder(.whole).build(Fixture.graph, for: .sfdp))
    }

    func testActorsView() throws {
        try check("actors.dot", builder(.actors).build(Fixture.graph, for: .dot))
    }

    func testTimelineView() throws {
        try check("timeline.dot", builder(.timeline).build(Fixture.graph, for: .dot))
    }

    func testFocusView() throws {
        let filter = GraphFilter(focus: "Aliyev", depth: 1)
        let shown = try filter.apply(to: Fixture.graph)
        try check("focus-aliyev.dot", builder(.whole).build(shown, for: .dot, context: Fixture.graph,
                                                             highlight: filter.focusIDs(in: shown)))
    }

    func testSameInputInAnyOrderGivesTheSameDOT() {
        var shuffled = Fixture.graph
        shuffled.entities.reverse()
        shuffled.relations = Array(shuffled.relations[7...] + shuffled.relations[..<7]).reversed()
        shuffled.documents.reverse()
        for view in View.allCases {
            for layout in [Layout.dot, .sfdp] {
                let a = builder(view).build(Fixture.graph, for: layout)
                XCTAssertEqual(a, builder(view).build(Fixture.graph, for: layout), "\(view) \(layout) twice")
                XCTAssertEqual(a, builder(view).build(shuffled, for: layout), "\(view) \(layout) shuffled")
            }
        }
    }
}
