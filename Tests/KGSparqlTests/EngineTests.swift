import GRDB
import KGRDF
import KGStore
import XCTest
@testable import KGSparql

/// The engine on a small hand-made graph: each test states the answer SPARQL requires.
final class EngineTests: XCTestCase {
    static let ex = "http://example.org/"

    func makeEngine(mode: DatasetMode = .unionDefaultGraph) throws -> SparqlEngine {
        let store = try QuadStore(inMemory: ())
        let ex = Self.ex
        func i(_ s: String) -> Term { .iri(ex + s) }
        let type = Vocab.RDF.type
        try store.insert([
            Triple(i("alice"), type, i("Person")),
            Triple(i("bob"), type, i("Person")),
            Triple(i("carol"), type, i("Person")),
            Triple(i("alice"), i("name"), .string("Alice")),
            Triple(i("bob"), i("name"), .literal("Bob", datatype: nil, language: "en")),
            Triple(i("alice"), i("age"), .integer(30)),
            Triple(i("bob"), i("age"), .integer(25)),
            Triple(i("carol"), i("age"), .typed("41.5", Vocab.XSD.decimal)),
            Triple(i("alice"), i("knows"), i("bob")),
            Triple(i("bob"), i("knows"), i("carol")),
            Triple(i("carol"), i("knows"), i("dave")),
        ], graph: i("g1"))
        try store.insert([Triple(i("dave"), i("name"), .string("Dave")), Triple(i("alice"), i("knows"), i("bob"))], graph: i("g2"))
        try store.insert([Triple(i("erin"), i("name"), .string("Erin"))], graph: nil)
        return SparqlEngine(database: store.dbQueue, mode: mode, prefixes: ["ex": ex, "rdf": Vocab.RDF.ns, "xsd": Vocab.XSD.ns])
    }

    /// Rows as sorted strings, variables in the order given.
    func rows(_ engine: SparqlEngine, _ query: String, sorted: Bool = true) throws -> [String] {
        guard case .bindings(let vars, let rows) = try engine.execute(query) else { XCTFail("not a SELECT"); return [] }
        let out = rows.map { row in zip(vars, row).map { "\($0)=\($1.map(short) ?? "-")" }.joined(separator: " ") }
        return sorted ? out.sorted() : out
    }

    func short(_ t: RDFTerm) -> String {
        if t.kind == .iri && t.value.hasPrefix(Self.ex) { return String(t.value.dropFirst(Self.ex.count)) }
        if t.kind == .literal && (t.datatype == XSD.integer || t.datatype.isEmpty && t.lang.isEmpty) { return t.value }
        return t.description
    }

