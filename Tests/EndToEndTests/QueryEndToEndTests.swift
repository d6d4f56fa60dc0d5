import Foundation
import XCTest

/// `kgraph query`, `who`, `neighbors` and `path` through the binary, on a store loaded from
/// tools/sparql/fixture.trig (a small graph shaped like kgraph's export), so the answers do
/// not move when the extractor changes. Card-like outputs are compared with golden files in
/// tools/sparql/golden; a mismatch leaves the actual output beside the golden one.
final class QueryEndToEndTests: XCTestCase {
    var db = ""

    override func setUpWithError() throws {
        db = try CLI.tempDir().appendingPathComponent("fixture.sqlite").path
        let load = try CLI.run(["load", "tools/sparql/fixture.trig", "--db", db, "--quiet"])
        XCTAssertEqual(load.status, 0, load.stderr)
    }

    func golden(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = CLI.root.appendingPathComponent("tools/sparql/golden/\(name)")
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if actual != expected {
            try actual.write(to: url.appendingPathExtension("actual"), atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(actual, expected, "\(name) differs; see \(url.path).actual", file: file, line: line)
    }

    func testSelectAsTableJSONCSVAndTSV() throws {
        let q = "SELECT ?name WHERE { ?s a schema:Country ; schema:name ?name } ORDER BY ?name"
        let table = try CLI.run(["query", "--db", db, q])
        XCTAssertEqual(table.status, 0, table.stderr)
        // Armenia's type and name are in both documents' graphs, and the default graph is their
        // union with repeats (as Oxigraph's): 2 × 2 matches. DISTINCT removes them.
        XCTAssertEqual(table.stdoutText, """
            ?name
            ----------
            Armenia
            Armenia
            Armenia
            Armenia
            Azerbaijan
            Russia
            (6 rows)

            """)
        let json = try CLI.run(["query", "--db", db, "--format", "json", "SELECT DISTINCT ?name WHERE { ?s a schema:Country ; schema:name ?name } ORDER BY DESC(?name)"])
        let parsed = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        let bindings = (parsed?["results"] as? [String: Any])?["bindings"] as? [[String: [String: String]]]
        XCTAssertEqual(bindings?.map { $0["name"]?["value"] ?? "" }, ["Russia", "Azerbaijan", "Armenia"])
        XCTAssertEqual(bindings?.first?["name"]?["type"], "literal")
        let csv = try CLI.run(["query", "--db", db, "--format", "csv", "SELECT ?d WHERE { ?doc schema:datePublished ?d } ORDER BY ?d"])
        XCTAssertEqual(csv.stdoutText, "d\r\n2023-09-20\r\n2023-10-01\r\n")
        let tsv = try CLI.run(["query", "--db", db, "--format", "tsv", "SELECT ?d WHERE { ?doc schema:datePublished ?d } ORDER BY ?d LIMIT 1"])
        XCTAssertEqual(tsv.stdoutText, "?d\n\"2023-09-20\"^^<http://www.w3.org/2001/XMLSchema#date>\n")
    }

    func testAskConstructAndQueryFile() throws {
        XCTAssertEqual(try CLI.run(["query", "--db", db, "ASK { ?x kg:accuses ?y }"]).stdoutText, "yes\n")
        XCTAssertEqual(try CLI.run(["query", "--db", db, "--format", "json", "ASK { ?x kg:denies ?y }"]).stdoutText, "{\"head\": {}, \"boolean\": false}\n")
        let nt = try CLI.run(["query", "--db", db, "--format", "nt", "CONSTRUCT { ?b kg:accusedBy ?a } WHERE { ?a kg:accuses ?b }"])
        XCTAssertEqual(nt.stdoutText, "<https://kgraph.example.org/state/armenia> <https://kgraph.example.org/ns#accusedBy> <https://kgraph.example.org/state/azerbaijan> .\n")
        let dir = try CLI.tempDir()
        let file = dir.appendingPathComponent("q.rq")
        try "SELECT (COUNT(DISTINCT ?g) AS ?docs) WHERE { GRAPH ?g { ?s ?p ?o } }".write(to: file, atomically: true, encoding: .utf8)
        let out = try CLI.run(["query", "--db", db, "-f", file.path, "--format", "csv"])
        XCTAssertEqual(out.stdoutText, "docs\r\n2\r\n")
    }

    func testErrorsAreOneLineWithTheRightExitCode() throws {
        let syntax = try CLI.run(["query", "--db", db, "SELECT ?x WHERE {\n  ?x a ?y"])
        XCTAssertEqual(syntax.status, 1)
        XCTAssertEqual(syntax.stderr, "kgraph: query:2:10: expected '}' to close the '{' at 1:17\n")
        let prefix = try CLI.run(["query", "--db", db, "SELECT * WHERE { ?x nope:p ?y }"])
        XCTAssertEqual(prefix.stderr, "kgraph: query:1:21: unknown prefix 'nope:'\n")
        let missing = try CLI.run(["query", "--db", "/nonexistent/k.sqlite", "ASK {}"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("kgraph: /nonexistent/k.sqlite:"), missing.stderr)
        let limit = try CLI.run(["query", "--db", db, "--limit", "5", "SELECT * WHERE { ?s ?p ?o }"])
        XCTAssertEqual(limit.status, 1)
        XCTAssertEqual(limit.stderr, "kgraph: query returned more than 5 rows (add LIMIT or raise --limit)\n")
        XCTAssertEqual(limit.stdout.count, 0, "no partial result")
        let usage = try CLI.run(["query", "--db", db, "--format", "xml", "ASK {}"])
        XCTAssertEqual(usage.status, 2)
        let wrongKind = try CLI.run(["query", "--db", db, "--format", "nt", "ASK {}"])
        XCTAssertEqual(wrongKind.status, 1)
        let noEntity = try CLI.run(["who", "--db", db, "Zelensky"])
        XCTAssertEqual(noEntity.status, 1)
        XCTAssertEqual(noEntity.stderr, "kgraph: no entity is named \"Zelensky\" in \(db)\n")
    }

    func testWhoNeighborsAndPathCards() throws {
        let who = try CLI.run(["who", "--db", db, "aliyev"])
        XCTAssertEqual(who.status, 0, who.stderr)
        try golden("who-aliyev.txt", who.stdoutText)
        let disputed = try CLI.run(["who", "--db", db, "PASHINYAN"])
        try golden("who-pashinyan.txt", disputed.stdoutText)
        let neighbors = try CLI.run(["neighbors", "--db", db, "Armenia", "--depth", "2"])
        try golden("neighbors-armenia-2.txt", neighbors.stdoutText)
        let only = try CLI.run(["neighbors", "--db", db, "Armenia", "--predicates", "kg:aids,kg:accuses"])
        try golden("neighbors-armenia-aids-accuses.txt", only.stdoutText)
        let path = try CLI.run(["path", "--db", db, "Putin", "Aliyev"])
        try golden("path-putin-aliyev.txt", path.stdoutText)
    }

    func testExplainPrintsSPARQLThatRuns() throws {
        let explain = try CLI.run(["who", "--db", db, "Aliyev", "--explain"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let queries = explain.stdoutText.components(separatedBy: "\n\n")
        XCTAssertEqual(queries.count, 2, "the name lookup, then the card")
        for q in queries {
            let run = try CLI.run(["query", "--db", db, "--format", "csv", q])
            XCTAssertEqual(run.status, 0, "\(run.stderr) for\n\(q)")
        }
        let path = try CLI.run(["path", "--db", db, "Putin", "Pashinyan", "--explain"])
        XCTAssertTrue(path.stdoutText.contains("prov:wasDerivedFrom/prov:value ?q1"), path.stdoutText)
    }
}
