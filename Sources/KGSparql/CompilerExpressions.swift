/// Expressions → SQL. `termSQL` yields a term id (NULL for an error or unbound); `boolSQL`
/// yields 1, 0 or NULL, so SQL's three-valued AND/OR/NOT are exactly SPARQL's error rules.
extension SQLCompiler {
    func sqlString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `sp_eval(k, columns…)` (a term id) or `sp_evalb(k, columns…)` (1, 0 or NULL).
    func swiftCall(_ e: Expression, _ scope: [String: String], boolean: Bool) -> String {
        let (k, variables) = terms.add(e)
        let args = [String(k)] + variables.map { scope[$0] ?? "NULL" }
        return "\(boolean ? "sp_evalb" : "sp_eval")(\(args.joined(separator: ", ")))"
    }

    mutating func termSQL(_ e: Expression, _ scope: [String: String]) throws -> String {
        switch e {
        case .variable(let v): return scope[v] ?? "NULL"
        case .constant(let t): return String(constant(t))
        case _ where Evaluator.evaluable(e): return swiftCall(e, scope, boolean: false)
        case .arithmetic(let op, let a, let b):
            return "sp_arith(\(sqlString(op)), \(try termSQL(a, scope)), \(try termSQL(b, scope)))"
        case .negate(let a):
            return "sp_arith('-', \(constant(.literal("0", datatype: XSD.integer))), \(try termSQL(a, scope)))"
        case .plus(let a):
            return "sp_arith('+', \(constant(.literal("0", datatype: XSD.integer))), \(try termSQL(a, scope)))"
        case .call(let name, let args):
            switch name {
            case "coalesce":
                if args.isEmpty { return "NULL" }
                let parts = try args.map { try termSQL($0, scope) }
                return parts.count == 1 ? parts[0] : "COALESCE(\(parts.joined(separator: ", ")))"
            case "if":
                return "(CASE \(try boolSQL(args[0], scope)) WHEN 1 THEN \(try termSQL(args[1], scope)) WHEN 0 THEN \(try termSQL(args[2], scope)) END)"
            case "bound", "sameterm", "regex", "langmatches", "contains", "strstarts", "strends", "isiri", "isblank", "isliteral", "isnumeric":
                if ["bound", "sameterm"].contains(name) { return "sp_bool(\(try boolSQL(e, scope)))" }
                fallthrough
            default:
                let parts = try args.map { try termSQL($0, scope) }
                return "sp_call(\(([sqlString(name)] + parts).joined(separator: ", ")))"
            }
        default:
            return "sp_bool(\(try boolSQL(e, scope)))"
        }
    }

    mutating func boolSQL(_ e: Expression, _ scope: [String: String]) throws -> String {
        switch e {
        case .or(let a, let b): return "(\(try boolSQL(a, scope)) OR \(try boolSQL(b, scope)))"
        case .and(let a, let b): return "(\(try boolSQL(a, scope)) AND \(try boolSQL(b, scope)))"
        case .not(let a): return "(NOT \(try boolSQL(a, scope)))"
        case .compare(let op, let a, let b):
            // A variable against an IRI or blank node: RDF term equality is id equality, so
            // SQLite can use its indexes.
            if op == "=" || op == "!=" {
                for (x, y) in [(a, b), (b, a)] {
                    if case .variable(let v) = x, case .constant(let t) = y, t.kind != .literal {
                        let column = scope[v] ?? "NULL"
                        return "(\(column) \(op == "=" ? "=" : "!=") \(constant(t)))"
                    }
                }
            }
            if Evaluator.evaluable(e) { return swiftCall(e, scope, boolean: true) }
            return "sp_cmp(\(sqlString(op)), \(try termSQL(a, scope)), \(try termSQL(b, scope)))"
        case .inList(let x, let list, let negated):
            if list.isEmpty { return negated ? "1" : "0" }
            let parts = try list.map { try boolSQL(.compare("=", x, $0), scope) }
            let any = "(" + parts.joined(separator: " OR ") + ")"
            return negated ? "(NOT \(any))" : any
        case .call("bound", let args):
            guard case .variable(let v) = args[0] else { return "0" }
            return "(\(scope[v] ?? "NULL") IS NOT NULL)"
        case .call("sameterm", let args):
            return "(\(try termSQL(args[0], scope)) = \(try termSQL(args[1], scope)))"
        case .exists(let pattern, let negated):
            var inner = self
            let r = try inner.compile(pattern)
            aliasCounter = inner.aliasCounter + 1
            let t = alias("x")
            var conds: [String] = []
            for c in r.columns {
                guard let outer = scope[c] else { continue }
                conds.append("(\(outer) IS NULL OR \(t).\(quoteIdent(c)) = \(outer))")
            }
            let whereClause = conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")
            return "(\(negated ? "NOT " : "")EXISTS (SELECT 1 FROM \(ref(r.sql)) \(t)\(whereClause)))"
        case .constant(let t):
            if let b = Semantics.ebv(t) { return b ? "1" : "0" }
            return "NULL"
        case _ where Evaluator.evaluable(e):
            return swiftCall(e, scope, boolean: true)
        default:
            return "sp_ebv(\(try termSQL(e, scope)))"
        }
    }
}

public enum SparqlError: Error, CustomStringConvertible, Equatable {
    case syntax(SparqlSyntaxError)
    case unsupported(String)
    case timeout(Double)
    case rowLimit(Int)
    case database(String)

    public var description: String {
        switch self {
        case .syntax(let e): return e.description
        case .unsupported(let what): return "not supported: \(what)"
        case .timeout(let s): return "query timed out after \(s) s (raise --timeout)"
        case .rowLimit(let n): return "query returned more than \(n) rows (add LIMIT or raise --limit)"
        case .database(let m): return "database error: \(m)"
        }
    }
}
