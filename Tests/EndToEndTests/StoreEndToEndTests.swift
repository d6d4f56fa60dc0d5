import Foundation
import XCTest

/// The store through the binary: ingest, stats, remove, export --db, and the one-line errors.
final class StoreEndToEndTests: XCTestCase {
    private func lines(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map(String.init))
    }

    func testIngestIsIncrementalAndStatsListsTheDocuments() throws {
        let db = try CLI.tempDir().appendingPathComponent("kg.sqlite").path
        let first = try CLI.run(["ingest", "seeds", "--db", db])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdoutText.split(separator: "\n").filter { $0.hasPrefix("added seeds/") }.count, 4)
        let again = try CLI.run(["ingest", "seeds", "--db", db])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdoutText.split(separator: "\n").filter { $0.hasPrefix("unchanged seeds/") }.count, 4)
        XCTAssertTrue(again.stdoutText.contains("0 added, 0 replaced, 4 unchanged"))

        let stats = try CLI.run(["stats", "--db", db])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdoutText.contains("documents: 4"))
        for name in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("seeds").path) {
            XCTAssertTrue(stats.stdoutText.contains("seeds/" + name), name)
        }
        XCTAssertTrue(stats.stdoutText.contains("State"))
        XCTAssertTrue(stats.stdoutText.contains("officialOf"))

        let removed = try CLI.run(["remove", "./seeds/003_c5b2addbe5120c98.txt", "--db", db])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(removed.stdoutText, "removed seeds/003_c5b2addbe5120c98.txt\n")
        XCTAssertTrue(try CLI.run(["stats", "--db", db]).stdoutText.contains("documents: 3"))
        let unknown = try CLI.run(["remove", "seeds/nothing.txt", "--db", db])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "kgraph: seeds/nothing.txt: no such document in \(db)\n")
    }

    func testStoreExportMatchesTheExportOfTheDocumentAlone() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("one.sqlite").path
        let doc = "seeds/001_aac60002bc4dad11.txt"
        XCTAssertEqual(try CLI.run(["ingest", doc, "--db", db, "--quiet"]).status, 0)
        let fromStore = try CLI.run(["export", "--db", db, "--format", "nt"])
        XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
        let direct = try CLI.run(["export", doc, "--format", "nt"])
        XCTAssertEqual(direct.status, 0, direct.stderr)
        XCTAssertGreaterThan(lines(direct.stdoutText).count, 100)
        XCTAssertEqual(lines(fromStore.stdoutText), lines(direct.stdoutText))
        // N-Quads from the store and from the file agree too, graph names included.
        let nqStore = try CLI.run(["export", "--db", db, "--format", "nq"])
        let nqFile = try CLI.run(["export", doc, "--format", "nq"])
        XCTAssertEqual(nqStore.status, 0, nqStore.stderr)
        XCTAssertEqual(lines(nqStore.stdoutText), lines(nqFile.stdoutText))
        XCTAssertTrue(nqStore.stdoutText.contains("<https://kgraph.example.org/doc/001-aac60002bc4dad11> .\n"))
    }

    func testNQuadsExportParsesWithRapper() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("kg.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "seeds", "--db", db, "--quiet"]).status, 0)
        let out = dir.appendingPathComponent("all.nq")
        let export = try CLI.run(["export", "--db", db, "-o", out.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let text = try String(contentsOf: out, encoding: .utf8)
        let quads = text.split(separator: "\n").count
        let stats = try CLI.run(["stats", "--db", db]).stdoutText
        XCTAssertTrue(stats.contains("quads: \(quads) "), "stats should count the \(quads) exported quads:\n\(stats)")
        guard let count = try CLI.rapperCount(out, syntax: "nquads") else { throw XCTSkip("rapper is not installed") }
        XCTAssertEqual(count, quads)
    }

    func testLoadPutsRDFIntoTheStore() throws {
        let dir = try CLI.tempDir()
        let nt = dir.appendingPathComponent("x.nt")
        try "<http://example.org/a> <http://example.org/p> \"v\" .\n<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
            .write(to: nt, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("kg.sqlite").path
        let load = try CLI.run(["load", nt.path, "--db", db, "--graph", "http://example.org/g"])
        XCTAssertEqual(load.status, 0, load.stderr)
        XCTAssertTrue(load.stdoutText.hasPrefix("loaded 2 quads from "))
        let nq = try CLI.run(["export", "--db", db, "--format", "nq"]).stdoutText
        XCTAssertEqual(nq, """
            <http://example.org/a> <http://example.org/p> "v" <http://example.org/g> .
            <http://example.org/a> <http://example.org/p> <http://example.org/b> <http://example.org/g> .

            """)
        let bad = dir.appendingPathComponent("bad.ttl")
        try "@prefix ex: <http://example.org/> .\nex:a ex:p .\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try CLI.run(["load", bad.path, "--db", db])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.hasPrefix("kgraph: \(bad.path):2:"), failed.stderr)
    }

    func testBadStoresGetOneLineErrors() throws {
        let dir = try CLI.tempDir()
        let missing = dir.appendingPathComponent("missing.sqlite").path
        for args in [["stats", "--db", missing], ["export", "--db", missing], ["remove", "x.txt", "--db", missing]] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertEqual(r.stderr, "kgraph: \(missing): no such database (create it with kgraph ingest)\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
        }
        let text = dir.appendingPathComponent("text.sqlite")
        try String(repeating: "not a database\n", count: 100).write(to: text, atomically: true, encoding: .utf8)
        let notDB = try CLI.run(["stats", "--db", text.path])
        XCTAssertEqual(notDB.status, 1)
        XCTAssertEqual(notDB.stderr, "kgraph: \(text.path): not a SQLite database\n")
        let ingestNotDB = try CLI.run(["ingest", "seeds", "--db", text.path])
        XCTAssertEqual(ingestNotDB.status, 1)

        let both = try CLI.run(["export", "seeds", "--db", missing])
        XCTAssertEqual(both.status, 2)
        XCTAssertEqual(both.stderr, "kgraph: give either files and folders or --db, not both\n")
        let neither = try CLI.run(["export"])
        XCTAssertEqual(neither.status, 2)
        let stdin = try CLI.run(["ingest", "-", "--db", missing])
        XCTAssertEqual(stdin.status, 2)
    }

    func testBadArticleStopsTheIngestWithOneLine() throws {
        let dir = try CLI.tempDir()
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("seeds/000_84cda22b246d34be.txt"),
                                         to: articles.appendingPathComponent("a.txt"))
        try Data([0x00, 0x01, 0x02]).write(to: articles.appendingPathComponent("b.txt"))
        let db = dir.appendingPathComponent("kg.sqlite").path
        let r = try CLI.run(["ingest", articles.path, "--db", db])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "kgraph: \(articles.path)/b.txt: binary file (contains NUL bytes), not text\n")
        // Documents are committed one by one: the good one before the bad one is in.
        XCTAssertTrue(try CLI.run(["stats", "--db", db]).stdoutText.contains("documents: 1"))
    }

    func testNewerSchemaIsRefused() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("sqlite3 is not installed") }
        let db = try CLI.tempDir().appendingPathComponent("kg.sqlite").path
        XCTAssertEqual(try CLI.run(["ingest", "seeds/000_84cda22b246d34be.txt", "--db", db, "--quiet"]).status, 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, "INSERT INTO grdb_migrations(identifier) VALUES ('v9-from-the-future')"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let r = try CLI.run(["stats", "--db", db])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "kgraph: \(db): written by a newer kgraph (unknown schema migrations: v9-from-the-future); upgrade kgraph to read it\n")
    }
}
