import Foundation
import GRDB
import GRDBSQLite
import KGRDF

/// RDF quads in SQLite: interned terms and one row per quad, indexed four ways (SPOG, POSG,
/// OSPG, GSPO) so that any triple pattern with at least one bound position is an index range.
/// The SPARQL engine translates queries to SQL over exactly these two tables; their shape is a
/// contract (see `QuadStore.schemaSQL`).
///
/// Term encoding: `kind` 0 IRI, 1 blank node, 2 literal. A plain string literal has datatype
/// '' (meaning xsd:string); a language-tagged literal has its tag lowercased and datatype ''
/// (rdf:langString is implied). `num` holds the value of a numeric literal, else NULL, so
/// numeric comparisons and ORDER BY need no casts. Graph id 0 is the default graph; every
/// kgraph document is a named graph whose name is the document's IRI.
public final class QuadStore: Sendable {
    /// The quad tables, as created by the store's first migration. Do not change lightly: the
    /// SPARQL translator depends on every name here.
    public static let schemaSQL = """
        CREATE TABLE terms(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
                           value TEXT NOT NULL, datatype TEXT NOT NULL DEFAULT '', lang TEXT NOT NULL DEFAULT '',
                           num REAL,
                           UNIQUE(kind, value, datatype, lang));
        CREATE TABLE quads(g INTEGER NOT NULL, s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
                           PRIMARY KEY(s, p, o, g)) WITHOUT ROWID;
        CREATE INDEX quads_posg ON quads(p, o, s, g);
        CREATE INDEX quads_ospg ON quads(o, s, p, g);
        CREATE INDEX quads_gspo ON quads(g, s, p, o);
        """

    public enum Kind: Int, Sendable { case iri = 0, blank = 1, literal = 2 }

