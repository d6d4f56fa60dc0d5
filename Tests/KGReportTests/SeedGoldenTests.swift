import Foundation
import KGExtract
import KGModel
import KGText
import Testing
@testable import KGReport

/// The entity table and the timeline of the sample articles, as golden files: any change to
/// what the extractor finds in `seeds/` shows up here as a readable diff.
/// Record new files with `KGRAPH_RECORD=1 swift test --filter SeedGolden`.
@Suite struct SeedGolden {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func seedGraph() throws -> Graph {
        let sources = try InputCollector.collect([root.appendingPathComponent("seeds").path])
        return Extractor().extract(try sources.map { try DocumentReader.read($0) })
    }

    static func check(_ actual: String, against name: String) throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["KGRAPH_RECORD"] == "1" || !FileManager.default.fileExists(atPath: golden.path) {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); check it and run again")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
        Issue.record("""
            \(name) differs at line \((line?.offset ?? min(a.count, e.count)) + 1):
              got  \(line.map { String($0.element.0) } ?? "(end)")
              want \(line.map { String($0.element.1) } ?? "(end)")
            """)
    }

    @Test func entityTable() throws {
        let rows = EntityListing.rows(try Self.seedGraph())
        try Self.check(EntityListing.table(rows).tsv(), against: "seeds-entities.tsv")
    }

    @Test func timeline() throws {
        let rows = Timeline.rows(try Self.seedGraph())
        try Self.check(Timeline.table(rows, width: nil).tsv(), against: "seeds-timeline.tsv")
    }
}
