/// A recursive-descent parser for SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT) that builds the
/// algebra directly. Hand-written because no parser library is available, and because errors
/// should name the line and column of the token that went wrong.
public struct SparqlParser {
    var tokens: [Token]
    var i = 0
    var prefixes: [String: String]
    var base: String?
    var fresh = 0
    /// One aggregate list per (sub)query being parsed; the innermost is last.
    var aggregateScopes: [[(name: String, aggregate: Aggregate)]] = []
    var allowAggregates = false

    init(_ text: String, prefixes: [String: String], base: String?) throws(SparqlSyntaxError) {
        tokens = try Lexer.tokenize(text)
        self.prefixes = prefixes
        self.base = base
    }

    static func parse(_ text: String, prefixes: [String: String] = [:], base: String? = nil) throws(SparqlSyntaxError) -> ParsedQuery {
        var p = try SparqlParser(text, prefixes: prefixes, base: base)
        return try p.query()
    }

    // MARK: tokens

    var current: Token { tokens[i] }

    func fail(_ message: String, _ t: Token? = nil) -> SparqlSyntaxError {
        let t = t ?? current
        return SparqlSyntaxError(line: t.line, column: t.column, message: message)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "end of query"
        case .punct(let p): return "'\(p)'"
        case .word(let w): return "'\(w)'"
        case .variable(let v): return "?\(v)"
        case .iri(let v): return "<\(v)>"
        case .pname(let p, let l): return "\(p):\(l)"
        case .string: return "a string"
        case .integer(let v), .decimal(let v), .double(let v): return v
        case .blank(let b): return "_:\(b)"
        case .langTag(let l): return "@\(l)"
        }
    }

    func isPunct(_ p: String) -> Bool { current.kind == .punct(p) }
    func isWord(_ w: String) -> Bool {
        if case .word(let x) = current.kind { return x.caseInsensitiveCompare(w) == .orderedSame }
        return false
    }

    mutating func accept(_ p: String) -> Bool {
        if isPunct(p) { i += 1; return true }
        return false
    }

    mutating func acceptWord(_ w: String) -> Bool {
        if isWord(w) { i += 1; return true }
        return false
    }

    mutating func expect(_ p: String) throws(SparqlSyntaxError) {
        guard accept(p) else { throw fail("expected '\(p)', found \(describe(current))") }
    }

    mutating func expectWord(_ w: String) throws(SparqlSyntaxError) {
        guard acceptWord(w) else { throw fail("expected \(w), found \(describe(current))") }
    }

    mutating func freshVariable() -> String {
        fresh += 1
        return "?v\(fresh)"
    }

    // MARK: query

    mutating func query() throws(SparqlSyntaxError) -> ParsedQuery {
        try prologue()
        var q: ParsedQuery
        if acceptWord("SELECT") {
            q = ParsedQuery(form: .select, select: try selectBody(subquery: false))
            if let d = pendingDataset { q.from = d.0; q.fromNamed = d.1 }
        } else if acceptWord("ASK") {
            let (from, named) = try datasetClauses()
            aggregateScopes.append([])
            var s = SelectQuery(projection: [], pattern: try whereClause())
            try solutionModifiers(&s)
            s.aggregates = aggregateScopes.removeLast()
            q = ParsedQuery(form: .ask, select: s, from: from, fromNamed: named)
        } else if acceptWord("CONSTRUCT") {
            q = try constructQuery()
        } else if isWord("DESCRIBE") {
            throw fail("DESCRIBE is not supported (use SELECT, ASK or CONSTRUCT)")
        } else {
            throw fail("expected SELECT, ASK or CONSTRUCT, found \(describe(current))")
        }
        if acceptWord("VALUES") {
            q.select.pattern = .join(q.select.pattern, try valuesBlock())
        }
        guard current.kind == .end else { throw fail("unexpected \(describe(current)) after the query") }
        return q
    }

    mutating func prologue() throws(SparqlSyntaxError) {
        while true {
            if acceptWord("BASE") {
                guard case .iri(let v) = current.kind else { throw fail("expected an IRI after BASE") }
                i += 1
                base = resolve(v)
            } else if acceptWord("PREFIX") {
                guard case .pname(let p, let local) = current.kind, local.isEmpty else { throw fail("expected a prefix name like 'ex:' after PREFIX") }
                i += 1
                guard case .iri(let v) = current.kind else { throw fail("expected an IRI for prefix '\(p):'") }
                i += 1
                prefixes[p] = resolve(v)
            } else {
                return
            }
        }
    }

    func resolve(_ iri: String) -> String {
        guard let base else { return iri }
        return resolveIRI(iri, against: base)
    }

    mutating func datasetClauses() throws(SparqlSyntaxError) -> ([String], [String]) {
        var from: [String] = [], named: [String] = []
        while acceptWord("FROM") {
            let isNamed = acceptWord("NAMED")
            let t = try iri()
            if isNamed { named.append(t.value) } else { from.append(t.value) }
        }
        return (from, named)
    }

    mutating func selectBody(subquery: Bool) throws(SparqlSyntaxError) -> SelectQuery {
        aggregateScopes.append([])
        var distinct = false
        if acceptWord("DISTINCT") { distinct = true } else if acceptWord("REDUCED") { distinct = false }
        var projection: [(name: String, expression: Expression?)]? = []
        var projectedAt: [String: Token] = [:]
        if accept("*") {
            projection = nil
        } else {
            while true {
                if case .variable(let v) = current.kind {
                    projectedAt[v] = current
                    i += 1
                    projection!.append((v, nil))
                } else if isPunct("(") {
                    i += 1
                    allowAggregates = true
                    let e = try expression()
                    allowAggregates = false
                    try expectWord("AS")
                    guard case .variable(let v) = current.kind else { throw fail("expected a variable after AS") }
                    if projection!.contains(where: { $0.name == v }) { throw fail("variable ?\(v) is already projected") }
                    i += 1
                    try expect(")")
                    projection!.append((v, e))
                } else {
                    break
                }
            }
            if projection!.isEmpty { throw fail("expected variables or '*' after SELECT, found \(describe(current))") }
        }
        var from: [String] = [], named: [String] = []
        if !subquery { (from, named) = try datasetClauses() }
        var s = SelectQuery(projection: projection, distinct: distinct, pattern: try whereClause())
        try solutionModifiers(&s)
        s.aggregates = aggregateScopes.removeLast()
        if !subquery { pendingDataset = (from, named) }
        if let projection, s.hasGrouping {
            // Only group keys and aggregates may be projected from a grouped query.
            let keys = Set(s.groupBy.compactMap { g -> String? in
                if let n = g.name { return n }
                if case .variable(let v) = g.expression { return v }
                return nil
            })
            for (name, e) in projection where e == nil && !keys.contains(name) {
                throw fail("?\(name) is projected but is neither grouped nor aggregated", projectedAt[name])
            }
        } else if projection == nil && s.hasGrouping {
            throw fail("SELECT * cannot be used with GROUP BY")
        }
        return s
    }

    /// The top-level SELECT's FROM and FROM NAMED, handed from selectBody to query().
    var pendingDataset: ([String], [String])? = nil

    mutating func constructQuery() throws(SparqlSyntaxError) -> ParsedQuery {
        var template: [TriplePattern] = []
        var pattern: Pattern
        var from: [String] = [], named: [String] = []
        if isPunct("{") {
            i += 1
            template = try triplesTemplate()
            try expect("}")
            (from, named) = try datasetClauses()
            pattern = try whereClause()
        } else {
            (from, named) = try datasetClauses()
            try expectWord("WHERE")
            try expect("{")
            template = try triplesTemplate()
            try expect("}")
            pattern = .bgp(template)
        }
        aggregateScopes.append([])
        var s = SelectQuery(projection: nil, pattern: pattern)
        try solutionModifiers(&s)
        s.aggregates = aggregateScopes.removeLast()
        return ParsedQuery(form: .construct, select: s, template: template, from: from, fromNamed: named)
    }

    /// Triples of a CONSTRUCT template: no paths.
    mutating func triplesTemplate() throws(SparqlSyntaxError) -> [TriplePattern] {
        var out: [TriplePattern] = []
        while !isPunct("}") {
            var elements: [Pattern] = []
            try triplesSameSubject(into: &elements, allowPaths: false)
            for e in elements {
                if case .bgp(let ts) = e { out += ts }
            }
            if !accept(".") { break }
        }
        return out
    }

    mutating func whereClause() throws(SparqlSyntaxError) -> Pattern {
        // WHERE is optional everywhere, subqueries included.
        _ = acceptWord("WHERE")
        guard isPunct("{") else { throw fail("expected '{' to open the WHERE clause, found \(describe(current))") }
        return try groupGraphPattern()
    }

    mutating func solutionModifiers(_ s: inout SelectQuery) throws(SparqlSyntaxError) {
        if acceptWord("GROUP") {
            try expectWord("BY")
            repeat {
                if case .variable(let v) = current.kind {
                    i += 1
                    s.groupBy.append((.variable(v), nil))
                } else if accept("(") {
                    let e = try expression()
                    var name: String? = nil
                    if acceptWord("AS") {
                        guard case .variable(let v) = current.kind else { throw fail("expected a variable after AS") }
                        i += 1
                        name = v
                    }
                    try expect(")")
                    s.groupBy.append((e, name))
                } else {
                    s.groupBy.append((try primaryExpression(), nil))
                }
            } while startsGroupCondition
        }
        if acceptWord("HAVING") {
            allowAggregates = true
            repeat { s.having.append(try constraint()) } while isPunct("(") || startsBuiltIn
            allowAggregates = false
        }
        if acceptWord("ORDER") {
            try expectWord("BY")
            allowAggregates = true
            repeat {
                if acceptWord("ASC") {
                    s.orderBy.append(OrderCondition(expression: try bracketted(), descending: false))
                } else if acceptWord("DESC") {
                    s.orderBy.append(OrderCondition(expression: try bracketted(), descending: true))
                } else if case .variable(let v) = current.kind {
                    i += 1
                    s.orderBy.append(OrderCondition(expression: .variable(v), descending: false))
                } else {
                    s.orderBy.append(OrderCondition(expression: try constraint(), descending: false))
                }
            } while startsOrderCondition
            allowAggregates = false
        }
        while true {
            if acceptWord("LIMIT") { s.limit = try nonNegativeInteger("LIMIT") } else if acceptWord("OFFSET") { s.offset = try nonNegativeInteger("OFFSET") } else { break }
        }
    }

    var startsGroupCondition: Bool {
        if case .variable = current.kind { return true }
        return isPunct("(") || startsBuiltIn || { if case .iri = current.kind { return true }; if case .pname = current.kind { return true }; return false }()
    }

    var startsOrderCondition: Bool {
        if case .variable = current.kind { return true }
        return isWord("ASC") || isWord("DESC") || isPunct("(") || startsBuiltIn
            || { if case .iri = current.kind { return true }; if case .pname = current.kind { return true }; return false }()
    }

    var startsBuiltIn: Bool {
        if case .word(let w) = current.kind { return SparqlParser.builtIns.contains(w.lowercased()) || ["not", "exists"].contains(w.lowercased()) }
        return false
    }

    mutating func nonNegativeInteger(_ what: String) throws(SparqlSyntaxError) -> Int {
        guard case .integer(let v) = current.kind, let n = Int(v) else { throw fail("expected a whole number after \(what)") }
        i += 1
        return n
    }

    mutating func bracketted() throws(SparqlSyntaxError) -> Expression {
        try expect("(")
        let e = try expression()
        try expect(")")
        return e
    }

    /// FILTER's and HAVING's constraint: a bracketted expression, a built-in or a function call.
    mutating func constraint() throws(SparqlSyntaxError) -> Expression {
        if isPunct("(") { return try bracketted() }
        if startsBuiltIn { return try builtInCall() }
        if case .iri = current.kind { return try iriOrFunction() }
        if case .pname = current.kind { return try iriOrFunction() }
        throw fail("expected a constraint, found \(describe(current))")
    }
}

