/// Algebra → SQL over `quads(g, s, p, o)` and `terms`. Every pattern becomes a SELECT whose
/// columns are its variables, holding term ids (NULL = unbound), so SQLite does all joins with
/// its indexes and planner; only operators on literal values call back into Swift.

/// Which graphs a query's default graph and GRAPH ?g range over.
public enum DatasetMode: Sendable {
    /// kgraph's store: the default graph is the union of all graphs (as Oxigraph's
    /// `use_default_graph_as_union`, duplicates across graphs included); named graphs are g ≠ 0.
    case unionDefaultGraph
    /// W3C semantics: the default graph is g = 0 only; named graphs are g ≠ 0.
    case separateDefaultGraph
}

/// A compiled pattern: a SELECT whose columns are `columns`; `maybe` lists the columns that
/// can be NULL (unbound).
struct Relation {
    var sql: String
    var columns: [String]
    var maybe: Set<String>
    /// A single quad pattern, kept in parts (alias, conditions, column per variable) so a
    /// LEFT JOIN can put the quads table itself on its right side.
    var quad: (alias: String, conditions: [String], columns: [String: String])? = nil
}

func quoteIdent(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

func selectList(_ items: [(String, String)]) -> String {
    items.isEmpty ? "1 AS \"?unit\"" : items.map { "\($0.0) AS \(quoteIdent($0.1))" }.joined(separator: ", ")
}

enum GraphContext {
    case defaultGraph
    case named(Int64?)           // nil: the IRI is not in the store, so the graph is empty
    case variable(String)
}

final class CTEList {
    var items: [(String, String)] = []

    /// `WITH RECURSIVE c1 AS (...), ... final`, or just `final`.
    func statement(_ final: String) -> String {
        if items.isEmpty { return final }
        return "WITH RECURSIVE " + items.map { ($0.0.hasSuffix("MATERIALIZED") ? $0.0 : $0.0 + " AS") + " (\($0.1))" }.joined(separator: ",\n") + "\n" + final
    }
}

struct SQLCompiler {
    let terms: TermTable
    let mode: DatasetMode
    var fromGraphs: [Int64]? = nil        // FROM: the default graph is their merge
    var namedGraphs: [Int64]? = nil       // FROM NAMED: only these are named graphs
    var context = GraphContext.defaultGraph
    var aliasCounter = 0
    /// Every intermediate relation becomes a named CTE, so the SQL stays flat: SQLite's parser
    /// has a fixed stack, and nested subqueries ran out of it on long UNIONs.
    let ctes = CTEList()

    init(terms: TermTable, mode: DatasetMode) {
        self.terms = terms
        self.mode = mode
    }

    /// Registers `sql` as a CTE and returns its name.
    func ref(_ sql: String, materialized: Bool = false) -> String {
        let name = "c\(ctes.items.count + 1)"
        ctes.items.append((materialized ? name + " AS MATERIALIZED" : name, sql))
        return name
    }

    mutating func alias(_ stem: String = "t") -> String {
        aliasCounter += 1
        return "\(stem)\(aliasCounter)"
    }

    /// The id of a constant, stored or computed (a computed one matches nothing stored).
    func constant(_ t: RDFTerm) -> Int64 { terms.id(t) }

    static let emptyMarker = "0"

    func empty(_ columns: [String]) -> Relation {
        Relation(sql: "SELECT \(selectList(columns.map { ("NULL", $0) })) WHERE 0", columns: columns, maybe: Set(columns))
    }

    /// SQL conditions restricting quad alias `q` to the active graph; adds the graph
    /// variable's binding to `bind` when the context is GRAPH ?g.
    func graphConditions(_ q: String) -> [String] {
        switch context {
        case .defaultGraph:
            if let fromGraphs { return ["\(q).g IN (\(fromGraphs.map(String.init).joined(separator: ",")))"] }
            return mode == .unionDefaultGraph ? [] : ["\(q).g = 0"]
        case .named(let id):
            guard let id else { return ["0"] }
            if let namedGraphs, !namedGraphs.contains(id) { return ["0"] }
            return ["\(q).g = \(id)", "\(q).g != 0"]
        case .variable:
            if let namedGraphs { return ["\(q).g IN (\(namedGraphs.map(String.init).joined(separator: ",")))"] }
            return ["\(q).g != 0"]
        }
    }

    // MARK: patterns

    mutating func compile(_ p: Pattern) throws -> Relation {
        switch p {
        case .bgp(let triples): return try bgp(triples)
        case .path(let s, let path, let o): return try pathPattern(s, path, o)
        case .join(let a, let b): return try join(compile(a), compile(b), left: false, filter: nil)
        case .leftJoin(let a, let b, let e): return try join(compile(a), compile(b), left: true, filter: e)
        case .filter(let e, let a):
            let r = try compile(a)
            let t = alias()
            let scope = scopeOf(r, t)
            let cond = try boolSQL(e, scope)
            return Relation(sql: "SELECT \(selectList(r.columns.map { ("\(t).\(quoteIdent($0))", $0) })) FROM \(ref(r.sql)) \(t) WHERE \(cond)",
                            columns: r.columns, maybe: r.maybe)
        case .union(let a, let b):
            let x = try compile(a), y = try compile(b)
            var columns = x.columns
            for c in y.columns where !columns.contains(c) { columns.append(c) }
            let sides = [x, y].map { r in
                "SELECT \(selectList(columns.map { (r.columns.contains($0) ? "u.\(quoteIdent($0))" : "NULL", $0) })) FROM \(ref(r.sql)) u"
            }
            let maybe = Set(columns.filter { !x.columns.contains($0) || !y.columns.contains($0) }).union(x.maybe).union(y.maybe)
            return Relation(sql: sides.joined(separator: " UNION ALL "), columns: columns, maybe: maybe)
        case .minus(let a, let b):
            let x = try compile(a), y = try compile(b)
            let shared = x.columns.filter { y.columns.contains($0) }
            // Both sides of a MINUS inside GRAPH ?g share the hidden graph column; it must match
            // but does not count as a shared variable.
            if shared.allSatisfy({ $0.hasPrefix("?graph") }) { return x }
            let ta = alias(), tb = alias()
            var conds: [String] = []
            var overlap: [String] = []
            for c in shared {
                let l = "\(ta).\(quoteIdent(c))", r = "\(tb).\(quoteIdent(c))"
                if x.maybe.contains(c) || y.maybe.contains(c) {
                    conds.append("(\(l) IS NULL OR \(r) IS NULL OR \(l) = \(r))")
                    if !c.hasPrefix("?graph") { overlap.append("(\(l) IS NOT NULL AND \(r) IS NOT NULL)") }
                } else {
                    conds.append("\(l) = \(r)")
                    if !c.hasPrefix("?graph") { overlap.append("1") }
                }
            }
            let sql = "SELECT \(selectList(x.columns.map { ("\(ta).\(quoteIdent($0))", $0) })) FROM \(ref(x.sql)) \(ta) WHERE NOT EXISTS (SELECT 1 FROM \(ref(y.sql)) \(tb) WHERE \(conds.joined(separator: " AND ")) AND (\(overlap.joined(separator: " OR "))))"
            return Relation(sql: sql, columns: x.columns, maybe: x.maybe)
        case .extend(let a, let v, let e):
            let r = try compile(a)
            let t = alias()
            let value = try termSQL(e, scopeOf(r, t))
            var items = r.columns.map { ("\(t).\(quoteIdent($0))", $0) }
            items.append((value, v))
            // A constant, or a copy of a variable that is always bound, is always bound: knowing
            // it keeps later joins on it plain equalities, which SQLite can answer from an index.
            var certain = false
            if case .constant = e { certain = true }
            if case .variable(let w) = e, r.columns.contains(w), !r.maybe.contains(w) { certain = true }
            return Relation(sql: "SELECT \(selectList(items)) FROM \(ref(r.sql)) \(t)", columns: r.columns + [v],
                            maybe: certain ? r.maybe : r.maybe.union([v]))
        case .values(let vars, let rows):
            if rows.isEmpty { return empty(vars) }
            if vars.isEmpty { return Relation(sql: "SELECT 1 AS \"?unit\"", columns: [], maybe: []) }
            let tuples = rows.map { row in "(" + row.map { $0.map { String(constant($0)) } ?? "NULL" }.joined(separator: ", ") + ")" }
            let maybe = Set(vars.enumerated().filter { k, _ in rows.contains { $0[k] == nil } }.map(\.element))
            let items = vars.enumerated().map { ("column\($0.offset + 1)", $0.element) }
            return Relation(sql: "SELECT \(selectList(items)) FROM (VALUES \(tuples.joined(separator: ", ")))", columns: vars, maybe: maybe)
        case .graph(let name, let inner):
            let saved = context
            defer { context = saved }
            guard case .variable(let v) = name else {
                if case .term(let t) = name { context = .named(terms.storedID(t)) }
                return try compile(inner)
            }
            // ?g is not in scope inside GRAPH ?g: the graph goes in a hidden column, which
            // becomes ?g (joined with any ?g the inner pattern binds) afterwards.
            let hidden = "?graph\(alias())"
            context = .variable(hidden)
            var r = try compile(inner)
            if !r.columns.contains(hidden) || r.maybe.contains(hidden) {
                // A pattern that binds no quads (`GRAPH ?g {}`) still ranges over the graphs.
                let cond = graphConditions("q").joined(separator: " AND ")
                let graphs = Relation(sql: "SELECT DISTINCT q.g AS \(quoteIdent(hidden)) FROM quads q WHERE \(cond.isEmpty ? "1" : cond)", columns: [hidden], maybe: [])
                r = try join(r, graphs, left: false, filter: nil)
            }
            let t = alias()
            let h = "\(t).\(quoteIdent(hidden))"
            var items = r.columns.filter { $0 != hidden && $0 != v }.map { ("\(t).\(quoteIdent($0))", $0) }
            items.append((h, v))
            var cond = ""
            if r.columns.contains(v) {
                let inner = "\(t).\(quoteIdent(v))"
                cond = r.maybe.contains(v) ? " WHERE (\(inner) IS NULL OR \(inner) = \(h))" : " WHERE \(inner) = \(h)"
            }
            return Relation(sql: "SELECT \(selectList(items)) FROM \(ref(r.sql)) \(t)\(cond)", columns: items.map(\.1),
                            maybe: r.maybe.subtracting([hidden, v]))
        case .subquery(let q):
            var inner = self
            inner.context = context
            let r = try inner.select(q)
            aliasCounter = inner.aliasCounter + 1
            return r
        }
    }

    func scopeOf(_ r: Relation, _ alias: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: r.columns.map { ($0, "\(alias).\(quoteIdent($0))") })
    }

    mutating func bgp(_ triples: [TriplePattern]) throws -> Relation {
        var bindings: [(String, String)] = []
        var bound: [String: String] = [:]
        var conditions: [String] = []
        var from: [String] = []
        var graphVar: String? = nil
        if case .variable(let v) = context { graphVar = v }
        if triples.isEmpty {
            if let graphVar {
                let cond = graphConditions("q").joined(separator: " AND ")
                return Relation(sql: "SELECT DISTINCT q.g AS \(quoteIdent(graphVar)) FROM quads q WHERE \(cond)", columns: [graphVar], maybe: [])
            }
            if case .named(let id) = context {
                // GRAPH <g> {} has one solution if the graph exists, none otherwise.
                let exists = id.map { _ in "EXISTS (SELECT 1 FROM quads q WHERE \(graphConditions("q").joined(separator: " AND ")))" } ?? "0"
                return Relation(sql: "SELECT 1 AS \"?unit\" WHERE \(exists)", columns: [], maybe: [])
            }
            return Relation(sql: "SELECT 1 AS \"?unit\"", columns: [], maybe: [])
        }
        for t in triples {
            let q = alias("q")
            from.append("quads \(q)")
            conditions += graphConditions(q)
            func place(_ term: PatternTerm, _ column: String) {
                switch term {
                case .term(let c):
                    if let id = terms.storedID(c) { conditions.append("\(q).\(column) = \(id)") } else { conditions.append("0") }
                case .variable(let v):
                    if let b = bound[v] { conditions.append("\(q).\(column) = \(b)") } else {
                        bound[v] = "\(q).\(column)"
                        bindings.append(("\(q).\(column)", v))
                    }
                }
            }
            place(t.subject, "s")
            place(t.predicate, "p")
            place(t.object, "o")
            if let graphVar { place(.variable(graphVar), "g") }
        }
        if conditions.contains("0") { return empty(bindings.map(\.1)) }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var quad: (alias: String, conditions: [String], columns: [String: String])? = nil
        if from.count == 1 {
            quad = (String(from[0].dropFirst("quads ".count)), conditions, Dictionary(uniqueKeysWithValues: bindings.map { ($0.1, $0.0) }))
        }
        return Relation(sql: "SELECT \(selectList(bindings)) FROM \(from.joined(separator: ", "))\(whereClause)",
                        columns: bindings.map(\.1), maybe: [], quad: quad)
    }

    mutating func join(_ x: Relation, _ y: Relation, left: Bool, filter: Expression?) throws -> Relation {
        let ta = alias(), tb = alias()
        // OPTIONAL { one triple }: the quads table goes on the right of the LEFT JOIN directly,
        // an index lookup per row. (A subquery there is not flattened when the query is DISTINCT.)
        let inline = left ? y.quad : nil
        func right(_ c: String) -> String { inline?.columns[c] ?? "\(tb).\(quoteIdent(c))" }
        var conds: [String] = []
        var items: [(String, String)] = []
        var scope: [String: String] = [:]
        var maybe = Set<String>()
        for c in x.columns {
            let l = "\(ta).\(quoteIdent(c))"
            if y.columns.contains(c) {
                let r = right(c)
                let xm = x.maybe.contains(c), ym = y.maybe.contains(c)
                if !xm && !ym {
                    conds.append("\(l) = \(r)")
                    scope[c] = l
                } else {
                    conds.append("(\(l) = \(r) OR \(l) IS NULL OR \(r) IS NULL)")
                    scope[c] = xm ? "COALESCE(\(l), \(r))" : l
                    if xm && ym { maybe.insert(c) }
                    if xm && !ym && left { maybe.insert(c) }
                }
            } else {
                scope[c] = l
                if x.maybe.contains(c) { maybe.insert(c) }
            }
            items.append((scope[c]!, c))
        }
        for c in y.columns where !x.columns.contains(c) {
            scope[c] = right(c)
            items.append((scope[c]!, c))
            if left || y.maybe.contains(c) { maybe.insert(c) }
        }
        if let inline { conds = inline.conditions + conds }
        if let filter { conds.append(try boolSQL(filter, scope)) }
        let on = conds.isEmpty ? "1" : conds.joined(separator: " AND ")
        let kind = left ? "LEFT JOIN" : "JOIN"
        // Any other right side of a LEFT JOIN is materialized, so it gets an automatic index
        // instead of being run again for every row on the left.
        let rightSide = inline.map { "quads \($0.alias)" } ?? (left ? ref(y.sql, materialized: true) + " \(tb)" : "(\(y.sql)) \(tb)")
        return Relation(sql: "SELECT \(selectList(items)) FROM \(ref(x.sql)) \(ta) \(kind) \(rightSide) ON \(on)",
                        columns: items.map(\.1), maybe: maybe)
    }
}