    func testBasicGraphPatternJoin() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?a ?c WHERE { ?a ex:knows ?b . ?b ex:knows ?c }"),
                       ["a=alice c=carol", "a=alice c=carol", "a=bob c=dave"])
    }

    func testUnionDefaultGraphSeesNamedGraphsAndSeparateDoesNot() throws {
        XCTAssertEqual(try rows(try makeEngine(), "SELECT ?n WHERE { ?x ex:name ?n }").count, 4)
        XCTAssertEqual(try rows(try makeEngine(mode: .separateDefaultGraph), "SELECT ?n WHERE { ?x ex:name ?n }"), ["n=Erin"])
    }

    func testGraphVariableAndConstant() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x ex:knows ?y } }"), ["g=g1", "g=g2"])
        XCTAssertEqual(try rows(e, "SELECT ?n WHERE { GRAPH ex:g2 { ?x ex:name ?n } }"), ["n=Dave"])
        XCTAssertEqual(try rows(e, "SELECT ?n WHERE { GRAPH ex:nothing { ?x ex:name ?n } }"), [])
    }

    func testOptionalFilterBindAndBound() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, """
            SELECT ?p ?n WHERE { ?p a ex:Person OPTIONAL { ?p ex:name ?n FILTER(lang(?n) = "") } }
            """), ["p=alice n=Alice", "p=bob n=-", "p=carol n=-"])
        XCTAssertEqual(try rows(e, """
            SELECT ?p WHERE { ?p a ex:Person OPTIONAL { ?p ex:name ?n } FILTER(!bound(?n)) }
            """), ["p=carol"])
        XCTAssertEqual(try rows(e, "SELECT ?p ?next WHERE { ?p ex:age ?a BIND(?a + 1 AS ?next) FILTER(?a < 40) }"),
                       ["p=alice next=31", "p=bob next=26"])
    }

    func testNumericComparisonAcrossTypes() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?p WHERE { ?p ex:age ?a FILTER(?a > 29.5) }"), ["p=alice", "p=carol"])
        XCTAssertEqual(try rows(e, "SELECT ?p WHERE { ?p ex:age ?a FILTER(?a = 30.0) }"), ["p=alice"])
    }

    func testUnionMinusValues() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?x WHERE { { ?x ex:age 30 } UNION { ?x ex:age 25 } }"), ["x=alice", "x=bob"])
        XCTAssertEqual(try rows(e, "SELECT ?x WHERE { ?x a ex:Person MINUS { ?x ex:knows ex:bob } }"), ["x=bob", "x=carol"])
        XCTAssertEqual(try rows(e, "SELECT ?x ?a WHERE { VALUES ?x { ex:bob ex:zed } ?x ex:age ?a }"), ["x=bob a=25"])
    }

    func testOrderLimitOffsetDistinct() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?p WHERE { ?p ex:age ?a } ORDER BY DESC(?a)", sorted: false), ["p=carol", "p=alice", "p=bob"])
        XCTAssertEqual(try rows(e, "SELECT ?p WHERE { ?p ex:age ?a } ORDER BY ?a LIMIT 1 OFFSET 1", sorted: false), ["p=alice"])
        XCTAssertEqual(try rows(e, "SELECT DISTINCT ?a WHERE { ?a ex:knows ?b }"), ["a=alice", "a=bob", "a=carol"])
    }

    func testGroupByAggregatesHaving() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ex:knows ?b } GROUP BY ?a HAVING (COUNT(?b) > 1)"),
                       ["a=alice n=2"])
        XCTAssertEqual(try rows(e, "SELECT (SUM(?a) AS ?s) (MAX(?a) AS ?m) (COUNT(DISTINCT ?p) AS ?c) WHERE { ?p ex:age ?a }"),
                       ["s=\"96.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> m=\"41.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> c=3"])
        XCTAssertEqual(try rows(e, "SELECT (COUNT(*) AS ?c) WHERE { ?p ex:nothing ?a }"), ["c=0"])
    }

    func testPropertyPaths() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?y WHERE { ex:alice ex:knows+ ?y }"), ["y=bob", "y=carol", "y=dave"])
        XCTAssertEqual(try rows(e, "SELECT ?y WHERE { ex:alice ex:knows* ?y }"), ["y=alice", "y=bob", "y=carol", "y=dave"])
        XCTAssertEqual(try rows(e, "SELECT ?x WHERE { ?x ex:knows/ex:knows ex:dave }"), ["x=bob"])
        XCTAssertEqual(try rows(e, "SELECT ?x WHERE { ?x ^ex:knows ex:carol }"), ["x=dave"])
        XCTAssertEqual(try rows(e, "SELECT ?x WHERE { ?x ex:knows+ ex:carol }"), ["x=alice", "x=bob"])
    }

    func testAskAndConstruct() throws {
        let e = try makeEngine()
        guard case .boolean(let yes) = try e.execute("ASK { ex:alice ex:knows ex:bob }"),
              case .boolean(let no) = try e.execute("ASK { ex:bob ex:knows ex:alice }") else { return XCTFail("not ASK") }
        XCTAssertTrue(yes)
        XCTAssertFalse(no)
        guard case .triples(let ts) = try e.execute("CONSTRUCT { ?b ex:knownBy ?a } WHERE { ?a ex:knows ?b }") else { return XCTFail("not CONSTRUCT") }
        XCTAssertEqual(ts.count, 3)
        XCTAssertTrue(ts.contains { $0.0 == .iri(Self.ex + "bob") && $0.2 == .iri(Self.ex + "alice") })
    }

    func testStringFunctionsAndRegex() throws {
        let e = try makeEngine()
        XCTAssertEqual(try rows(e, "SELECT ?n WHERE { ?x ex:name ?n FILTER regex(?n, \"^[ab]\", \"i\") }"), ["n=\"Bob\"@en", "n=Alice"])
        XCTAssertEqual(try rows(e, "SELECT (UCASE(STR(?n)) AS ?u) WHERE { ?x ex:name ?n FILTER langMatches(lang(?n), \"en\") }"), ["u=BOB"])
        XCTAssertEqual(try rows(e, "SELECT (CONCAT(?n, \"!\") AS ?c) WHERE { ex:alice ex:name ?n }"), ["c=Alice!"])
    }

    func testSyntaxErrorsNameLineAndColumn() throws {
        let e = try makeEngine()
        XCTAssertThrowsError(try e.execute("SELECT ?x\nWHERE { ?x ex:p ?y \n  FILTER(?y > ) }")) { error in
            XCTAssertEqual("\(error)", "query:3:15: expected an expression, found ')'")
        }
        XCTAssertThrowsError(try e.execute("SELECT * WHERE { ?x nope:p ?y }")) { error in
            XCTAssertEqual("\(error)", "query:1:21: unknown prefix 'nope:'")
        }
        XCTAssertThrowsError(try e.execute("SELECT * WHERE { ?x ex:p ?y ")) { error in
            XCTAssertTrue("\(error)".hasPrefix("query:1:29: expected '}'"), "\(error)")
        }
    }

    func testAnswersFollowWritesBetweenQueries() throws {
        let store = try QuadStore(inMemory: ())
        let g = Term.iri(Self.ex + "g")
        try store.insert([Triple(.iri(Self.ex + "a"), .iri(Self.ex + "name"), .string("first"))], graph: g)
        let e = SparqlEngine(database: store.dbQueue, prefixes: ["ex": Self.ex])
        XCTAssertEqual(try rows(e, "SELECT ?n WHERE { ?x ex:name ?n }"), ["n=first"])
        // Removing the graph frees the terms' ids, which the next insert may reuse.
        try store.removeGraph(g)
        try store.insert([Triple(.iri(Self.ex + "b"), .iri(Self.ex + "name"), .string("second"))], graph: g)
        XCTAssertEqual(try rows(e, "SELECT ?x ?n WHERE { ?x ex:name ?n }"), ["x=b n=second"])
    }

    func testRowLimitIsAnErrorNotACut() throws {
        let e = try makeEngine()
        XCTAssertThrowsError(try e.execute("SELECT * WHERE { ?s ?p ?o }", rowLimit: 3)) { error in
            XCTAssertEqual(error as? SparqlError, .rowLimit(3))
        }
    }
}
