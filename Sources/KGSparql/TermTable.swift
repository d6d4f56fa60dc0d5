import Foundation
import GRDB
import GRDBSQLite

/// Term ids for one connection. Stored terms have the `terms` table's (positive) ids; terms a
/// query computes (BIND, functions, aggregates, constants the store lacks) get negative ids
/// kept here, so every value in the generated SQL is one integer and term equality is integer
/// equality: a computed term that also exists in the store gets the store's id.
final class TermTable: @unchecked Sendable {
    // Only used from inside one GRDB access block at a time (SQLite calls our functions on the
    // thread that runs the statement), hence @unchecked.
    private let connection: OpaquePointer
    private var byID: [Int64: RDFTerm] = [:]
    private var computed: [RDFTerm: Int64] = [:]
    private var nextComputed: Int64 = -1
    private var findStatement: OpaquePointer?
    private var getStatement: OpaquePointer?
    private var blankCounter = 0
    /// This query's expressions evaluated in Swift, by the index the SQL passes to sp_eval.
    var expressions: [SwiftExpression] = []

    func add(_ e: Expression) -> (index: Int, variables: [String]) {
        let variables = Evaluator.variables(e)
        expressions.append(SwiftExpression(expression: e, variables: variables))
        return (expressions.count - 1, variables)
    }

    init(connection: OpaquePointer) {
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(findStatement)
        sqlite3_finalize(getStatement)
    }

    /// Forgets computed terms; stored ones stay cached.
    func resetComputed(storeChanged: Bool) {
        for id in computed.values { byID[id] = nil }
        computed.removeAll()
        nextComputed = -1
        expressions.removeAll()
        if storeChanged || byID.count > 200_000 { byID.removeAll() }
    }

    func freshBlank() -> String {
        blankCounter += 1
        return "genid\(blankCounter)"
    }

    private func prepare(_ sql: String) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        return statement
    }

    /// The store's id for `term`, if the store has it.
    func storedID(_ term: RDFTerm) -> Int64? {
        if findStatement == nil {
            findStatement = prepare("SELECT id FROM terms WHERE kind = ?1 AND value = ?2 AND datatype = ?3 AND lang = ?4")
        }
        guard let st = findStatement else { return nil }
        sqlite3_reset(st)
        sqlite3_bind_int(st, 1, Int32(term.kind.rawValue))
        bindText(st, 2, term.value)
        bindText(st, 3, term.lang.isEmpty ? term.datatype : "")
        bindText(st, 4, term.lang)
        defer { sqlite3_reset(st) }
        guard sqlite3_step(st) == SQLITE_ROW else { return nil }
        let id = sqlite3_column_int64(st, 0)
        byID[id] = term
        return id
    }

    /// An id for any term: the store's, or a computed one.
    func id(_ term: RDFTerm) -> Int64 {
        if let id = computed[term] { return id }
        if let id = storedID(term) { return id }
        let id = nextComputed
        nextComputed -= 1
        computed[term] = id
        byID[id] = term
        return id
    }

    func term(_ id: Int64) -> RDFTerm? {
        if let t = byID[id] { return t }
        guard id > 0 else { return nil }
        if getStatement == nil {
            getStatement = prepare("SELECT kind, value, datatype, lang FROM terms WHERE id = ?1")
        }
        guard let st = getStatement else { return nil }
        sqlite3_reset(st)
        sqlite3_bind_int64(st, 1, id)
        defer { sqlite3_reset(st) }
        guard sqlite3_step(st) == SQLITE_ROW else { return nil }
        let t = RDFTerm(kind: RDFTerm.Kind(rawValue: Int(sqlite3_column_int(st, 0))) ?? .literal,
                        value: text(st, 1), datatype: text(st, 2), lang: text(st, 3))
        byID[id] = t
        return t
    }

    /// Loads many stored terms in a few statements, before decoding a result.
    func prefetch(_ ids: some Sequence<Int64>, db: Database) throws {
        let missing = Array(Set(ids.filter { $0 > 0 && byID[$0] == nil }))
        var start = 0
        while start < missing.count {
            let chunk = missing[start..<min(start + 500, missing.count)]
            start += 500
            let list = chunk.map(String.init).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, kind, value, datatype, lang FROM terms WHERE id IN (\(list))")
            while let r = try rows.next() {
                let id: Int64 = r[0]
                byID[id] = RDFTerm(kind: RDFTerm.Kind(rawValue: r[1]) ?? .literal, value: r[2], datatype: r[3], lang: r[4])
            }
        }
    }

    private func text(_ st: OpaquePointer, _ column: Int32) -> String {
        guard let c = sqlite3_column_text(st, column) else { return "" }
        return String(cString: c)
    }

    private func bindText(_ st: OpaquePointer, _ index: Int32, _ value: String) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_text(st, index, value, -1, transient)
    }
}
