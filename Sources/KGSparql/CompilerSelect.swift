/// SELECT → SQL: grouping and aggregates, projection expressions, HAVING, DISTINCT, ORDER BY,
/// LIMIT and OFFSET, in the order of SPARQL §18.2.4.
extension SQLCompiler {
    mutating func select(_ q: SelectQuery) throws -> Relation {
        var r = try compile(q.pattern)
        if q.hasGrouping { r = try group(r, q) }
        // Projection expressions, in order: each may use the ones before it.
        for (name, e) in q.projection ?? [] {
            guard let e else { continue }
            if r.columns.contains(name) { throw SparqlError.unsupported("?\(name) is bound twice in SELECT") }
            let t = alias()
            let value = try termSQL(e, scopeOf(r, t))
            var items = r.columns.map { ("\(t).\(quoteIdent($0))", $0) }
            items.append((value, name))
            r = Relation(sql: "SELECT \(selectList(items)) FROM \(ref(r.sql)) \(t)", columns: r.columns + [name], maybe: r.maybe.union([name]))
        }
        let names = q.projectedNames
        let t = alias()
        let scope = scopeOf(r, t)
        var order: [String] = []
        for c in q.orderBy {
            let key = "sp_okey(\(try termSQL(c.expression, scope)))"
            order.append(key + (c.descending ? " DESC" : ""))
        }
        let items = names.map { (scope[$0] ?? "NULL", $0) }
        var sql = "SELECT \(q.distinct ? "DISTINCT " : "")\(selectList(items)) FROM \(ref(r.sql)) \(t)"
        if !order.isEmpty {
            if q.distinct {
                // DISTINCT first, then order: order keys must be computed from projected columns.
                let inner = alias()
                let projectedScope = Dictionary(uniqueKeysWithValues: names.map { ($0, "\(inner).\(quoteIdent($0))") })
                var keys: [String] = []
                for c in q.orderBy {
                    keys.append("sp_okey(\(try termSQL(c.expression, projectedScope)))" + (c.descending ? " DESC" : ""))
                }
                sql = "SELECT \(selectList(names.map { ("\(inner).\(quoteIdent($0))", $0) })) FROM (\(sql)) \(inner) ORDER BY \(keys.joined(separator: ", "))"
            } else {
                sql += " ORDER BY " + order.joined(separator: ", ")
            }
        }
        if let limit = q.limit { sql += " LIMIT \(limit)" } else if q.offset != nil { sql += " LIMIT -1" }
        if let offset = q.offset { sql += " OFFSET \(offset)" }
        let maybe = Set(names.filter { r.maybe.contains($0) || !r.columns.contains($0) })
        return Relation(sql: sql, columns: names, maybe: maybe)
    }

    mutating func group(_ r: Relation, _ q: SelectQuery) throws -> Relation {
        let t = alias()
        let scope = scopeOf(r, t)
        var items: [(String, String)] = []
        var keys: [String] = []
        for (k, g) in q.groupBy.enumerated() {
            let sql = try termSQL(g.expression, scope)
            var name = g.name
            if name == nil, case .variable(let v) = g.expression { name = v }
            items.append((sql, name ?? "?key\(k)"))
            keys.append(sql)
        }
        for (name, a) in q.aggregates {
            items.append((try aggregateSQL(a, r, scope), name))
        }
        var sql = "SELECT \(selectList(items)) FROM \(ref(r.sql)) \(t)"
        if !keys.isEmpty { sql += " GROUP BY " + keys.joined(separator: ", ") }
        var grouped = Relation(sql: sql, columns: items.map(\.1), maybe: Set(items.map(\.1)))
        for h in q.having {
            let ht = alias()
            let cond = try boolSQL(h, scopeOf(grouped, ht))
            grouped.sql = "SELECT \(selectList(grouped.columns.map { ("\(ht).\(quoteIdent($0))", $0) })) FROM \(ref(grouped.sql)) \(ht) WHERE \(cond)"
        }
        return grouped
    }

    mutating func aggregateSQL(_ a: Aggregate, _ r: Relation, _ scope: [String: String]) throws -> String {
        let distinct = a.distinct ? "DISTINCT " : ""
        guard let argument = a.argument else {
            // COUNT(*): every solution; COUNT(DISTINCT *): distinct solutions.
            if !a.distinct || r.columns.isEmpty { return "sp_int(COUNT(*))" }
            let row = r.columns.map { "IFNULL(\(scope[$0]!), '')" }.joined(separator: " || ',' || ")
            return "sp_int(COUNT(DISTINCT \(row)))"
        }
        let value = try termSQL(argument, scope)
        switch a.name {
        case "count": return "sp_int(COUNT(\(distinct)\(value)))"
        case "sample": return "MAX(\(value))"
        default:
            return "sp_agg(\(sqlString(a.name)), group_concat(\(distinct)\(value)), \(sqlString(a.separator)))"
        }
    }
}
