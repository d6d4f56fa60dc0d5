/// Group graph patterns, triples and property paths, translated to algebra as they are read.

let rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

extension SparqlParser {
    mutating func groupGraphPattern() throws(SparqlSyntaxError) -> Pattern {
        let open = current
        try expect("{")
        let savedAllow = allowAggregates
        allowAggregates = false
        defer { allowAggregates = savedAllow }
        if acceptWord("SELECT") {
            var q = try selectBody(subquery: true)
            if acceptWord("VALUES") { q.pattern = .join(q.pattern, try valuesBlock()) }
            try expect("}")
            return .subquery(q)
        }
        var g = Pattern.empty
        var filters: [Expression] = []
        while !isPunct("}") {
            if current.kind == .end { throw fail("expected '}' to close the '{' at \(open.line):\(open.column)") }
            if startsTriples {
                var elements: [Pattern] = []
                repeat {
                    try triplesSameSubject(into: &elements, allowPaths: true)
                } while accept(".") && startsTriples
                for e in elements { g = join(g, e) }
                continue
            }
            if acceptWord("FILTER") {
                filters.append(try constraint())
            } else if acceptWord("OPTIONAL") {
                let p = try groupGraphPattern()
                if case .filter(let e, let inner) = p { g = .leftJoin(g, inner, e) } else { g = .leftJoin(g, p, nil) }
            } else if acceptWord("MINUS") {
                g = .minus(g, try groupGraphPattern())
            } else if isWord("BIND") {
                let at = current
                i += 1
                try expect("(")
                let e = try expression()
                try expectWord("AS")
                guard case .variable(let v) = current.kind else { throw fail("expected a variable after AS") }
                if g.variables.contains(v) { throw fail("BIND: ?\(v) is already in scope", at) }
                i += 1
                try expect(")")
                g = .extend(g, v, e)
            } else if acceptWord("VALUES") {
                g = join(g, try valuesBlock())
            } else if acceptWord("GRAPH") {
                let name = try varOrIRI()
                g = join(g, .graph(name, try groupGraphPattern()))
            } else if isWord("SERVICE") {
                throw fail("SERVICE is not supported")
            } else if isPunct("{") {
                var p = try groupGraphPattern()
                while acceptWord("UNION") { p = .union(p, try groupGraphPattern()) }
                g = join(g, p)
            } else {
                throw fail("expected a triple pattern, FILTER, OPTIONAL, MINUS, BIND, VALUES, GRAPH, '{' or '}', found \(describe(current))")
            }
            _ = accept(".")
        }
        i += 1
        if !filters.isEmpty {
            g = .filter(filters.dropFirst().reduce(filters[0]) { .and($0, $1) }, g)
        }
        return g
    }

    /// Adjacent basic graph patterns are one BGP: their join is the union of their triples.
    func join(_ a: Pattern, _ b: Pattern) -> Pattern {
        if case .bgp(let x) = a, x.isEmpty { return b }
        if case .bgp(let y) = b, y.isEmpty { return a }
        if case .bgp(let x) = a, case .bgp(let y) = b { return .bgp(x + y) }
        return .join(a, b)
    }

    var startsTriples: Bool {
        switch current.kind {
        case .variable, .iri, .pname, .blank, .string, .integer, .decimal, .double: return true
        case .word(let w): return ["true", "false"].contains(w.lowercased())
        case .punct(let p): return p == "(" || p == "[" || p == "+" || p == "-"
        default: return false
        }
    }

    mutating func valuesBlock() throws(SparqlSyntaxError) -> Pattern {
        var vars: [String] = []
        var rows: [[RDFTerm?]] = []
        if case .variable(let v) = current.kind {
            i += 1
            vars = [v]
            try expect("{")
            while !accept("}") { rows.append([try dataValue()]) }
            return .values(vars, rows)
        }
        try expect("(")
        while case .variable(let v) = current.kind { vars.append(v); i += 1 }
        try expect(")")
        try expect("{")
        while !accept("}") {
            try expect("(")
            var row: [RDFTerm?] = []
            while !accept(")") { row.append(try dataValue()) }
            if row.count != vars.count { throw fail("VALUES row has \(row.count) values for \(vars.count) variables") }
            rows.append(row)
        }
        return .values(vars, rows)
    }

    mutating func dataValue() throws(SparqlSyntaxError) -> RDFTerm? {
        if acceptWord("UNDEF") { return nil }
        guard case .term(let t) = try varOrTerm(allowVariables: false), t.kind != .blank else {
            throw fail("VALUES takes IRIs, literals or UNDEF")
        }
        return t
    }

