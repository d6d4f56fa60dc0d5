import Foundation
import GRDB
import KGExtract
import KGModel
import KGRDF
@testable import KGStore
import KGText
import XCTest

final class GraphStoreTests: XCTestCase {
    func testMigrationsCreateEveryTable() throws {
        let store = try GraphStore(inMemory: ())
        let (tables, applied) = try store.dbQueue.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")),
             try StoreSchema.migrator.appliedIdentifiers(db))
        }
        for t in ["terms", "quads", "documents", "entities", "contributions", "aliases", "mentions", "relations",
                  "evidence", "attribution", "meta", "entity_mentions", "entity_relations"] {
            XCTAssertTrue(tables.contains(t), "missing table \(t)")
        }
        XCTAssertEqual(applied, Set(StoreSchema.knownIdentifiers))
        let indexes = try store.dbQueue.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quads'"))
        }
        XCTAssertTrue(indexes.isSuperset(of: ["quads_posg", "quads_ospg", "quads_gspo"]))
    }

    func testIngestTwoDocumentsMergesSharedEntities() throws {
        let store = try GraphStore(inMemory: ())
        let a = try Fixture.ingest(store, Fixture.baku, as: "fixtures/baku.txt")
        let b = try Fixture.ingest(store, Fixture.yerevan, as: "fixtures/yerevan.txt")
        XCTAssertEqual(a.outcome, .added)
        XCTAssertEqual(b.outcome, .added)
        let graph = try store.graph()
        XCTAssertEqual(graph.documents.map(\.path), ["fixtures/baku.txt", "fixtures/yerevan.txt"])
        XCTAssertEqual(graph.validate(), [])
        // One Armenia, named in both documents, with mentions from both.
        let armenia = try XCTUnwrap(Fixture.entity(graph, key: "state:Armenia"))
        XCTAssertEqual(Set(armenia.mentions.map(\.doc)).count, 2)
        XCTAssertEqual(graph.entities.filter { $0.name == "Armenia" }.count, 1)
        // Events are keyed by content hash, not by the per-run "d1".
        XCTAssertFalse(graph.entities.contains { $0.key?.hasPrefix("event:d1:") == true })
        XCTAssertTrue(graph.entities.contains { $0.type == .event })
    }

    func testReingestUnchangedWritesNothing() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku)
        try Fixture.ingest(store, Fixture.yerevan)
        let before = try store.rowCounts()
        let changesBefore = try store.dbQueue.read { $0.totalChangesCount }
        let again = try Fixture.ingest(store, Fixture.baku)
        XCTAssertEqual(again.outcome, .unchanged)
        XCTAssertEqual(try store.rowCounts(), before)
        XCTAssertEqual(try store.dbQueue.read { $0.totalChangesCount }, changesBefore, "an unchanged file must not write")
    }

    func testChangedFileReplacesItsContribution() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku, as: "news/today.txt")
        XCTAssertNotNil(Fixture.entity(try store.graph(), key: "org:tass"))
        let report = try Fixture.ingest(store, Fixture.yerevan, as: "news/today.txt")
        XCTAssertEqual(report.outcome, .replaced)
        let graph = try store.graph()
        XCTAssertEqual(graph.documents.count, 1)
        XCTAssertNil(Fixture.entity(graph, key: "org:tass"), "TASS was only in the old version")
        XCTAssertNotNil(Fixture.entity(graph, key: "place:berdzor"))
        // Same state as ingesting the new version alone.
        let fresh = try GraphStore(inMemory: ())
        try Fixture.ingest(fresh, Fixture.yerevan, as: "news/today.txt")
        XCTAssertEqual(try store.rowCounts(), try fresh.rowCounts())
        Fixture.assertSameLines(try Fixture.graphLines(store, iri: store.documents()[0].iri),
                                try Fixture.graphLines(fresh, iri: fresh.documents()[0].iri))
    }

    func testRemoveTakesOutOnlyWhatTheDocumentBrought() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku, as: "a/baku.txt")
        try Fixture.ingest(store, Fixture.yerevan, as: "a/yerevan.txt")
        XCTAssertEqual(try store.remove(path: "a/yerevan.txt"), ["a/yerevan.txt"])
        let fresh = try GraphStore(inMemory: ())
        try Fixture.ingest(fresh, Fixture.baku, as: "a/baku.txt")
        // Rows, quads and terms are exactly those of the remaining document: nothing leaks.
        XCTAssertEqual(try store.rowCounts(), try fresh.rowCounts())
        XCTAssertNil(Fixture.entity(try store.graph(), key: "place:berdzor"))
        Fixture.assertSameLines(try Fixture.graphLines(store, iri: store.documents()[0].iri),
                                try Fixture.graphLines(fresh, iri: fresh.documents()[0].iri))
        // A folder path removes everything under it.
        XCTAssertEqual(try store.remove(path: "a"), ["a/baku.txt"])
        XCTAssertEqual(try store.rowCounts().values.reduce(0, +), 0)
        XCTAssertEqual(try store.remove(path: "a"), [])
    }

    func testPathsAreRecognisedWhateverTheirSpelling() throws {
        let store = try GraphStore(inMemory: ())
        XCTAssertEqual(try Fixture.ingest(store, Fixture.baku, as: "./news//baku.txt").outcome, .added)
        XCTAssertEqual(try Fixture.ingest(store, Fixture.baku, as: "news/baku.txt").outcome, .unchanged)
        XCTAssertEqual(try Fixture.ingest(store, Fixture.yerevan, as: "news/x/../baku.txt").outcome, .replaced)
        XCTAssertEqual(try store.documents().count, 1)
        XCTAssertEqual(try store.remove(path: "./news/./baku.txt"), ["news/x/../baku.txt"])
        XCTAssertEqual(Keys.normalize("../a/./b//c/"), "../a/b/c")
        XCTAssertEqual(Keys.normalize("/x/../y"), "/y")
        XCTAssertEqual(Keys.normalize("./"), ".")
    }

    func testSameFileNameInTwoFoldersGetsTwoNamedGraphs() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.seeds.appendingPathComponent("000_84cda22b246d34be.txt"), as: "a/news.txt")
        try Fixture.ingest(store, Fixture.seeds.appendingPathComponent("003_c5b2addbe5120c98.txt"), as: "b/news.txt")
        let docs = try store.documents()
        XCTAssertEqual(Set(docs.map(\.iri)).count, 2)
        let second = try XCTUnwrap(docs.first { $0.path == "b/news.txt" })
        XCTAssertTrue(second.iri.hasPrefix("https://kgraph.example.org/doc/news-"))
        let lines = try Fixture.graphLines(store, iri: second.iri)
        // The renamed document's evidence nodes follow its new name; none points at the other.
        XCTAssertTrue(lines.contains { $0.contains("/evidence/" + second.iri.split(separator: "/").last! + "-") })
        XCTAssertFalse(lines.contains { $0.contains("<https://kgraph.example.org/doc/news>") })
        // Taking the first out leaves the second's graph as if it had been ingested alone,
        // under its suffixed name.
        try store.remove(path: "a/news.txt")
        let fresh = try GraphStore(inMemory: ())
        try Fixture.ingest(fresh, Fixture.seeds.appendingPathComponent("003_c5b2addbe5120c98.txt"), as: "b/news.txt")
        let plain = try XCTUnwrap(fresh.documents().first?.iri)
        let local = String(second.iri.split(separator: "/").last!)
        let renamed = Set(try Fixture.graphLines(fresh, iri: plain).map {
            $0.replacingOccurrences(of: plain + ">", with: second.iri + ">")
                .replacingOccurrences(of: "/evidence/news-", with: "/evidence/\(local)-")
        })
        Fixture.assertSameLines(try Fixture.graphLines(store, iri: second.iri), renamed)
    }

    func testSurnameResolvesAcrossDocumentsInEitherOrder() throws {
        for order in [[Fixture.baku, Fixture.yerevan], [Fixture.yerevan, Fixture.baku]] {
            let store = try GraphStore(inMemory: ())
            for url in order { try Fixture.ingest(store, url) }
            let graph = try store.graph()
            XCTAssertNil(Fixture.entity(graph, key: "person:aliyev"), "the surname should join Ilham Aliyev")
            let aliyev = try XCTUnwrap(Fixture.entity(graph, key: "person:ilham aliyev"))
            XCTAssertEqual(aliyev.name, "Ilham Aliyev")
            XCTAssertEqual(aliyev.type, .official)
            XCTAssertEqual(Set(aliyev.mentions.map(\.doc)).count, 2, "mentions from both documents")
            XCTAssertTrue(aliyev.aliases.contains("Aliyev"))
            // The second document's named graph uses the full name's IRI.
            let yerevan = try XCTUnwrap(store.documents().first { $0.path == Fixture.yerevan.path })
            let lines = try Fixture.graphLines(store, iri: yerevan.iri)
            XCTAssertTrue(lines.contains { $0.contains("<https://kgraph.example.org/official/ilham-aliyev>") })
            XCTAssertFalse(lines.contains { $0.contains("person/aliyev>") })
        }
    }

    func testSurnameSplitsAgainWhenTheFullNameLeaves() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku)
        try Fixture.ingest(store, Fixture.yerevan)
        try store.remove(path: Fixture.baku.path)
        let graph = try store.graph()
        XCTAssertNil(Fixture.entity(graph, key: "person:ilham aliyev"), "no document names Ilham Aliyev any more")
        let aliyev = try XCTUnwrap(Fixture.entity(graph, key: "person:aliyev"))
        XCTAssertEqual(aliyev.name, "Aliyev")
        // And the store is the same as one that only ever saw the second document.
        let fresh = try GraphStore(inMemory: ())
        try Fixture.ingest(fresh, Fixture.yerevan)
        XCTAssertEqual(try store.rowCounts(), try fresh.rowCounts())
        Fixture.assertSameLines(try Fixture.graphLines(store, iri: store.documents()[0].iri),
                                try Fixture.graphLines(fresh, iri: fresh.documents()[0].iri))
    }

    func testNamedGraphEqualsExportOfTheDocumentAlone() throws {
        let store = try GraphStore(inMemory: ())
        let path = "seeds/" + "000_84cda22b246d34be.txt"
        let url = Fixture.seeds.appendingPathComponent("000_84cda22b246d34be.txt")
        try Fixture.ingest(store, url, as: path)
        let doc = try XCTUnwrap(store.documents().first)
        let stored = try Fixture.graphLines(store, iri: doc.iri)
        let exported = try Fixture.exportLines(url, path: path)
        XCTAssertGreaterThan(exported.count, 100)
        Fixture.assertSameLines(stored, exported, "store vs export:")
        XCTAssertEqual(doc.quads, exported.count)
    }

    func testQuadsStayInStepWithRelations() throws {
        let store = try GraphStore(inMemory: ())
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.seeds.path).sorted() {
            try Fixture.ingest(store, Fixture.seeds.appendingPathComponent(name), as: "seeds/" + name)
        }
        try Fixture.ingest(store, Fixture.baku)
        try Fixture.ingest(store, Fixture.yerevan)
        let mapper = try RDFMapper()
        // Every named graph holds exactly the RDF of its document's part of the graph.
        for doc in try store.documents() {
            let part = try XCTUnwrap(store.graph(documentPath: doc.path))
            let expected = Set(try serialize(mapper.triples(for: part), format: .nt).split(separator: "\n").map(String.init))
            Fixture.assertSameLines(try Fixture.graphLines(store, iri: doc.iri), expected, doc.path)
            // Each relation's direct triple is there, with the store's entity IRIs.
            XCTAssertEqual(doc.quads, expected.count)
        }
        // The union of the named graphs carries every relation of the whole graph.
        let graph = try store.graph()
        XCTAssertEqual(graph.validate(), [])
        let iris = mapper.entityIRIs(for: graph)
        var all = Set<Triple>()
        try store.quads.quads { _, t in all.insert(t) }
        for r in graph.relations {
            guard let s = iris[r.subject], let type = graph.entity(r.subject)?.type else { return XCTFail("no IRI for \(r.subject)") }
            let o: Term = switch r.object {
            case .entity(let id): .iri(iris[id] ?? "?")
            case .date(let d): RDFMapper.dateLiteral(d)
            }
            XCTAssertTrue(all.contains(Triple(.iri(s), RDFMapper.property(for: r.predicate, subjectType: type), o)),
                          "\(r.subject) \(r.predicate) \(r.object) has no quad")
        }
        let stats = try store.stats()
        XCTAssertEqual(stats.relations, graph.relations.count)
        XCTAssertEqual(stats.entities, graph.entities.count)
    }

    func testStatsCountsByTypeAndPredicate() throws {
        let store = try GraphStore(inMemory: ())
        try Fixture.ingest(store, Fixture.baku)
        try Fixture.ingest(store, Fixture.yerevan)
        let stats = try store.stats()
        let graph = try store.graph()
        for (type, count) in stats.entitiesByType {
            XCTAssertEqual(count, graph.entities.filter { $0.type.rawValue == type }.count, type)
        }
        for (predicate, count) in stats.relationsByPredicate {
            XCTAssertEqual(count, graph.relations.filter { $0.predicate.rawValue == predicate }.count, predicate)
        }
        XCTAssertEqual(stats.documents.count, 2)
        XCTAssertEqual(stats.quads, stats.documents.map(\.quads).reduce(0, +))
        XCTAssertLessThanOrEqual(stats.triples, stats.quads)
    }
}
