/// Expressions: operators by precedence, built-in calls, function calls and aggregates.

extension SparqlParser {
    /// Built-in function names, lowercased, and how many arguments each takes (min, max).
    static let builtInArity: [String: (Int, Int)] = [
        "str": (1, 1), "lang": (1, 1), "langmatches": (2, 2), "datatype": (1, 1), "bound": (1, 1),
        "iri": (1, 1), "uri": (1, 1), "bnode": (0, 1), "rand": (0, 0), "abs": (1, 1), "ceil": (1, 1),
        "floor": (1, 1), "round": (1, 1), "concat": (0, 99), "strlen": (1, 1), "ucase": (1, 1),
        "lcase": (1, 1), "encode_for_uri": (1, 1), "contains": (2, 2), "strstarts": (2, 2),
        "strends": (2, 2), "strbefore": (2, 2), "strafter": (2, 2), "year": (1, 1), "month": (1, 1),
        "day": (1, 1), "hours": (1, 1), "minutes": (1, 1), "seconds": (1, 1), "timezone": (1, 1),
        "tz": (1, 1), "now": (0, 0), "uuid": (0, 0), "struuid": (0, 0), "coalesce": (0, 99), "if": (3, 3),
        "strlang": (2, 2), "strdt": (2, 2), "sameterm": (2, 2), "isiri": (1, 1), "isuri": (1, 1),
        "isblank": (1, 1), "isliteral": (1, 1), "isnumeric": (1, 1), "regex": (2, 3), "substr": (2, 3),
        "replace": (3, 4),
    ]
    static let builtIns = Set(builtInArity.keys).union(["count", "sum", "min", "max", "avg", "sample", "group_concat"])
    static let aggregateNames: Set<String> = ["count", "sum", "min", "max", "avg", "sample", "group_concat"]

    mutating func expression() throws(SparqlSyntaxError) -> Expression {
        var e = try andExpression()
        while accept("||") { e = .or(e, try andExpression()) }
        return e
    }

    mutating func andExpression() throws(SparqlSyntaxError) -> Expression {
        var e = try relationalExpression()
        while accept("&&") { e = .and(e, try relationalExpression()) }
        return e
    }

    mutating func relationalExpression() throws(SparqlSyntaxError) -> Expression {
        let left = try additiveExpression()
        for op in ["=", "!=", "<=", ">=", "<", ">"] where accept(op) {
            return .compare(op, left, try additiveExpression())
        }
        if acceptWord("IN") { return .inList(left, try expressionList(), negated: false) }
        if isWord("NOT"), case .word(let w) = tokens[i + 1].kind, w.uppercased() == "IN" {
            i += 2
            return .inList(left, try expressionList(), negated: true)
        }
        return left
    }

    mutating func expressionList() throws(SparqlSyntaxError) -> [Expression] {
        try expect("(")
        var out: [Expression] = []
        if accept(")") { return out }
        repeat { out.append(try expression()) } while accept(",")
        try expect(")")
        return out
    }

    mutating func additiveExpression() throws(SparqlSyntaxError) -> Expression {
        var e = try multiplicativeExpression()
        while true {
            if accept("+") {
                e = .arithmetic("+", e, try multiplicativeExpression())
            } else if accept("-") {
                e = .arithmetic("-", e, try multiplicativeExpression())
            } else {
                return e
            }
        }
    }

    mutating func multiplicativeExpression() throws(SparqlSyntaxError) -> Expression {
        var e = try unaryExpression()
        while true {
            if accept("*") { e = .arithmetic("*", e, try unaryExpression()) } else if accept("/") { e = .arithmetic("/", e, try unaryExpression()) } else { return e }
        }
    }

    mutating func unaryExpression() throws(SparqlSyntaxError) -> Expression {
        if accept("!") { return .not(try primaryExpression()) }
        if accept("+") { return .plus(try primaryExpression()) }
        if accept("-") { return .negate(try primaryExpression()) }
        return try primaryExpression()
    }

