/// Property paths → SQL. A path is a binary relation with columns s and o (and g inside
/// GRAPH ?g); `+` and `*` are recursive CTEs, seeded from a constant end when there is one.
extension SQLCompiler {
    var graphVariable: String? {
        if case .variable(let v) = context { return v }
        return nil
    }

    mutating func pathPattern(_ s: PatternTerm, _ path: PropertyPath, _ o: PatternTerm) throws -> Relation {
        var seed: (column: String, id: Int64)? = nil
        if case .term(let t) = s { seed = ("s", constant(t)) } else if case .term(let t) = o { seed = ("o", constant(t)) }
        let rel = try pathSQL(path, seed: seed)
        let t = alias("p")
        var items: [(String, String)] = []
        var conds: [String] = []
        for (end, column) in [(s, "s"), (o, "o")] {
            switch end {
            case .term(let c): conds.append("\(t).\(column) = \(constant(c))")
            case .variable(let v):
                if let existing = items.first(where: { $0.1 == v }) {
                    conds.append("\(t).\(column) = \(existing.0)")
                } else {
                    items.append(("\(t).\(column)", v))
                }
            }
        }
        if let g = graphVariable {
            if let existing = items.first(where: { $0.1 == g }) { conds.append("\(t).g = \(existing.0)") } else { items.append(("\(t).g", g)) }
        }
        let whereClause = conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")
        return Relation(sql: "SELECT \(selectList(items)) FROM \(ref(rel)) \(t)\(whereClause)", columns: items.map(\.1), maybe: [])
    }

