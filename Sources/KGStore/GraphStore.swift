import Foundation
import GRDB
import KGExtract
import KGModel
import KGRDF
import KGText

/// The persistent knowledge graph: documents ingested one at a time, each in one transaction,
/// merged into store-wide entities by the extractor's identity keys, with every document's RDF
/// kept in its own named graph of the quad tables.
///
/// Incremental by content: re-ingesting an unchanged file does nothing; a changed file replaces
/// what the old version brought; `remove` takes a document out. After each of these the store
/// is as if its documents had been ingested afresh: entities no document names any more are
/// gone, surnames are re-resolved, and the named graphs whose IRIs changed are rewritten.
public final class GraphStore: Sendable {
    public let quads: QuadStore
    public var dbQueue: DatabaseQueue { quads.dbQueue }
    /// The database file, for messages.
    public let path: String
    /// The namespace of every minted IRI; fixed when the store is created.
    public let base: String
    let mapper: RDFMapper
    /// Extracts each ingested document (a custom lexicon changes what it finds). Nil: the
    /// standard extractor, made on first ingest, since loading its lexicon takes a while and
    /// reading commands never need it.
    let customExtractor: Extractor?

    /// Opens the store at `path` (creating it when `create` is true). `base` applies to a new
    /// store only; an existing store keeps the base it was made with.
    public init(path: String, create: Bool = true, base: String = RDFMapper.defaultBase, busyTimeout: TimeInterval = 5,
                extractor: Extractor? = nil) throws {
        self.path = path
        customExtractor = extractor
        quads = try QuadStore(path: path, create: create, busyTimeout: busyTimeout)
        (self.base, mapper) = try Self.setUpBase(quads.dbQueue, base, path: path)
    }

    public init(inMemory: (), base: String = RDFMapper.defaultBase, extractor: Extractor? = nil) throws {
        path = ":memory:"
        customExtractor = extractor
        quads = try QuadStore(inMemory: ())
        (self.base, mapper) = try Self.setUpBase(quads.dbQueue, base, path: path)
    }

    private static func setUpBase(_ queue: DatabaseQueue, _ wanted: String, path: String) throws -> (String, RDFMapper) {
        do {
            let stored = try queue.read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'base'")) }
            if let stored { return (stored, try RDFMapper(base: stored)) }
            let mapper = try RDFMapper(base: wanted)
            try queue.write { db in
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('base', ?)").execute(arguments: [mapper.base])
            }
            return (mapper.base, mapper)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    // MARK: - Ingest

    public struct IngestReport: Sendable, Equatable {
        public enum Outcome: String, Sendable { case added, replaced, unchanged }
        public let path: String
        public let outcome: Outcome
        public let entities: Int
        public let relations: Int
        /// Quads of the document's named graph.
        public let quads: Int
        /// Other documents whose named graphs were rewritten because an entity they share
        /// changed its name, type or resolution.
        public let rewritten: Int
    }

    /// Reads and ingests one input file.
    public func ingest(_ source: InputSource) throws -> IngestReport {
        guard source.path != InputSource.stdinPath else {
            throw InputError(path: source.path, problem: "the store keys documents by path: save standard input to a file and ingest that")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: source.path))
        } catch {
            throw InputError(path: source.path, problem: "cannot read file")
        }
        return try ingest(path: source.path, kind: source.kind, data: data)
    }

    /// Ingests `data` as the document at `path`: nothing when its content hash is the stored
    /// one, else the document's whole contribution in one transaction.
    public func ingest(path: String, kind: SourceKind, data: Data) throws -> IngestReport {
        let hash = SHA256.hex(data)
        let pathKey = Keys.normalize(path)
        if try storeCall({ try dbQueue.read { db in try self.storedHash(pathKey, db) } }) == hash {
            return IngestReport(path: path, outcome: .unchanged, entities: 0, relations: 0, quads: 0, rewritten: 0)
        }
        // Extraction is the slow part and needs no lock: done before the transaction opens.
        let text = try DocumentReader.decode(data, source: InputSource(path: path, kind: kind))
        let extracted = (customExtractor ?? Extractor()).extract([text])
        return try storeCall {
            try dbQueue.write { db in
                let old = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM documents WHERE path_key = ?"), arguments: [pathKey])
                if let old, (old["hash"] as String) == hash {
                    return IngestReport(path: path, outcome: .unchanged, entities: 0, relations: 0, quads: 0, rewritten: 0)
                }
                var change = Change()
                if let old { try self.deleteDocument(old["id"], db, &change) }
                let doc = try self.insertDocument(extracted, hash: hash, db, &change)
                try self.settle(db, &change)
                let quadCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM quads WHERE g = (SELECT id FROM terms WHERE kind = 0 AND value = (SELECT iri FROM documents WHERE id = ?))"), arguments: [doc]) ?? 0
                return IngestReport(path: path, outcome: old == nil ? .added : .replaced,
                                    entities: extracted.entities.count, relations: extracted.relations.count,
                                    quads: quadCount, rewritten: change.rewritten - 1)
            }
        }
    }

