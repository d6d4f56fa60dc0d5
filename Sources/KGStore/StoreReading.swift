import Foundation
import GRDB
import KGModel
import KGRDF

/// What reading commands ask of a store.
extension GraphStore {
    /// The whole graph rebuilt from the tables: documents, entities with their aliases,
    /// mentions, key, Wikidata and CAMEO ids and attributes, relations with evidence and
    /// attribution. Every command that reads a graph can run from this.
    public func graph() throws -> Graph {
        try storeCall { try dbQueue.read { db in try GraphReader(db).graph() } }
    }

    /// One document's part of the graph, as its named graph is mapped from.
    public func graph(documentPath: String) throws -> Graph? {
        try storeCall {
            try dbQueue.read { db in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE path_key = ?",
                                                 arguments: [Keys.normalize(documentPath)]) else { return nil }
                return try GraphReader(db).graph(document: id)
            }
        }
    }

    public struct StoredDocument: Sendable, Equatable {
        public let path: String
        public let title: String?
        public let date: String?
        public let hash: String
        public let iri: String
        public let quads: Int
    }

    public func documents() throws -> [StoredDocument] {
        try storeCall {
            try dbQueue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.path, d.title, d.date, d.hash, d.iri,
                           (SELECT count(*) FROM quads q WHERE q.g = t.id) AS quads
                    FROM documents d LEFT JOIN terms t ON t.kind = 0 AND t.value = d.iri AND t.datatype = '' AND t.lang = ''
                    ORDER BY d.path
                    """).map {
                    StoredDocument(path: $0["path"], title: $0["title"], date: $0["date"], hash: $0["hash"], iri: $0["iri"],
                                   quads: $0["quads"] ?? 0)
                }
            }
        }
    }

    public struct Stats: Sendable, Equatable {
        public var documents: [StoredDocument]
        /// Entity counts by type, in the vocabulary's order.
        public var entitiesByType: [(type: String, count: Int)]
        /// Distinct facts (subject, predicate, object across documents) by predicate.
        public var relationsByPredicate: [(predicate: String, count: Int)]
        public var entities: Int
        public var relations: Int
        public var quads: Int
        /// Distinct (s, p, o) over all named graphs: what a query of the default graph sees.
        public var triples: Int
        public var terms: Int

        public static func == (a: Stats, b: Stats) -> Bool {
            a.documents == b.documents && a.entitiesByType.map(\.type) == b.entitiesByType.map(\.type)
                && a.entitiesByType.map(\.count) == b.entitiesByType.map(\.count)
                && a.relationsByPredicate.map(\.predicate) == b.relationsByPredicate.map(\.predicate)
                && a.relationsByPredicate.map(\.count) == b.relationsByPredicate.map(\.count)
                && (a.entities, a.relations, a.quads, a.triples, a.terms) == (b.entities, b.relations, b.quads, b.triples, b.terms)
        }
    }

    public func stats() throws -> Stats {
        let documents = try documents()
        return try storeCall {
            try dbQueue.read { db in
                let typeRows = try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM entities GROUP BY type")
                var byType: [String: Int] = [:]
                for r in typeRows { byType[r["type"]] = r["n"] }
                let entitiesByType = EntityType.allCases.compactMap { t in byType[t.rawValue].map { (t.rawValue, $0) } }
                // Facts, not rows: the same statement from two documents is one relation.
                let predicateRows = try Row.fetchAll(db, sql: """
                    SELECT predicate, count(*) AS n FROM (
                        SELECT DISTINCT subject, predicate, object, object_date FROM entity_relations
                        WHERE object IS NULL OR object <> subject)
                    GROUP BY predicate
                    """)
                var byPredicate: [String: Int] = [:]
                for r in predicateRows { byPredicate[r["predicate"]] = r["n"] }
                let relationsByPredicate = KGModel.Predicate.allCases.compactMap { p in byPredicate[p.rawValue].map { (p.rawValue, $0) } }
                return Stats(
                    documents: documents,
                    entitiesByType: entitiesByType,
                    relationsByPredicate: relationsByPredicate,
                    entities: entitiesByType.map { $0.1 }.reduce(0, +),
                    relations: relationsByPredicate.map { $0.1 }.reduce(0, +),
                    quads: try Int.fetchOne(db, sql: "SELECT count(*) FROM quads") ?? 0,
                    triples: try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT s, p, o FROM quads)") ?? 0,
                    terms: try Int.fetchOne(db, sql: "SELECT count(*) FROM terms") ?? 0)
            }
        }
    }

    /// Row counts of every table, for tests and for checking that a no-op changed nothing.
    public func rowCounts() throws -> [String: Int] {
        try storeCall {
            try dbQueue.read { db in
                var out: [String: Int] = [:]
                for table in ["documents", "entities", "contributions", "aliases", "mentions", "relations", "evidence",
                              "attribution", "terms", "quads"] {
                    out[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                return out
            }
        }
    }
}
