import Foundation
import XCTest

/// The listing commands through the binary: the same claims from files (the graph) and from a
/// store (SPARQL), the SPARQL printed by --explain, and the timeline's date range.
final class ListingEndToEndTests: XCTestCase {
    /// Claims as a set of "claim<TAB>asserted<TAB>disputed" lines; the two paths order rows
    /// differently and list several names in different orders.
    private func claims(_ tsv: String) -> Set<String> {
        Set(tsv.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let sortedNames = { (s: String) in s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted().joined(separator: ", ") }
            return [f[0], sortedNames(f[1]), sortedNames(f[2])].joined(separator: "\t")
        })
    }

    func testClaimsFromFilesAndFromTheStoreAgree() throws {
        let db = try CLI.tempDir().appendingPathComponent("kg.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "seeds", "--db", db]).status, 0)
        for extra in [[], ["--disputed"], ["--by", "HUR"]] {
            let files = try CLI.run(["claims", "seeds", "--format", "tsv"] + extra)
            let store = try CLI.run(["claims", "--db", db, "--format", "tsv"] + extra)
            XCTAssertEqual(files.status, 0, files.stderr)
            XCTAssertEqual(store.status, 0, store.stderr)
            XCTAssertFalse(claims(files.stdoutText).isEmpty, "\(extra)")
            XCTAssertEqual(claims(files.stdoutText), claims(store.stdoutText), "\(extra)")
        }
    }

    func testClaimsExplainPrintsTheSparql() throws {
        let out = try CLI.run(["claims", "seeds", "--by", "HUR", "--disputed", "--explain"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdoutText.contains("prov:wasAttributedTo ?source"))
        XCTAssertTrue(out.stdoutText.contains("FILTER EXISTS { ?st kg:disputedBy ?anyone }"))
    }

    func testEventsRangeAndBadDate() throws {
        let july = try CLI.run(["events", "seeds", "--from", "2021-07", "--to", "2021-07", "--format", "tsv"])
        XCTAssertEqual(july.status, 0, july.stderr)
        let dates = july.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        XCTAssertFalse(dates.isEmpty)
        XCTAssertTrue(dates.allSatisfy { $0.hasPrefix("2021-07") }, "\(dates)")
        let bad = try CLI.run(["events", "seeds", "--from", "2021-13"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1)
    }
}