    mutating func varOrIRI() throws(SparqlSyntaxError) -> PatternTerm {
        if case .variable(let v) = current.kind { i += 1; return .variable(v) }
        return .term(try iri())
    }

    mutating func iri() throws(SparqlSyntaxError) -> RDFTerm {
        switch current.kind {
        case .iri(let v):
            i += 1
            return .iri(resolve(v))
        case .pname(let p, let local):
            guard let ns = prefixes[p] else { throw fail("unknown prefix '\(p):'") }
            i += 1
            return .iri(ns + local)
        default:
            throw fail("expected an IRI, found \(describe(current))")
        }
    }

    mutating func varOrTerm(allowVariables: Bool = true) throws(SparqlSyntaxError) -> PatternTerm {
        switch current.kind {
        case .variable(let v) where allowVariables:
            i += 1
            return .variable(v)
        case .iri, .pname:
            return .term(try iri())
        case .blank(let b):
            guard allowVariables else { throw fail("blank nodes are not allowed here") }
            i += 1
            return .variable("_:" + b)
        case .string:
            return .term(try literal())
        case .integer, .decimal, .double:
            return .term(try numericLiteral(sign: ""))
        case .punct(let p) where p == "+" || p == "-":
            i += 1
            return .term(try numericLiteral(sign: p == "-" ? "-" : "+"))
        case .punct("(") where tokens[i + 1].kind == .punct(")"):
            i += 2
            return .term(.iri(rdfNS + "nil"))
        case .punct("[") where tokens[i + 1].kind == .punct("]"):
            i += 2
            return .variable("_:" + freshVariable())
        case .word(let w) where w.lowercased() == "true" || w.lowercased() == "false":
            i += 1
            return .term(.literal(w.lowercased(), datatype: XSD.boolean))
        default:
            throw fail("expected a variable or an RDF term, found \(describe(current))")
        }
    }

    mutating func literal() throws(SparqlSyntaxError) -> RDFTerm {
        guard case .string(let s) = current.kind else { throw fail("expected a string") }
        i += 1
        if case .langTag(let l) = current.kind { i += 1; return .literal(s, lang: l) }
        if accept("^^") { return .literal(s, datatype: try iri().value) }
        return .literal(s)
    }

    mutating func numericLiteral(sign: String) throws(SparqlSyntaxError) -> RDFTerm {
        switch current.kind {
        case .integer(let v): i += 1; return .literal(sign + v, datatype: XSD.integer)
        case .decimal(let v): i += 1; return .literal(sign + v, datatype: XSD.decimal)
        case .double(let v): i += 1; return .literal(sign + v, datatype: XSD.double)
        default: throw fail("expected a number, found \(describe(current))")
        }
    }

    // MARK: triples

    /// One subject with its property list; appends plain triples and path patterns to `out`.
    mutating func triplesSameSubject(into out: inout [Pattern], allowPaths: Bool) throws(SparqlSyntaxError) {
        if isPunct("[") && tokens[i + 1].kind != .punct("]") {
            let s = try blankNodePropertyList(into: &out, allowPaths: allowPaths)
            if startsVerb { try propertyList(subject: s, into: &out, allowPaths: allowPaths) }
            return
        }
        if isPunct("(") && tokens[i + 1].kind != .punct(")") {
            let s = try collection(into: &out, allowPaths: allowPaths)
            if startsVerb { try propertyList(subject: s, into: &out, allowPaths: allowPaths) }
            return
        }
        let s = try varOrTerm()
        try propertyList(subject: s, into: &out, allowPaths: allowPaths)
    }

    var startsVerb: Bool {
        switch current.kind {
        case .variable, .iri, .pname: return true
        case .word(let w): return w == "a"
        case .punct(let p): return ["^", "!", "("].contains(p)
        default: return false
        }
    }

    mutating func propertyList(subject: PatternTerm, into out: inout [Pattern], allowPaths: Bool) throws(SparqlSyntaxError) {
        guard startsVerb else { throw fail("expected a predicate, found \(describe(current))") }
        repeat {
            if !startsVerb { break }
            var path: PropertyPath? = nil
            var predicate: PatternTerm? = nil
            if case .variable(let v) = current.kind {
                i += 1
                predicate = .variable(v)
            } else if allowPaths {
                let p = try self.path()
                if case .link(let t) = p { predicate = .term(t) } else { path = p }
            } else {
                if acceptWord("a") { predicate = .term(.iri(rdfNS + "type")) } else { predicate = .term(try iri()) }
            }
            repeat {
                let o = try graphNode(into: &out, allowPaths: allowPaths)
                if let predicate {
                    add(TriplePattern(subject: subject, predicate: predicate, object: o), to: &out)
                } else if let path {
                    out.append(simplified(subject, path, o))
                }
            } while accept(",")
        } while accept(";")
    }