    /// SQL with columns s, o (and g when the active graph is a variable).
    mutating func pathSQL(_ path: PropertyPath, seed: (column: String, id: Int64)?) throws -> String {
        let g = graphVariable != nil
        let gcol = g ? ", q.g AS g" : ""
        switch path {
        case .link(let iri):
            guard let id = terms.storedID(iri) else { return "SELECT NULL AS s, NULL AS o\(g ? ", NULL AS g" : "") WHERE 0" }
            // A bound end narrows the scan to an index range (the caller checks it again).
            let bound = seed.map { ["q.\($0.column) = \($0.id)"] } ?? []
            let conds = ["q.p = \(id)"] + bound + graphConditions("q")
            return "SELECT q.s AS s, q.o AS o\(gcol) FROM quads q WHERE \(conds.joined(separator: " AND "))"
        case .inverse(let inner):
            let flipped = seed.map { (column: $0.column == "s" ? "o" : "s", id: $0.id) }
            let r = try pathSQL(inner, seed: flipped)
            return "SELECT i.o AS s, i.s AS o\(g ? ", i.g AS g" : "") FROM (\(r)) i"
        case .sequence(let steps):
            var sql = ""
            var aliases: [String] = []
            for (k, step) in steps.enumerated() {
                let a = alias("sq")
                let r = try pathSQL(step, seed: k == 0 && seed?.column == "s" ? seed : (k == steps.count - 1 && seed?.column == "o" ? seed : nil))
                if k == 0 {
                    sql = "FROM (\(r)) \(a)"
                } else {
                    let prev = aliases[k - 1]
                    sql += " JOIN (\(r)) \(a) ON \(a).s = \(prev).o\(g ? " AND \(a).g = \(prev).g" : "")"
                }
                aliases.append(a)
            }
            return "SELECT \(aliases[0]).s AS s, \(aliases.last!).o AS o\(g ? ", \(aliases[0]).g AS g" : "") \(sql)"
        case .alternative(let options):
            // The union of the documents' graphs repeats a triple once per document; there, as
            // in Oxigraph, an alternative is a set of pairs (a sequence stays a join).
            let glue = mode == .unionDefaultGraph ? " UNION " : " UNION ALL "
            return try options.map { "SELECT * FROM (\(try pathSQL($0, seed: seed)))" }.joined(separator: glue)
        case .negated(let forward, let inverse):
            let fwd = forward.compactMap { terms.storedID($0) }.map(String.init).joined(separator: ",")
            let inv = inverse.compactMap { terms.storedID($0) }.map(String.init).joined(separator: ",")
            let gc = graphConditions("q")
            var parts: [String] = []
            if !forward.isEmpty || inverse.isEmpty {
                let conds = (fwd.isEmpty ? [] : ["q.p NOT IN (\(fwd))"]) + gc
                parts.append("SELECT q.s AS s, q.o AS o\(gcol) FROM quads q\(conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND "))")
            }
            if !inverse.isEmpty {
                let conds = (inv.isEmpty ? [] : ["q.p NOT IN (\(inv))"]) + gc
                parts.append("SELECT q.o AS s, q.s AS o\(gcol) FROM quads q\(conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND "))")
            }
            let glue = mode == .unionDefaultGraph ? " UNION " : " UNION ALL "
            let all = parts.map { "SELECT * FROM (\($0))" }.joined(separator: glue)
            return mode == .unionDefaultGraph ? "SELECT DISTINCT * FROM (\(all))" : all
        case .oneOrMore(let inner):
            return try closure(inner, seed: seed)
        case .zeroOrMore(let inner):
            return "SELECT s, o\(g ? ", g" : "") FROM (\(try zeroLength(seed: seed))) UNION SELECT s, o\(g ? ", g" : "") FROM (\(try closure(inner, seed: seed)))"
        case .zeroOrOne(let inner):
            return "SELECT s, o\(g ? ", g" : "") FROM (\(try zeroLength(seed: seed))) UNION SELECT s, o\(g ? ", g" : "") FROM (\(try pathSQL(inner, seed: seed)))"
        }
    }

    /// Transitive closure by a recursive CTE; UNION (not ALL) makes it a set and ends cycles.
    mutating func closure(_ inner: PropertyPath, seed: (column: String, id: Int64)?) throws -> String {
        let g = graphVariable != nil
        let step = try pathSQL(inner, seed: nil)
        let name = alias("r")
        let gsel = g ? ", g" : ""
        if let seed, seed.column == "o" {
            // Walk backwards from the bound object.
            let start = "SELECT s, o\(gsel) FROM (\(step)) WHERE o = \(seed.id)"
            let next = "SELECT e.s, \(name).o\(g ? ", e.g" : "") FROM \(name) JOIN (\(step)) e ON e.o = \(name).s\(g ? " AND e.g = \(name).g" : "")"
            return "WITH RECURSIVE \(name)(s, o\(gsel)) AS (\(start) UNION \(next)) SELECT s, o\(gsel) FROM \(name)"
        }
        let start = "SELECT s, o\(gsel) FROM (\(step))" + (seed.map { " WHERE s = \($0.id)" } ?? "")
        let next = "SELECT \(name).s, e.o\(g ? ", e.g" : "") FROM \(name) JOIN (\(step)) e ON e.s = \(name).o\(g ? " AND e.g = \(name).g" : "")"
        return "WITH RECURSIVE \(name)(s, o\(gsel)) AS (\(start) UNION \(next)) SELECT s, o\(gsel) FROM \(name)"
    }

    /// The zero-length path: every node of the active graph to itself, or just the seed.
    func zeroLength(seed: (column: String, id: Int64)?) throws -> String {
        let g = graphVariable != nil
        if let seed, !g { return "SELECT \(seed.id) AS s, \(seed.id) AS o" }
        let gc = graphConditions("q")
        let w = gc.isEmpty ? "" : " WHERE " + gc.joined(separator: " AND ")
        if let seed {
            return "SELECT DISTINCT \(seed.id) AS s, \(seed.id) AS o, q.g AS g FROM quads q\(w)"
        }
        let gsel = g ? ", q.g AS g" : ""
        return "SELECT q.s AS s, q.s AS o\(gsel) FROM quads q\(w) UNION SELECT q.o AS s, q.o AS o\(gsel) FROM quads q\(w)"
    }
}
