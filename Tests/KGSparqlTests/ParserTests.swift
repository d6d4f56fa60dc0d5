import XCTest
@testable import KGSparql

/// The parser's algebra and its errors, without a database.
final class ParserTests: XCTestCase {
    let ex = "http://example.org/"

    func parse(_ text: String) throws -> ParsedQuery {
        try SparqlParser.parse(text, prefixes: ["": ex, "ex": ex, "rdf": rdfNS])
    }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testPropertyPathsBecomePathPatterns() throws {
        let q = try parse("SELECT * { ?s :p/:q* ?o . ?o ^:r ?x . ?x !(:a|^:b) ?y }")
        guard case .join(.join(.path(_, let first, _), .bgp(let inverse)), .path(_, let negated, _)) = q.select.pattern else {
            return XCTFail("unexpected algebra: \(q.select.pattern)")
        }
        XCTAssertEqual(first, .sequence([.link(.iri(ex + "p")), .zeroOrMore(.link(.iri(ex + "q")))]))
        // ^:r is a plain triple read backwards.
        XCTAssertEqual(inverse, [TriplePattern(subject: .variable("x"), predicate: .term(.iri(ex + "r")), object: .variable("o"))])
        XCTAssertEqual(negated, .negated(forward: [.iri(ex + "a")], inverse: [.iri(ex + "b")]))
    }

    func testCollectionsAndBlankNodePropertyLists() throws {
        let q = try parse("SELECT ?x { ?x :list (1 2) ; :p [ :q ?y ] }")
        guard case .bgp(let triples) = q.select.pattern else { return XCTFail("not a BGP") }
        let predicates = triples.compactMap { t -> String? in if case .term(let p) = t.predicate { return p.value }; return nil }
        XCTAssertEqual(predicates.filter { $0 == rdfNS + "first" }.count, 2)
        XCTAssertEqual(predicates.filter { $0 == rdfNS + "rest" }.count, 2)
        XCTAssertTrue(triples.contains { $0.object == .term(.iri(rdfNS + "nil")) })
        XCTAssertTrue(triples.contains { $0.predicate == .term(.iri(ex + "q")) && $0.object == .variable("y") })
        XCTAssertEqual(q.select.projectedNames, ["x"])
    }

    func testOptionalWithFilterIsALeftJoinCondition() throws {
        let q = try parse("SELECT * { ?s :p ?o OPTIONAL { ?s :q ?v FILTER(?v > 3) } }")
        guard case .leftJoin(.bgp, .bgp, let condition?) = q.select.pattern else { return XCTFail("\(q.select.pattern)") }
        XCTAssertEqual(condition, .compare(">", .variable("v"), .constant(.literal("3", datatype: XSD.integer))))
        XCTAssertEqual(Set(q.select.projectedNames), ["s", "o", "v"])
    }

    func testAggregatesAreNamedOnceAndOnlyAllowedInSelectHavingOrder() throws {
        let q = try parse("SELECT ?s (COUNT(?o) AS ?n) { ?s :p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1) ORDER BY DESC(COUNT(?o))")
        XCTAssertEqual(q.select.aggregates.count, 1, "the same aggregate thrice is computed once")
        XCTAssertEqual(error("SELECT * { ?s :p ?o FILTER(COUNT(?o) > 1) }"), "query:1:28: aggregate COUNT is not allowed here")
        XCTAssertEqual(error("SELECT ?o (COUNT(?s) AS ?n) { ?s :p ?o }"), "query:1:8: ?o is projected but is neither grouped nor aggregated")
    }