    /// `^p` is a plain triple read backwards; everything else stays a path pattern.
    func simplified(_ s: PatternTerm, _ p: PropertyPath, _ o: PatternTerm) -> Pattern {
        if case .inverse(.link(let t)) = p { return .bgp([TriplePattern(subject: o, predicate: .term(t), object: s)]) }
        return .path(s, p, o)
    }

    func add(_ t: TriplePattern, to out: inout [Pattern]) {
        if case .bgp(let ts)? = out.last { out[out.count - 1] = .bgp(ts + [t]) } else { out.append(.bgp([t])) }
    }

    mutating func graphNode(into out: inout [Pattern], allowPaths: Bool) throws(SparqlSyntaxError) -> PatternTerm {
        if isPunct("[") && tokens[i + 1].kind != .punct("]") { return try blankNodePropertyList(into: &out, allowPaths: allowPaths) }
        if isPunct("(") && tokens[i + 1].kind != .punct(")") { return try collection(into: &out, allowPaths: allowPaths) }
        return try varOrTerm()
    }

    mutating func blankNodePropertyList(into out: inout [Pattern], allowPaths: Bool) throws(SparqlSyntaxError) -> PatternTerm {
        try expect("[")
        let node = PatternTerm.variable("_:" + freshVariable())
        try propertyList(subject: node, into: &out, allowPaths: allowPaths)
        try expect("]")
        return node
    }

    mutating func collection(into out: inout [Pattern], allowPaths: Bool) throws(SparqlSyntaxError) -> PatternTerm {
        try expect("(")
        var items: [PatternTerm] = []
        while !accept(")") {
            if current.kind == .end { throw fail("expected ')' to close the collection") }
            items.append(try graphNode(into: &out, allowPaths: allowPaths))
        }
        let first = PatternTerm.term(.iri(rdfNS + "first")), rest = PatternTerm.term(.iri(rdfNS + "rest"))
        let nodes = items.map { _ in PatternTerm.variable("_:" + freshVariable()) }
        for (k, item) in items.enumerated() {
            add(TriplePattern(subject: nodes[k], predicate: first, object: item), to: &out)
            let next = k + 1 < nodes.count ? nodes[k + 1] : .term(.iri(rdfNS + "nil"))
            add(TriplePattern(subject: nodes[k], predicate: rest, object: next), to: &out)
        }
        return nodes.first ?? .term(.iri(rdfNS + "nil"))
    }

    // MARK: property paths

    mutating func path() throws(SparqlSyntaxError) -> PropertyPath {
        var alternatives = [try pathSequence()]
        while accept("|") { alternatives.append(try pathSequence()) }
        return alternatives.count == 1 ? alternatives[0] : .alternative(alternatives)
    }

    mutating func pathSequence() throws(SparqlSyntaxError) -> PropertyPath {
        var steps = [try pathEltOrInverse()]
        while accept("/") { steps.append(try pathEltOrInverse()) }
        return steps.count == 1 ? steps[0] : .sequence(steps)
    }

    mutating func pathEltOrInverse() throws(SparqlSyntaxError) -> PropertyPath {
        if accept("^") { return .inverse(try pathElt()) }
        return try pathElt()
    }

    mutating func pathElt() throws(SparqlSyntaxError) -> PropertyPath {
        let primary = try pathPrimary()
        if accept("*") { return .zeroOrMore(primary) }
        if accept("+") { return .oneOrMore(primary) }
        if accept("?") { return .zeroOrOne(primary) }
        return primary
    }

    mutating func pathPrimary() throws(SparqlSyntaxError) -> PropertyPath {
        if acceptWord("a") { return .link(.iri(rdfNS + "type")) }
        if accept("(") {
            let p = try path()
            try expect(")")
            return p
        }
        if accept("!") {
            var forward: [RDFTerm] = [], inverse: [RDFTerm] = []
            func one(_ p: inout SparqlParser) throws(SparqlSyntaxError) {
                let back = p.accept("^")
                let t: RDFTerm = p.acceptWord("a") ? .iri(rdfNS + "type") : try p.iri()
                if back { inverse.append(t) } else { forward.append(t) }
            }
            if accept("(") {
                if !isPunct(")") {
                    try one(&self)
                    while accept("|") { try one(&self) }
                }
                try expect(")")
            } else {
                try one(&self)
            }
            return .negated(forward: forward, inverse: inverse)
        }
        return .link(try iri())
    }
}
