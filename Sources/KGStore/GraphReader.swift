import Foundation
import GRDB
import KGModel

/// Rebuilds `KGModel.Graph`s from the tables: one document's part (what its named graph is
/// mapped from) or the whole store (what reading commands use). Ids are the store's row ids,
/// "d<doc>" and "e<entity>", so they are stable while the rows live.
struct GraphReader {
    let db: Database

    init(_ db: Database) { self.db = db }

    /// One document's part of the graph, with the store's entity identities (canonical name and
    /// type), the document's own mentions and aliases, and its relations.
    func graph(document: Int64) throws -> Graph {
        try build(documentFilter: document)
    }

    /// The whole store.
    func graph() throws -> Graph {
        try build(documentFilter: nil)
    }

    private func build(documentFilter doc: Int64?) throws -> Graph {
        let whereDoc = doc == nil ? "" : " WHERE doc = \(doc!)"
        let whereDocAlias = { (alias: String) in doc == nil ? "" : " WHERE \(alias).doc = \(doc!)" }

        var documents: [Document] = []
        for r in try Row.fetchAll(db, sql: "SELECT id, path, title, date FROM documents" + (doc == nil ? "" : " WHERE id = \(doc!)") + " ORDER BY id") {
            let id: Int64 = r["id"]
            documents.append(Document(id: "d\(id)", path: r["path"], title: r["title"],
                                      date: (r["date"] as String?).flatMap(DateLiteral.init(iso:))))
        }

        // Contribution → entity, and each entity's name and local names in order.
        var entityOf: [Int64: Int64] = [:]
        var order: [Int64] = []
        var entities: [Int64: Entity] = [:]
        var localNames: [Int64: [String]] = [:]
        let contributionRows = try Row.fetchAll(db, sql: """
            SELECT c.id, c.entity, c.name AS local_name, e.key, e.name, e.type, e.wikidata, e.cameo, e.attributes
            FROM contributions c JOIN entities e ON e.id = c.entity\(whereDocAlias("c")) ORDER BY c.entity, c.doc, c.id
            """)
        for r in contributionRows {
            let cid: Int64 = r["id"]
            let eid: Int64 = r["entity"]
            entityOf[cid] = eid
            localNames[eid, default: []].append(r["local_name"])
            if entities[eid] == nil {
                order.append(eid)
                entities[eid] = Entity(id: "e\(eid)", name: r["name"], type: EntityType(rawValue: r["type"]) ?? .person,
                                       key: r["key"], wikidata: r["wikidata"], cameo: r["cameo"],
                                       attributes: JSONText.decode(r["attributes"]))
            }
        }
        var aliasLists: [Int64: [String]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT a.contribution, a.alias FROM aliases a JOIN contributions c ON c.id = a.contribution\(whereDocAlias("c"))
            ORDER BY c.doc, a.rowid
            """) {
            if let eid = entityOf[r["contribution"]] { aliasLists[eid, default: []].append(r["alias"]) }
        }
        for r in try Row.fetchAll(db, sql: "SELECT contribution, doc, start, \"end\" FROM mentions" + whereDoc) {
            guard let eid = entityOf[r["contribution"]] else { continue }
            entities[eid]?.mentions.append(Mention(doc: "d\(r["doc"] as Int64)", start: r["start"], end: r["end"]))
        }
        for eid in order {
            guard var e = entities[eid] else { continue }
            // A document's own name for the entity, when it is not the canonical one, is an
            // alias of it ("Aliyev" in a document that never names Ilham Aliyev in full).
            var seen = Set<String>([e.name])
            for alias in (aliasLists[eid] ?? []) + (localNames[eid] ?? []) where !alias.isEmpty && seen.insert(alias).inserted {
                e.aliases.append(alias)
            }
            e.mentions.sort()
            entities[eid] = e
        }

        // Relations: one row per document and fact; facts stated in several rows (several
        // documents, or two surnames resolved to one person) merge as the extractor merges them.
        var evidence: [Int64: [Evidence]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT relation, doc, start, \"end\", text FROM evidence\(whereDoc) ORDER BY rowid") {
            evidence[r["relation"], default: []].append(Evidence(doc: "d\(r["doc"] as Int64)", start: r["start"], end: r["end"], text: r["text"]))
        }
        var asserted: [Int64: [Int64]] = [:]
        var disputed: [Int64: [Int64]] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT a.relation, a.contribution, a.kind FROM attribution a JOIN relations r ON r.id = a.relation\(whereDocAlias("r"))
            ORDER BY a.rowid
            """) {
            guard let eid = entityOf[r["contribution"]] else { continue }
            if (r["kind"] as String) == "disputed" { disputed[r["relation"], default: []].append(eid) } else { asserted[r["relation"], default: []].append(eid) }
        }
        var merged = MergedRelations()
        for r in try Row.fetchAll(db, sql: "SELECT id, subject, predicate, object, object_date, attributes FROM relations\(whereDoc) ORDER BY doc, id") {
            let rid: Int64 = r["id"]
            guard let subject = entityOf[r["subject"]], let predicate = KGModel.Predicate(rawValue: r["predicate"]) else { continue }
            let object: RelationObject
            if let o = r["object"] as Int64? {
                guard let eid = entityOf[o] else { continue }
                object = .entity("e\(eid)")
            } else if let iso = r["object_date"] as String?, let date = DateLiteral(iso: iso) {
                object = .date(date)
            } else {
                continue
            }
            merged.add(Relation(subject: "e\(subject)", predicate: predicate, object: object,
                                attributes: JSONText.decode(r["attributes"]),
                                attributedTo: unique((asserted[rid] ?? []).map { "e\($0)" }),
                                disputedBy: unique((disputed[rid] ?? []).map { "e\($0)" }),
                                evidence: evidence[rid] ?? []))
        }
        return Graph(documents: documents, entities: order.compactMap { entities[$0] }, relations: merged.all)
    }
}

private func unique(_ ids: [String]) -> [String] {
    var seen = Set<String>()
    return ids.filter { seen.insert($0).inserted }
}

/// Relations keyed by (subject, predicate, object), merged the way the extractor merges a
/// fact it finds twice: evidence, assertions and disputes are unioned, the first attribute
/// value wins. A relation whose two ends resolved to one entity is dropped.
struct MergedRelations {
    private var order: [Relation.Key] = []
    private var byKey: [Relation.Key: Relation] = [:]

    mutating func add(_ r: Relation) {
        guard r.object != .entity(r.subject) else { return }
        guard var existing = byKey[r.key] else {
            order.append(r.key)
            byKey[r.key] = r
            return
        }
        for e in r.evidence where !existing.evidence.contains(e) { existing.evidence.append(e) }
        for a in r.attributedTo where !existing.attributedTo.contains(a) { existing.attributedTo.append(a) }
        for d in r.disputedBy where !existing.disputedBy.contains(d) { existing.disputedBy.append(d) }
        existing.attributes.merge(r.attributes) { old, _ in old }
        byKey[r.key] = existing
    }

    var all: [Relation] { order.map { byKey[$0]! } }
}