    mutating func primaryExpression() throws(SparqlSyntaxError) -> Expression {
        switch current.kind {
        case .punct("("): return try bracketted()
        case .variable(let v): i += 1; return .variable(v)
        case .iri, .pname: return try iriOrFunction()
        case .string: return .constant(try literal())
        case .integer, .decimal, .double: return .constant(try numericLiteral(sign: ""))
        case .word(let w):
            let lw = w.lowercased()
            if lw == "true" || lw == "false" { i += 1; return .constant(.literal(lw, datatype: XSD.boolean)) }
            if startsBuiltIn { return try builtInCall() }
            throw fail("unknown function or keyword '\(w)'")
        default:
            throw fail("expected an expression, found \(describe(current))")
        }
    }

    mutating func iriOrFunction() throws(SparqlSyntaxError) -> Expression {
        let t = try iri()
        guard isPunct("(") else { return .constant(t) }
        if tokens[i + 1].kind == .punct(")") { i += 2; return .call(t.value, []) }
        i += 1
        _ = acceptWord("DISTINCT")
        var args = [try expression()]
        while accept(",") { args.append(try expression()) }
        try expect(")")
        return .call(t.value, args)
    }

    mutating func builtInCall() throws(SparqlSyntaxError) -> Expression {
        let at = current
        guard case .word(let w) = current.kind else { throw fail("expected a function") }
        let name = w.lowercased()
        i += 1
        if name == "not" {
            try expectWord("EXISTS")
            return .exists(try groupGraphPattern(), negated: true)
        }
        if name == "exists" { return .exists(try groupGraphPattern(), negated: false) }
        if SparqlParser.aggregateNames.contains(name) { return try aggregate(name, at: at) }
        guard let (lo, hi) = SparqlParser.builtInArity[name] else { throw fail("unknown function '\(w)'", at) }
        var args: [Expression] = []
        if name == "bnode" || name == "rand" || name == "now" || name == "uuid" || name == "struuid" {
            // NIL form `()` or one argument.
            try expect("(")
            if !accept(")") {
                args.append(try expression())
                try expect(")")
            }
        } else if name == "bound" {
            try expect("(")
            guard case .variable(let v) = current.kind else { throw fail("BOUND takes a variable") }
            i += 1
            try expect(")")
            args = [.variable(v)]
        } else {
            args = try expressionList()
        }
        guard args.count >= lo && args.count <= hi else {
            throw fail("\(w.uppercased()) takes \(lo == hi ? "\(lo)" : "\(lo) to \(hi)") argument\(hi == 1 ? "" : "s"), not \(args.count)", at)
        }
        let canonical = ["uri": "iri", "isuri": "isiri"][name] ?? name
        // IRI("rel") resolves against the query's base, which the call carries along.
        if canonical == "iri", let base { args.append(.constant(.iri(base))) }
        return .call(canonical, args)
    }

    mutating func aggregate(_ name: String, at: Token) throws(SparqlSyntaxError) -> Expression {
        guard allowAggregates, !aggregateScopes.isEmpty else { throw fail("aggregate \(name.uppercased()) is not allowed here", at) }
        try expect("(")
        let distinct = acceptWord("DISTINCT")
        var agg = Aggregate(name: name, distinct: distinct, argument: nil)
        // Aggregates do not nest.
        allowAggregates = false
        defer { allowAggregates = true }
        if name == "count" && accept("*") {
            agg.argument = nil
        } else {
            agg.argument = try expression()
        }
        if name == "group_concat" && accept(";") {
            try expectWord("SEPARATOR")
            try expect("=")
            guard case .string(let sep) = current.kind else { throw fail("expected a string after SEPARATOR =") }
            i += 1
            agg.separator = sep
        }
        try expect(")")
        var scope = aggregateScopes.removeLast()
        defer { aggregateScopes.append(scope) }
        if let existing = scope.first(where: { $0.aggregate == agg }) { return .variable(existing.name) }
        let hidden = "?agg\(scope.count)_\(aggregateScopes.count)"
        scope.append((hidden, agg))
        return .variable(hidden)
    }
}
