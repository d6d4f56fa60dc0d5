import Foundation
import GRDB
import KGModel
import KGRDF
@testable import KGStore
import XCTest

/// The store as a file: bad files, schema versions, locks, and RDF in and out.
final class StoreFileTests: XCTestCase {
    func testMissingFileIsAnErrorForReaders() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("none.sqlite").path
        XCTAssertThrowsError(try GraphStore(path: path, create: false)) { error in
            XCTAssertEqual(error as? StoreError, .missing(path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a reader must not create the file")
    }

    func testNotADatabase() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("text.sqlite").path
        try Data(String(repeating: "This is plain text, not SQLite.\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try GraphStore(path: path, create: false)) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(path))
            XCTAssertFalse((error as! StoreError).description.contains("\n"))
        }
    }

    func testSomeoneElsesDatabaseIsLeftAlone() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE customers(id INTEGER)") }
        XCTAssertThrowsError(try GraphStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .notAStore(path))
        }
        let tables = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
        XCTAssertEqual(tables, ["customers"])
    }

    func testNewerSchemaIsRefused() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("future.sqlite").path
        _ = try GraphStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v9-future')")
        }
        XCTAssertThrowsError(try GraphStore(path: path, create: false)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path, unknown: ["v9-future"]))
            XCTAssertTrue("\(error)".contains("newer kgraph"))
        }
        // A store this program wrote opens again.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v9-future'") }
        XCTAssertNoThrow(try GraphStore(path: path, create: false))
    }

    func testLockedDatabaseFailsAfterTheBusyTimeout() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("locked.sqlite").path
        let store = try GraphStore(path: path, busyTimeout: 0.2)
        try Fixture.ingest(store, Fixture.yerevan)
        // Another connection holds the write lock, as a second `kgraph ingest` would.
        let other = try DatabaseQueue(path: path)
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? other.inTransaction(.immediate) { _ in
                held.signal()
                release.wait()
                return .rollback
            }
            done.signal()
        }
        held.wait()
        XCTAssertThrowsError(try Fixture.ingest(store, Fixture.baku)) { error in
            XCTAssertEqual(error as? StoreError, .locked(path))
        }
        // Removing does no extraction, so its time is the wait: the busy timeout, then the error.
        let started = Date()
        XCTAssertThrowsError(try store.remove(path: Fixture.yerevan.path)) { error in
            XCTAssertEqual(error as? StoreError, .locked(path))
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.15, "should wait for the busy timeout first")
        XCTAssertLessThan(waited, 3, "and then give up")
        // Readers are not blocked by a writer (WAL).
        XCTAssertNoThrow(try store.stats())
        release.signal()
        done.wait()
        XCTAssertEqual(try Fixture.ingest(store, Fixture.baku).outcome, .added)
        XCTAssertEqual(try store.remove(path: Fixture.yerevan.path), [Fixture.yerevan.path])
    }

    func testStoreSurvivesReopening() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("kg.sqlite").path
        do {
            let store = try GraphStore(path: path)
            try Fixture.ingest(store, Fixture.baku)
        }
        let reopened = try GraphStore(path: path, create: false)
        XCTAssertEqual(try reopened.documents().count, 1)
        XCTAssertEqual(try Fixture.ingest(reopened, Fixture.baku).outcome, .unchanged)
    }

    func testNQuadsExportParsesWithRapperAndCountsMatch() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku)
        try Fixture.ingest(store, Fixture.yerevan)
        let data = try store.quads.nquads()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, try store.quads.quadCount())
        // Every line names one of the two documents' graphs.
        let graphs = Set(try store.documents().map(\.iri))
        XCTAssertEqual(graphs.count, 2)
        XCTAssertTrue(lines.allSatisfy { line in graphs.contains { line.hasSuffix("<\($0)> .") } })

        let file = try Fixture.tempDir().appendingPathComponent("store.nq")
        try data.write(to: file)
        // Our own reader gives back the same quads.
        let back = try QuadStore(inMemory: ())
        XCTAssertEqual(try back.load(nquadsOrTurtle: file.path), lines.count)
        XCTAssertEqual(try back.graphNames().count, 2)

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/rapper") else {
            throw XCTSkip("rapper is not installed (make deps installs raptor2-utils)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/rapper")
        p.arguments = ["-i", "nquads", "-c", file.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, text)
        let count = text.split(separator: "\n").first { $0.contains("returned") }?.split(separator: " ").compactMap { Int($0) }.first
        XCTAssertEqual(count, lines.count, text)
    }

    func testLoadTurtleResolvesPrefixesAndScopesBlankNodes() throws {
        let dir = try Fixture.tempDir()
        let ttl = dir.appendingPathComponent("a.ttl")
        try """
            @prefix ex: <http://example.org/> .
            @base <http://example.org/base/> .
            ex:a ex:p "x"@EN, 42, "4.5"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
                 ex:q <relative> ;
                 ex:r _:b1 .
            _:b1 ex:p "plain" .
            """.write(to: ttl, atomically: true, encoding: .utf8)
        let store = try QuadStore(inMemory: ())
        XCTAssertEqual(try store.load(nquadsOrTurtle: ttl.path), 6)
        XCTAssertEqual(try store.load(nquadsOrTurtle: ttl.path), 2, "a second load adds only its own blank node's quads")
        try store.dbQueue.read { db in
            XCTAssertNotNil(try store.termID(.iri("http://example.org/base/relative"), in: db))
            XCTAssertNotNil(try store.termID(.literal("x", datatype: nil, language: "en"), in: db), "language tags are lowercased")
            XCTAssertEqual(try Double.fetchOne(db, sql: "SELECT num FROM terms WHERE value = '42'"), 42)
            XCTAssertEqual(try Double.fetchOne(db, sql: "SELECT num FROM terms WHERE value = '4.5'"), 4.5)
            XCTAssertNil(try Double.fetchOne(db, sql: "SELECT num FROM terms WHERE value = 'plain'"))
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT datatype FROM terms WHERE value = 'plain'"), "", "xsd:string is stored as ''")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM terms WHERE kind = 1"), 2)
        }
    }

    func testLoadReportsSyntaxErrorsWithLineAndColumn() throws {
        let file = try Fixture.tempDir().appendingPathComponent("bad.nt")
        try "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n".write(to: file, atomically: true, encoding: .utf8)
        let store = try QuadStore(inMemory: ())
        XCTAssertThrowsError(try store.load(nquadsOrTurtle: file.path)) { error in
            let e = error as? RDFParseError
            XCTAssertEqual(e?.line, 2)
            XCTAssertGreaterThan(e?.column ?? 0, 0)
        }
        XCTAssertEqual(try store.quadCount(), 0, "a failed load is rolled back whole")
    }

    func testContentHashIsSHA256() {
        // FIPS 180-4 test vectors: empty, "abc", and a two-block message.
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testRemoveGraphCollectsUnusedTerms() throws {
        let store = try QuadStore(inMemory: ())
        let shared = Triple(.iri("http://x/a"), .iri("http://x/p"), .string("shared"))
        try store.insert([shared, Triple(.iri("http://x/b"), .iri("http://x/p"), .string("only g1"))], graph: .iri("http://x/g1"))
        try store.insert([shared], graph: .iri("http://x/g2"))
        try store.removeGraph(.iri("http://x/g1"))
        try store.dbQueue.read { db in
            XCTAssertNil(try store.termID(.string("only g1"), in: db))
            XCTAssertNil(try store.termID(.iri("http://x/g1"), in: db))
            XCTAssertNotNil(try store.termID(.string("shared"), in: db))
        }
        XCTAssertEqual(try store.quadCount(), 1)
        XCTAssertEqual(try store.graphNames(), [.iri("http://x/g2")])
    }
}
