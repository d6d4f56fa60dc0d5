import Foundation
import GRDB
import KGModel
import KGRDF

/// Cross-document identity: which store entity each document's contribution belongs to, and
/// what an entity's canonical name, type and IRI are, given all its contributions.
enum Resolution {
    /// A document that names only "Aliyev" gets the key "person:aliyev": the extractor saw no
    /// fuller name in that document. The store resolves it to the one entity whose key is a
    /// full person name ending in that surname, when there is exactly one (and only if some
    /// document names that entity in full); otherwise the surname stays its own entity. Run
    /// for every surname whose candidates may have changed, after ingests and removals alike,
    /// so the outcome does not depend on the order documents arrived in.
    static func resolveSurnames(_ surnames: Set<String>, store: GraphStore, _ db: Database,
                                _ change: inout GraphStore.Change) throws {
        for surname in surnames.sorted() {
            let key = "person:" + surname
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, doc, entity, name, type FROM contributions WHERE local_key = ? ORDER BY id"),
                                        arguments: [key])
            guard let first = rows.first else { continue }
            let candidates = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT e.id FROM entities e
                WHERE e.surname = ? AND e.type IN ('Person', 'Official')
                  AND EXISTS (SELECT 1 FROM contributions c WHERE c.entity = e.id AND c.local_key = e.key)
                """), arguments: [surname])
            let target: Int64
            if candidates.count == 1 {
                target = candidates[0]
            } else {
                let type = EntityType(rawValue: first["type"]) ?? .person
                target = try store.ensureEntity(key: key, name: first["name"], type: type, db)
            }
            for row in rows {
                let current: Int64 = row["entity"]
                guard current != target else { continue }
                try db.cachedStatement(sql: "UPDATE contributions SET entity = ? WHERE id = ?").execute(arguments: [target, row["id"] as Int64])
                change.entities.insert(current)
                change.entities.insert(target)
                change.documents.insert(row["doc"])
            }
        }
    }

    /// Re-derives an entity's canonical fields from its contributions, or deletes it when no
    /// document names it any more. Returns true when its name, type or IRI changed (the RDF of
    /// every document naming it must then be rewritten).
    static func rederive(_ entity: Int64, store: GraphStore, _ db: Database) throws -> Bool {
        guard let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT key, name, type, iri, wikidata, cameo, attributes FROM entities WHERE id = ?"),
                                             arguments: [entity]) else { return false }
        // Aggregates in SQL: an entity such as Russia has a contribution from nearly every
        // document, and is touched by nearly every ingest.
        var types: [EntityType: Int] = [:]
        for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT type, count(*) AS n FROM contributions WHERE entity = ? GROUP BY type"),
                                  arguments: [entity]) {
            if let t = EntityType(rawValue: r["type"]) { types[t] = r["n"] }
        }
        if types.isEmpty {
            try db.cachedStatement(sql: "DELETE FROM entities WHERE id = ?").execute(arguments: [entity])
            return false
        }
        let type = canonicalType(types)
        // The fullest name ("Ilham Aliyev" over "Aliyev"), then the first in code point order,
        // so the choice does not depend on the order documents arrived in.
        let name = try String.fetchOne(db.cachedStatement(sql: """
            SELECT name FROM contributions WHERE entity = ? ORDER BY length(name) DESC, name LIMIT 1
            """), arguments: [entity]) ?? ""
        let wikidata = try String.fetchOne(db.cachedStatement(sql: """
            SELECT wikidata FROM contributions WHERE entity = ? AND wikidata IS NOT NULL ORDER BY doc, id LIMIT 1
            """), arguments: [entity])
        let cameo = try String.fetchOne(db.cachedStatement(sql: """
            SELECT cameo FROM contributions WHERE entity = ? AND cameo IS NOT NULL ORDER BY doc, id LIMIT 1
            """), arguments: [entity])
        var attributes: [String: String] = [:]
        for text in try String.fetchAll(db.cachedStatement(sql: """
            SELECT attributes FROM contributions WHERE entity = ? AND attributes <> '{}' ORDER BY doc, id
            """), arguments: [entity]) {
            attributes.merge(JSONText.decode(text)) { old, _ in old }
        }

        let key: String = current["key"]
        let iri = try entityIRI(entity, key: key, name: name, type: type, store: store, db)
        let changed = name != current["name"] || type.rawValue != current["type"] || iri != current["iri"]
        try db.cachedStatement(sql: """
            UPDATE entities SET name = ?, type = ?, iri = ?, wikidata = ?, cameo = ?, attributes = ? WHERE id = ?
            """).execute(arguments: [name, type.rawValue, iri, wikidata, cameo, JSONText.encode(attributes), entity])
        return changed
    }

    /// One title anywhere makes a person an official (as the extractor decides within a run);
    /// otherwise the type most documents give, ties broken by the vocabulary's order.
    static func canonicalType(_ counts: [EntityType: Int]) -> EntityType {
        let set = Set(counts.keys)
        if set.isSubset(of: [.person, .official]) { return set.contains(.official) ? .official : .person }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? .person
    }

    /// The IRI the RDF mapper gives the entity. Non-events are named by type and name; an
    /// event also by its first mention (document basename and offset), so that is read too.
    private static func entityIRI(_ entity: Int64, key: String, name: String, type: EntityType,
                                  store: GraphStore, _ db: Database) throws -> String {
        var documents: [Document] = []
        var mentions: [Mention] = []
        if type == .event {
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.doc, m.start, m."end", d.path FROM mentions m JOIN contributions c ON c.id = m.contribution
                JOIN documents d ON d.id = m.doc WHERE c.entity = ?
                """), arguments: [entity])
            var seen = Set<Int64>()
            for r in rows {
                let doc: Int64 = r["doc"]
                if seen.insert(doc).inserted { documents.append(Document(id: "d\(doc)", path: r["path"])) }
                mentions.append(Mention(doc: "d\(doc)", start: r["start"], end: r["end"]))
            }
        }
        let e = Entity(id: "e\(entity)", name: name, type: type, mentions: mentions, key: key)
        return store.mapper.entityIRIs(for: Graph(documents: documents, entities: [e]))[e.id] ?? ""
    }
}