    /// Takes the documents at `path` (a file, or every document under a folder path) out of
    /// the store. Returns the paths removed, one transaction each.
    @discardableResult
    public func remove(path: String) throws -> [String] {
        let key = Keys.normalize(path)
        let folder = key == "." ? "" : (key.hasSuffix("/") ? key : key + "/")
        let docs = try storeCall {
            try dbQueue.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT id, path FROM documents WHERE path_key = ? OR substr(path_key, 1, ?) = ? ORDER BY path_key"),
                                 arguments: [key, folder.count, folder])
            }
        }
        var removed: [String] = []
        for row in docs {
            let id: Int64 = row["id"]
            try storeCall {
                try dbQueue.write { db in
                    var change = Change()
                    try self.deleteDocument(id, db, &change)
                    try self.settle(db, &change)
                }
            }
            removed.append(row["path"])
        }
        return removed
    }

    func storedHash(_ pathKey: String, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM documents WHERE path_key = ?"), arguments: [pathKey])
    }

    func storeCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as InputError {
            throw e
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    // MARK: - One transaction's bookkeeping

    /// What a transaction touched, so that only those entities are re-derived and only the
    /// documents whose RDF changed are rewritten.
    struct Change {
        var entities = Set<Int64>()
        var surnames = Set<String>()
        var documents = Set<Int64>()
        var rewritten = 0
    }

    private func deleteDocument(_ id: Int64, _ db: Database, _ change: inout Change) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT entity, local_key FROM contributions WHERE doc = ?"), arguments: [id])
        for r in rows {
            change.entities.insert(r["entity"])
            if let s = Keys.surname(r["local_key"]) { change.surnames.insert(s) }
        }
        if let iri = try String.fetchOne(db.cachedStatement(sql: "SELECT iri FROM documents WHERE id = ?"), arguments: [id]) {
            try QuadStore.removeGraph(.iri(iri), in: db)
        }
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [id])
        change.documents.remove(id)
    }

    private func insertDocument(_ graph: Graph, hash: String, _ db: Database, _ change: inout Change) throws -> Int64 {
        guard let doc = graph.documents.first else { throw StoreError.corrupt(path, "extraction returned no document") }
        var iri = mapper.documentIRIs(for: Graph(documents: [doc]))[doc.id] ?? (base + "doc/document")
        // Two files with the same name in different folders would share a named graph; the
        // later one gets a suffix from its path (its export alone still says the plain IRI).
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM documents WHERE iri = ?)"), arguments: [iri]) == true {
            iri += "-" + stableHashHex(doc.path)
        }
        try db.cachedStatement(sql: """
            INSERT INTO documents(path, path_key, hash, title, date, iri, ingested) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [doc.path, Keys.normalize(doc.path), hash, doc.title, doc.date?.iso, iri,
                             ISO8601DateFormatter().string(from: Date())])
        let docID = db.lastInsertedRowID
        change.documents.insert(docID)

        var contributionOf: [String: Int64] = [:]   // extraction entity id → contribution
        var byLocalKey: [String: Int64] = [:]
        for e in graph.entities {
            let localKey = Keys.local(e, contentHash: hash)
            if let existing = byLocalKey[localKey] {
                contributionOf[e.id] = existing
                continue
            }
            let entity = try ensureEntity(key: localKey, name: e.name, type: e.type, db)
            try db.cachedStatement(sql: """
                INSERT INTO contributions(doc, entity, local_key, name, type, wikidata, cameo, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [docID, entity, localKey, e.name, e.type.rawValue, e.wikidata, e.cameo, JSONText.encode(e.attributes)])
            let cid = db.lastInsertedRowID
            contributionOf[e.id] = cid
            byLocalKey[localKey] = cid
            change.entities.insert(entity)
            if let s = Keys.surname(localKey) { change.surnames.insert(s) }
            for alias in e.aliases {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO aliases(contribution, alias) VALUES (?, ?)").execute(arguments: [cid, alias])
            }
            for m in e.mentions {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO mentions(contribution, doc, start, \"end\") VALUES (?, ?, ?, ?)").execute(arguments: [cid, docID, m.start, m.end])
            }
        }

        for r in graph.relations {
            guard let subject = contributionOf[r.subject] else { continue }
            var object: Int64?
            var date: String?
            switch r.object {
            case .entity(let id):
                guard let o = contributionOf[id] else { continue }
                object = o
            case .date(let d):
                date = d.iso
            }
            try db.cachedStatement(sql: """
                INSERT INTO relations(doc, subject, predicate, object, object_date, attributes) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [docID, subject, r.predicate.rawValue, object, date, JSONText.encode(r.attributes)])
            let rid = db.lastInsertedRowID
            for ev in r.evidence {
                try db.cachedStatement(sql: "INSERT INTO evidence(relation, doc, start, \"end\", text) VALUES (?, ?, ?, ?, ?)").execute(arguments: [rid, docID, ev.start, ev.end, ev.text])
            }
            for (ids, kind) in [(r.attributedTo, "asserted"), (r.disputedBy, "disputed")] {
                for id in ids {
                    guard let c = contributionOf[id] else { continue }
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO attribution(relation, contribution, kind) VALUES (?, ?, ?)").execute(arguments: [rid, c, kind])
                }
            }
        }
        return docID
    }

    /// The entity with `key`, created (with provisional fields: `settle` derives the real
    /// ones) when the store has none.
    func ensureEntity(key: String, name: String, type: EntityType, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [key]) { return id }
        try db.cachedStatement(sql: "INSERT INTO entities(key, type, name, surname, iri) VALUES (?, ?, ?, ?, '')").execute(arguments: [key, type.rawValue, name, Keys.fullNameSurname(key)])
        return db.lastInsertedRowID
    }

    /// After the rows changed: re-resolve the surnames whose candidates may have changed,
    /// re-derive every touched entity (deleting those no document names any more), and rewrite
    /// the named graphs of the documents whose RDF depends on what changed.
    private func settle(_ db: Database, _ change: inout Change) throws {
        try Resolution.resolveSurnames(change.surnames, store: self, db, &change)
        for entity in change.entities.sorted() {
            if try Resolution.rederive(entity, store: self, db) {
                // Name, type or IRI changed: every document naming it carries the old IRI.
                let docs = try Int64.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT doc FROM contributions WHERE entity = ?"), arguments: [entity])
                change.documents.formUnion(docs)
            }
        }
        for doc in change.documents.sorted() {
            try rewriteGraph(doc, db)
            change.rewritten += 1
        }
    }

    /// Replaces the named graph of `doc` with the RDF of its part of the graph, mapped with the
    /// store's entity identities so that IRIs agree across documents.
    func rewriteGraph(_ doc: Int64, _ db: Database) throws {
        guard let iri = try String.fetchOne(db.cachedStatement(sql: "SELECT iri FROM documents WHERE id = ?"), arguments: [doc]) else { return }
        let graph = try GraphReader(db).graph(document: doc)
        var triples = mapper.triples(for: graph)
        if let minted = mapper.documentIRIs(for: graph).values.first, minted != iri {
            triples = Self.renameDocument(triples, from: minted, to: iri, base: mapper.base)
        }
        try QuadStore.replaceGraph(.iri(iri), with: triples, in: db)
    }

    /// The document's triples with its IRI `from` replaced by `to`, including the evidence
    /// nodes named after it.
    static func renameDocument(_ triples: [Triple], from: String, to: String, base: String) -> [Triple] {
        let oldEvidence = base + "evidence/" + (from.split(separator: "/").last.map(String.init) ?? "") + "-"
        let newEvidence = base + "evidence/" + (to.split(separator: "/").last.map(String.init) ?? "") + "-"
        func map(_ t: Term) -> Term {
            guard case .iri(let i) = t else { return t }
            if i == from { return .iri(to) }
            if i.hasPrefix(oldEvidence) { return .iri(newEvidence + i.dropFirst(oldEvidence.count)) }
            return t
        }
        return triples.map { Triple(map($0.subject), map($0.predicate), map($0.object)) }
    }
}

/// The identity keys the store works with.
enum Keys {
    /// A path with "." components, repeated slashes and resolvable ".." removed, lexically
    /// (the file need not exist any more): how `remove` and re-ingests recognise a document.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The extractor's key, made stable across runs: event keys embed the run's document id
    /// ("event:d1:attack:…"), which becomes the document's content hash.
    static func local(_ e: Entity, contentHash: String) -> String {
        guard let key = e.key else { return "unkeyed:" + e.type.rawValue + ":" + e.name.lowercased() }
        let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "event", parts[1].first == "d", parts[1].dropFirst().allSatisfy(\.isNumber) {
            return "event:" + contentHash.prefix(16) + ":" + parts[2]
        }
        return key
    }

    /// "aliyev" for the one-word person key "person:aliyev": a surname alone, which a single
    /// document could not resolve. Nil for any other key.
    static func surname(_ key: String) -> String? {
        guard key.hasPrefix("person:") else { return nil }
        let rest = key.dropFirst("person:".count)
        if rest.isEmpty { return nil }
        if !rest.contains(" ") { return String(rest) }
        return rest.split(separator: " ").last.map(String.init)
    }

    /// The last word of a multi-word person key: what a lone surname is matched against.
    static func fullNameSurname(_ key: String) -> String? {
        guard key.hasPrefix("person:") else { return nil }
        let words = key.dropFirst("person:".count).split(separator: " ")
        return words.count > 1 ? String(words.last!) : nil
    }

    static func isSurnameOnly(_ key: String) -> Bool {
        key.hasPrefix("person:") && key.count > "person:".count && !key.dropFirst("person:".count).contains(" ")
    }
}

/// Attribute maps as JSON text with sorted keys, so equal maps are equal strings.
enum JSONText {
    static func encode(_ map: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(map)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}