    /// The secondary indexes of `quads` (name → CREATE statement), as in `schemaSQL`.
    static let secondaryIndexes: [String: String] = Dictionary(uniqueKeysWithValues: schemaSQL
        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0.hasPrefix("CREATE INDEX") }
        .map { line in (String(line.split(separator: " ")[2]), String(line.dropLast(line.hasSuffix(";") ? 1 : 0))) })

    /// The default graph's id in `quads.g`.
    public static let defaultGraph: Int64 = 0

    public let dbQueue: DatabaseQueue
    /// The database file, or nil in memory.
    public let path: String?

    /// Opens (creating it when `create` is true) the database at `path` and brings its schema
    /// up to date. Throws `StoreError` for a missing file (when not creating), a file that is
    /// not SQLite, a schema newer than this program, or a database that stays locked longer
    /// than `busyTimeout` seconds.
    public init(path: String, create: Bool = true, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw StoreError.missing(path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                throw StoreError.io(path, "folder \(folder) does not exist")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Each document is one transaction; NORMAL sync in WAL mode is durable across crashes
            // of the process and cheaper than FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache: bulk loads touch four indexes at once.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
            try StoreSchema.open(dbQueue)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// A private in-memory store, for tests and one-shot loads.
    public init(inMemory: ()) throws {
        path = nil
        dbQueue = try DatabaseQueue()
        try StoreSchema.open(dbQueue)
    }

    // MARK: - Terms

    /// The row form of a term: what `terms` stores for it.
    public struct TermRow: Hashable, Sendable {
        public var kind: Kind
        public var value: String
        public var datatype: String
        public var lang: String

        public init(kind: Kind, value: String, datatype: String = "", lang: String = "") {
            self.kind = kind
            self.value = value
            self.datatype = datatype
            self.lang = lang
        }

        public init(_ term: Term) {
            switch term {
            case .iri(let iri): self.init(kind: .iri, value: iri)
            case .blank(let label): self.init(kind: .blank, value: label)
            case .literal(let value, let datatype, let language):
                if let language, !language.isEmpty {
                    self.init(kind: .literal, value: value, lang: language.lowercased())
                } else {
                    let dt = datatype ?? ""
                    self.init(kind: .literal, value: value, datatype: dt == QuadStore.xsdString ? "" : dt)
                }
            }
        }

        public var term: Term {
            switch kind {
            case .iri: .iri(value)
            case .blank: .blank(value)
            case .literal:
                .literal(value, datatype: datatype.isEmpty ? nil : datatype, language: lang.isEmpty ? nil : lang)
            }
        }

        /// The numeric value of a numeric literal (xsd:integer, decimal, double, float and the
        /// integer subtypes), nil for anything else or an ill-formed lexical form.
        public var numericValue: Double? {
            guard kind == .literal, datatype.hasPrefix(QuadStore.xsd), QuadStore.numericTypes.contains(String(datatype.dropFirst(QuadStore.xsd.count))) else { return nil }
            let text = value.trimmingCharacters(in: .whitespaces)
            switch text {
            case "INF", "+INF": return .infinity
            case "-INF": return -.infinity
            case "NaN": return nil
            default:
                // Double("0x10") and Double("1e") are rejected or not XSD; allow only XSD's syntax.
                guard text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return nil }
                return Double(text)
            }
        }
    }

    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let xsdString = xsd + "string"
    static let numericTypes: Set<String> = [
        "integer", "decimal", "double", "float", "long", "int", "short", "byte",
        "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    ]

    /// The id of `term`, or nil when the store has never seen it.
    public func termID(_ term: Term, in db: Database) throws -> Int64? {
        try Self.termID(TermRow(term), in: db)
    }

    public static func termID(_ row: TermRow, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM terms WHERE kind = ? AND value = ? AND datatype = ? AND lang = ?",
                           arguments: [row.kind.rawValue, row.value, row.datatype, row.lang])
    }

    /// The id of `term`, interning it first when it is new.
    public static func intern(_ term: Term, in db: Database) throws -> Int64 {
        let row = TermRow(term)
        if let id = try termID(row, in: db) { return id }
        try db.execute(sql: "INSERT INTO terms(kind, value, datatype, lang, num) VALUES (?, ?, ?, ?, ?)",
                       arguments: [row.kind.rawValue, row.value, row.datatype, row.lang, row.numericValue])
        return db.lastInsertedRowID
    }

    public func term(id: Int64, in db: Database) throws -> Term? {
        try Self.term(id: id, in: db)
    }

    public static func term(id: Int64, in db: Database) throws -> Term? {
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, value, datatype, lang FROM terms WHERE id = ?", arguments: [id]),
              let kind = Kind(rawValue: row[0]) else { return nil }
        return TermRow(kind: kind, value: row[1], datatype: row[2], lang: row[3]).term
    }

    public func term(id: Int64) throws -> Term? {
        try dbQueue.read { db in try Self.term(id: id, in: db) }
    }

    // MARK: - Quads

    /// Adds `triples` to `graph` (nil: the default graph) in one transaction.
    public func insert(_ triples: [Triple], graph: Term?) throws {
        try dbQueue.write { db in try Self.insert(triples, graph: graph, in: db) }
    }

    /// Adds `triples` to `graph` inside the caller's transaction; repeated quads are ignored.
    public static func insert(_ triples: [Triple], graph: Term?, in db: Database) throws {
        let loader = try BulkInserter(db)
        let g = try graph.map { try loader.id(TermRow($0)) } ?? defaultGraph
        for t in triples {
            try loader.add(g, loader.id(TermRow(t.subject)), loader.id(TermRow(t.predicate)), loader.id(TermRow(t.object)))
        }
        try loader.flush()
    }

    /// Takes out every quad of `graph`, then the terms no quad uses any more.
    public func removeGraph(_ graph: Term) throws {
        try dbQueue.write { db in try Self.removeGraph(graph, in: db) }
    }

    public static func removeGraph(_ graph: Term, in db: Database) throws {
        try replaceGraph(graph, with: [], in: db)
    }

    /// Makes `triples` the whole content of `graph`, inside the caller's transaction. Terms
    /// the old content used and the new one does not are collected.
    public static func replaceGraph(_ graph: Term, with triples: [Triple], in db: Database) throws {
        if let g = try termID(TermRow(graph), in: db) {
            // Only terms of the removed quads can become unused: check those, not the whole table.
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS gc_candidates(id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM gc_candidates")
            try db.execute(sql: """
                INSERT OR IGNORE INTO gc_candidates
                  SELECT s FROM quads WHERE g = :g UNION SELECT p FROM quads WHERE g = :g
                  UNION SELECT o FROM quads WHERE g = :g UNION SELECT :g
                """, arguments: ["g": g])
            try db.execute(sql: "DELETE FROM quads WHERE g = ?", arguments: [g])
            if !triples.isEmpty { try insert(triples, graph: graph, in: db) }
            try db.execute(sql: """
                DELETE FROM terms WHERE id IN (SELECT id FROM gc_candidates)
                  AND NOT EXISTS (SELECT 1 FROM quads WHERE s = terms.id)
                  AND NOT EXISTS (SELECT 1 FROM quads WHERE p = terms.id)
                  AND NOT EXISTS (SELECT 1 FROM quads WHERE o = terms.id)
                  AND NOT EXISTS (SELECT 1 FROM quads WHERE g = terms.id)
                """)
            try db.execute(sql: "DELETE FROM gc_candidates")
        } else if !triples.isEmpty {
            try insert(triples, graph: graph, in: db)
        }
    }

    public func quadCount(graph: Term? = nil) throws -> Int {
        try dbQueue.read { db in
            guard let graph else { return try Int.fetchOne(db, sql: "SELECT count(*) FROM quads") ?? 0 }
            guard let g = try Self.termID(TermRow(graph), in: db) else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM quads WHERE g = ?", arguments: [g]) ?? 0
        }
    }

    /// The named graphs (not the default graph), sorted by IRI.
    public func graphNames() throws -> [Term] {
        try dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.kind, t.value, t.datatype, t.lang FROM (SELECT DISTINCT g FROM quads WHERE g <> 0) q
                JOIN terms t ON t.id = q.g ORDER BY t.value
                """).compactMap { r in Kind(rawValue: r[0]).map { TermRow(kind: $0, value: r[1], datatype: r[2], lang: r[3]).term } }
        }
    }

    /// Every quad of `graph` (nil: all graphs, the default graph's with a nil graph), ordered
    /// by graph, subject, predicate, object ids.
    public func quads(graph: Term? = nil, _ body: (Term?, Triple) throws -> Void) throws {
        try dbQueue.read { db in
            var cache: [Int64: Term] = [:]
            func lookup(_ id: Int64) throws -> Term {
                if let t = cache[id] { return t }
                guard let t = try Self.term(id: id, in: db) else { throw StoreError.corrupt(path ?? ":memory:", "quad names missing term \(id)") }
                cache[id] = t
                return t
            }
            var sql = "SELECT g, s, p, o FROM quads"
            var arguments: StatementArguments = []
            if let graph {
                guard let g = try Self.termID(TermRow(graph), in: db) else { return }
                sql += " WHERE g = ?"
                arguments = [g]
            }
            sql += " ORDER BY g, s, p, o"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let r = try rows.next() {
                let g: Int64 = r[0]
                try body(g == Self.defaultGraph ? nil : lookup(g), Triple(lookup(r[1]), lookup(r[2]), lookup(r[3])))
            }
        }
    }
}

/// Inserts many quads fast: raw prepared SQLite statements reused for every row, a cache of
/// term ids so that a term seen before costs one dictionary lookup, and quads buffered and
/// sorted in primary-key order before they go in, so the B-tree is filled front to back.
/// Lives for one transaction (the cache would go stale across transactions that delete
/// terms); call `flush` before the transaction ends.
final class BulkInserter {
    private let connection: OpaquePointer
    private var selectTerm: OpaquePointer?
    private var insertTerm: OpaquePointer?
    private var insertQuad: OpaquePointer?
    private var cache: [QuadStore.TermRow: Int64] = [:]
    private var pending: [(s: Int64, p: Int64, o: Int64, g: Int64)] = []
    private(set) var added = 0

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw StoreError.corrupt(db.description, "closed connection") }
        self.connection = connection
        selectTerm = try prepare("SELECT id FROM terms WHERE kind = ?1 AND value = ?2 AND datatype = ?3 AND lang = ?4")
        // A new term is inserted in one step; only a term the store already has (a conflict,
        // no row returned) needs the SELECT.
        insertTerm = try prepare("""
            INSERT INTO terms(kind, value, datatype, lang, num) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT DO NOTHING RETURNING id
            """)
        insertQuad = try prepare("INSERT OR IGNORE INTO quads(g, s, p, o) VALUES (?1, ?2, ?3, ?4)")
    }

    deinit {
        sqlite3_finalize(selectTerm)
        sqlite3_finalize(insertTerm)
        sqlite3_finalize(insertQuad)
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK else { throw error(code) }
        return statement
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes, so the Swift string may go away after the bind.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bindRow(_ statement: OpaquePointer?, _ row: QuadStore.TermRow) {
        sqlite3_bind_int(statement, 1, Int32(row.kind.rawValue))
        sqlite3_bind_text(statement, 2, row.value, -1, Self.transient)
        sqlite3_bind_text(statement, 3, row.datatype, -1, Self.transient)
        sqlite3_bind_text(statement, 4, row.lang, -1, Self.transient)
    }

    func id(_ row: QuadStore.TermRow) throws -> Int64 {
        if let id = cache[row] { return id }
        bindRow(insertTerm, row)
        if let num = row.numericValue { sqlite3_bind_double(insertTerm, 5, num) } else { sqlite3_bind_null(insertTerm, 5) }
        let inserted = sqlite3_step(insertTerm)
        var id: Int64?
        if inserted == SQLITE_ROW { id = sqlite3_column_int64(insertTerm, 0) }
        let finished = inserted == SQLITE_ROW ? sqlite3_step(insertTerm) : inserted
        sqlite3_reset(insertTerm)
        guard finished == SQLITE_DONE else { throw error(finished) }
        if id == nil {
            bindRow(selectTerm, row)
            defer { sqlite3_reset(selectTerm) }
            let code = sqlite3_step(selectTerm)
            guard code == SQLITE_ROW else { throw error(code == SQLITE_DONE ? SQLITE_INTERNAL : code) }
            id = sqlite3_column_int64(selectTerm, 0)
        }
        cache[row] = id!
        return id!
    }

    func add(_ g: Int64, _ s: Int64, _ p: Int64, _ o: Int64) {
        pending.append((s, p, o, g))
    }

    /// Writes the buffered quads in (s, p, o, g) order. With `rebuildIndexes`, the three
    /// secondary indexes are dropped first and built again afterwards: for a load that is large
    /// next to the store, one sorted index build beats a million random index inserts.
    func flush(rebuildIndexes: Bool = false) throws {
        guard !pending.isEmpty else { return }
        pending.sort { ($0.s, $0.p, $0.o, $0.g) < ($1.s, $1.p, $1.o, $1.g) }
        if rebuildIndexes {
            for name in QuadStore.secondaryIndexes.keys.sorted() { try exec("DROP INDEX IF EXISTS \(name)") }
        }
        for q in pending {
            sqlite3_bind_int64(insertQuad, 1, q.g)
            sqlite3_bind_int64(insertQuad, 2, q.s)
            sqlite3_bind_int64(insertQuad, 3, q.p)
            sqlite3_bind_int64(insertQuad, 4, q.o)
            let code = sqlite3_step(insertQuad)
            sqlite3_reset(insertQuad)
            guard code == SQLITE_DONE else { throw error(code) }
            added += Int(sqlite3_changes(connection))
        }
        pending.removeAll(keepingCapacity: false)
        if rebuildIndexes {
            for (_, sql) in QuadStore.secondaryIndexes.sorted(by: { $0.key < $1.key }) { try exec(sql) }
        }
    }

    var pendingCount: Int { pending.count }

    private func exec(_ sql: String) throws {
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }
}
