import Foundation
import GRDB
import GRDBSQLite
import KGRDF

/// What a query returns.
public enum QueryResult: Sendable {
    case bindings(variables: [String], rows: [[RDFTerm?]])
    case boolean(Bool)
    case triples([(RDFTerm, RDFTerm, RDFTerm)])
}

/// SPARQL over a database holding the store's `terms` and `quads` tables.
public final class SparqlEngine: @unchecked Sendable {
    // A DatabaseQueue serializes all access, so the engine is safe to share.
    public let database: DatabaseQueue
    public let mode: DatasetMode
    public var prefixes: [String: String]

    /// Prefixes every query may use without declaring them: the export's, plus a few common ones.
    public static let defaultPrefixes: [String: String] = {
        var p = Vocab.prefixes
        p["owl"] = "http://www.w3.org/2002/07/owl#"
        p["wd"] = "http://www.wikidata.org/entity/"
        p["wdt"] = "http://www.wikidata.org/prop/direct/"
        p["dcterms"] = "http://purl.org/dc/terms/"
        p["foaf"] = "http://xmlns.com/foaf/0.1/"
        return p
    }()

    public init(database: DatabaseQueue, mode: DatasetMode = .unionDefaultGraph, prefixes: [String: String] = SparqlEngine.defaultPrefixes) {
        self.database = database
        self.mode = mode
        self.prefixes = prefixes
    }

    // One term table per engine, so its cache of stored terms and its prepared statements
    // outlive a query; the SQL functions are registered on the connection once.
    private var table: TermTable?
    private var stamp: [Int64] = []

    func termTable(_ db: Database) -> TermTable {
        // A write since the last query (by this connection or another) may have reused ids.
        var version: UInt32 = 0
        sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_DATA_VERSION, &version)
        let stamp = [Int64(version), sqlite3_total_changes64(db.sqliteConnection)]
        if let table {
            table.resetComputed(storeChanged: stamp != self.stamp)
            self.stamp = stamp
            return table
        }
        self.stamp = stamp
        let t = TermTable(connection: db.sqliteConnection!)
        t.register(in: db)
        table = t
        return t
    }

    /// Parses `text`; throws `SparqlError.syntax` with line and column.
    public func parse(_ text: String, base: String? = nil) throws -> QueryForm {
        try parsed(text, base: base).form
    }

    func parsed(_ text: String, base: String?) throws -> ParsedQuery {
        do {
            return try SparqlParser.parse(text, prefixes: prefixes, base: base)
        } catch {
            throw SparqlError.syntax(error)
        }
    }

    /// The SQL a query compiles to (for `--explain` and for tests).
    public func sql(for text: String, base: String? = nil) throws -> String {
        let q = try parsed(text, base: base)
        return try database.read { db in
            var compiler = try makeCompiler(q, termTable(db))
            return compiler.ctes.statement(try compiler.select(q.select).sql)
        }
    }

    func makeCompiler(_ q: ParsedQuery, _ table: TermTable) throws -> SQLCompiler {
        var compiler = SQLCompiler(terms: table, mode: mode)
        if !q.from.isEmpty || !q.fromNamed.isEmpty {
            compiler.fromGraphs = q.from.isEmpty ? [] : q.from.compactMap { table.storedID(.iri($0)) }
            compiler.namedGraphs = q.fromNamed.compactMap { table.storedID(.iri($0)) }
        }
        return compiler
    }

    /// Runs a query. `timeout` is in seconds; more than `rowLimit` result rows is an error
    /// rather than a silently cut answer.
    public func execute(_ text: String, base: String? = nil, timeout: Double? = nil, rowLimit: Int? = nil) throws -> QueryResult {
        let q = try parsed(text, base: base)
        return try database.read { db in
            let table = termTable(db)
            var compiler = try makeCompiler(q, table)
            var select = q.select
            if q.form == .ask { select.limit = 1 }
            let relation = try compiler.select(select)
            let deadline = Deadline(seconds: timeout)
            let handler = Unmanaged.passRetained(deadline)
            defer { handler.release() }
            if timeout != nil {
                sqlite3_progress_handler(db.sqliteConnection, 10_000, { context in
                    guard let context else { return 0 }
                    return Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue().expired ? 1 : 0
                }, handler.toOpaque())
            }
            defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
            var rows: [[Int64?]] = []
            do {
                let cursor = try Row.fetchCursor(db, sql: compiler.ctes.statement(relation.sql))
                let width = relation.columns.count
                while let row = try cursor.next() {
                    if let rowLimit, rows.count >= rowLimit, q.form != .ask { throw SparqlError.rowLimit(rowLimit) }
                    var values: [Int64?] = []
                    values.reserveCapacity(width)
                    for k in 0..<width { values.append(row[k]) }
                    rows.append(values)
                    if q.form == .ask { break }
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                throw SparqlError.timeout(timeout ?? 0)
            } catch let error as DatabaseError {
                throw SparqlError.database(error.message ?? "\(error)")
            }
            switch q.form {
            case .ask:
                return .boolean(!rows.isEmpty)
            case .select:
                try table.prefetch(rows.lazy.flatMap { $0 }.compactMap { $0 }, db: db)
                let decoded = rows.map { $0.map { $0.flatMap(table.term) } }
                return .bindings(variables: relation.columns, rows: decoded)
            case .construct:
                try table.prefetch(rows.lazy.flatMap { $0 }.compactMap { $0 }, db: db)
                let index = Dictionary(uniqueKeysWithValues: relation.columns.enumerated().map { ($0.element, $0.offset) })
                return .triples(construct(q.template, rows: rows, index: index, table: table))
            }
        }
    }

    func construct(_ template: [TriplePattern], rows: [[Int64?]], index: [String: Int], table: TermTable) -> [(RDFTerm, RDFTerm, RDFTerm)] {
        var out: [(RDFTerm, RDFTerm, RDFTerm)] = []
        var seen = Set<[RDFTerm]>()
        for (n, row) in rows.enumerated() {
            func value(_ p: PatternTerm) -> RDFTerm? {
                switch p {
                case .term(let t): return t
                case .variable(let v):
                    // Blank nodes in the template are fresh for each solution.
                    if v.hasPrefix("_:") { return .blank("b\(n)_" + v.dropFirst(2).filter { $0.isLetter || $0.isNumber }) }
                    guard let k = index[v], let id = row[k] else { return nil }
                    return table.term(id)
                }
            }
            for t in template {
                guard let s = value(t.subject), let p = value(t.predicate), let o = value(t.object),
                      s.kind != .literal, p.kind == .iri else { continue }
                if seen.insert([s, p, o]).inserted { out.append((s, p, o)) }
            }
        }
        return out
    }
}

final class Deadline: @unchecked Sendable {
    let end: Date?
    init(seconds: Double?) { end = seconds.map { Date().addingTimeInterval($0) } }
    var expired: Bool { end.map { Date() > $0 } ?? false }
}