/// RFC 3986 §5.2 reference resolution, enough for query IRIs relative to a BASE.
func resolveIRI(_ ref: String, against base: String) -> String {
    func scheme(_ s: String) -> String? {
        guard let c = s.firstIndex(of: ":") else { return nil }
        let head = s[..<c]
        guard let f = head.first, f.isLetter, head.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return String(head)
    }
    if scheme(ref) != nil { return ref }
    guard let baseScheme = scheme(base) else { return ref }
    let afterScheme = base.dropFirst(baseScheme.count + 1)
    var authority = ""
    var path = String(afterScheme)
    if afterScheme.hasPrefix("//") {
        let rest = afterScheme.dropFirst(2)
        let end = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        authority = "//" + rest[..<end]
        path = String(rest[end...])
    }
    if let h = path.firstIndex(of: "#") { path = String(path[..<h]) }
    var baseQuery = ""
    if let q = path.firstIndex(of: "?") { baseQuery = String(path[q...]); path = String(path[..<q]) }
    if ref.isEmpty { return baseScheme + ":" + authority + path + baseQuery }
    if ref.hasPrefix("#") { return baseScheme + ":" + authority + path + baseQuery + ref }
    if ref.hasPrefix("//") { return baseScheme + ":" + ref }
    var refPath = ref
    var suffix = ""
    if let q = refPath.firstIndex(where: { $0 == "?" || $0 == "#" }) { suffix = String(refPath[q...]); refPath = String(refPath[..<q]) }
    if refPath.isEmpty { return baseScheme + ":" + authority + path + (suffix.hasPrefix("#") ? baseQuery : "") + suffix }
    let merged: String
    if refPath.hasPrefix("/") {
        merged = refPath
    } else if !authority.isEmpty && path.isEmpty {
        merged = "/" + refPath
    } else {
        let dir = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        merged = dir + refPath
    }
    return baseScheme + ":" + authority + removeDotSegments(merged) + suffix
}

private func removeDotSegments(_ path: String) -> String {
    var input = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let absolute = path.hasPrefix("/")
    if absolute { input.removeFirst() }
    var out: [String] = []
    for (k, seg) in input.enumerated() {
        let last = k == input.count - 1
        if seg == "." { if last { out.append("") }; continue }
        if seg == ".." {
            if !out.isEmpty { out.removeLast() }
            if last { out.append("") }
            continue
        }
        out.append(seg)
    }
    return (absolute ? "/" : "") + out.joined(separator: "/")
}