    func testSemanticErrors() {
        XCTAssertEqual(error("SELECT * { ?s :p ?o BIND(1 AS ?o) }"), "query:1:21: BIND: ?o is already in scope")
        XCTAssertEqual(error("SELECT (1 AS ?x) (2 AS ?x) {}"), "query:1:24: variable ?x is already projected")
        XCTAssertEqual(error("SELECT * { ?s foo:p ?o }"), "query:1:15: unknown prefix 'foo:'")
        XCTAssertEqual(error("DESCRIBE <x>"), "query:1:1: DESCRIBE is not supported (use SELECT, ASK or CONSTRUCT)")
        XCTAssertEqual(error("SELECT * { ?s :p ?o FILTER(STRLEN(?o, ?s)) }"), "query:1:28: STRLEN takes 1 argument, not 2")
    }

    func testSyntaxErrorsPointAtTheToken() {
        XCTAssertEqual(error("SELECT * {\n  ?s :p \"unterminated\n}"), "query:2:9: newline in a short string")
        XCTAssertEqual(error("SELECT * { ?s :p ?o"), "query:1:20: expected '}' to close the '{' at 1:10")
        XCTAssertEqual(error("SELECT * { ?s :p ?o } LIMIT x"), "query:1:29: expected a whole number after LIMIT")
        XCTAssertEqual(error("SELECT * { ?s :p ?o } garbage"), "query:1:23: unexpected 'garbage' after the query")
        XCTAssertEqual(error("SELECT ?x WHERE { ?x :p ?y } ORDER BY"), "query:1:38: expected a constraint, found end of query")
    }

    func testRelativeIRIsResolveAgainstBase() throws {
        let q = try SparqlParser.parse("BASE <http://a.example/b/c> SELECT * { <../d> <#e> <f?g> }")
        guard case .bgp(let t) = q.select.pattern else { return XCTFail("not a BGP") }
        XCTAssertEqual(t[0].subject, .term(.iri("http://a.example/d")))
        XCTAssertEqual(t[0].predicate, .term(.iri("http://a.example/b/c#e")))
        XCTAssertEqual(t[0].object, .term(.iri("http://a.example/b/f?g")))
    }
}

/// The result writers' formats, as the W3C result specifications spell them.
final class ResultWriterTests: XCTestCase {
    let rows: [[RDFTerm?]] = [
        [.iri("http://e/x"), .literal("a, \"b\"\nc", lang: "en")],
        [.blank("b0"), nil],
        [.literal("3", datatype: XSD.integer), .literal("2.5", datatype: XSD.decimal)],
    ]

    func testCSVQuotesAndUsesCRLF() {
        XCTAssertEqual(ResultWriter.write(.bindings(variables: ["s", "o"], rows: rows), format: .csv),
                       "s,o\r\nhttp://e/x,\"a, \"\"b\"\"\nc\"\r\n_:b0,\r\n3,2.5\r\n")
    }

    func testTSVWritesTermsInTurtleSyntax() {
        XCTAssertEqual(ResultWriter.write(.bindings(variables: ["s", "o"], rows: rows), format: .tsv),
                       "?s\t?o\n<http://e/x>\t\"a, \\\"b\\\"\\nc\"@en\n_:b0\t\n3\t\"2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>\n")
    }

    func testJSONLeavesUnboundOut() throws {
        let text = ResultWriter.write(.bindings(variables: ["s", "o"], rows: rows), format: .json)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let bindings = (json?["results"] as? [String: Any])?["bindings"] as? [[String: [String: String]]]
        XCTAssertEqual(bindings?.count, 3)
        XCTAssertEqual(bindings?[0]["o"], ["type": "literal", "value": "a, \"b\"\nc", "xml:lang": "en"])
        XCTAssertEqual(bindings?[1]["s"], ["type": "bnode", "value": "b0"])
        XCTAssertNil(bindings?[1]["o"])
        XCTAssertEqual(bindings?[2]["s"]?["datatype"], XSD.integer)
    }

    func testTableCompactsWithPrefixesAndCountsRows() {
        let out = ResultWriter.write(.bindings(variables: ["s"], rows: [[.iri("http://e/x")], [nil]]), format: .table, prefixes: ["e": "http://e/"])
        XCTAssertEqual(out, "?s\n---\ne:x\n\n(2 rows)\n")
    }
}
