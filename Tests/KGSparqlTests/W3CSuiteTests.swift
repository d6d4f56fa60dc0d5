import Foundation
import KGRDF
import KGStore
import XCTest
@testable import KGSparql

/// Runs every query-evaluation test of the W3C SPARQL 1.0 and 1.1 suites in
/// ../shared/w3c/sparql (not copied into the repo). Tests listed in tools/sparql/w3c-skips.tsv
/// are skipped with the reason given there; every other test must pass.
final class W3CSuiteTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let suite = root.deletingLastPathComponent().appendingPathComponent("shared/w3c/sparql")
    static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
    static let qt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"

    struct Case {
        var id: String          // folder#name, the key of the skip list
        var query: String
        var data: [String]
        var graphData: [String]
        var result: String
    }

    func testW3CQueryEvaluation() throws {
        guard FileManager.default.fileExists(atPath: Self.suite.path) else {
            throw XCTSkip("W3C suite not found at \(Self.suite.path)")
        }
        let skips = try loadSkips()
        var cases: [Case] = []
        for manifest in try manifests() { cases += try readManifest(manifest) }
        XCTAssertGreaterThan(cases.count, 300, "the manifests should list a few hundred evaluation tests")
        var summary: [String: (pass: Int, fail: Int, skip: Int)] = [:]
        var failures: [String] = []
        var skippedButPassing: [String] = []
        let only = ProcessInfo.processInfo.environment["W3C_ONLY"]
        for c in cases {
            if let only, !c.id.contains(only) { continue }
            let folder = String(c.id.split(separator: "#")[0])
            var entry = summary[folder] ?? (0, 0, 0)
            let outcome = run(c)
            if skips[c.id] != nil {
                entry.skip += 1
                if outcome == nil { skippedButPassing.append(c.id) }
            } else if let problem = outcome {
                entry.fail += 1
                failures.append("\(c.id): \(problem)")
            } else {
                entry.pass += 1
            }
            summary[folder] = entry
        }
        var report = "W3C SPARQL query evaluation (passed/failed/skipped by folder):\n"
        for (folder, e) in summary.sorted(by: { $0.key < $1.key }) {
            report += "  \(folder.padding(toLength: 36, withPad: " ", startingAt: 0)) \(e.pass) passed, \(e.fail) failed, \(e.skip) skipped\n"
        }
        let total = summary.values.reduce((0, 0, 0)) { ($0.0 + $1.pass, $0.1 + $1.fail, $0.2 + $1.skip) }
        report += "  total: \(total.0) passed, \(total.1) failed, \(total.2) skipped\n"
        if !skippedButPassing.isEmpty { report += "  listed as skipped but now passing: \(skippedButPassing.joined(separator: ", "))\n" }
        print(report)
        if let out = ProcessInfo.processInfo.environment["W3C_FAILURES"] {
            try failures.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
        for f in failures { XCTFail(f) }
    }

    func loadSkips() throws -> [String: String] {
        let path = Self.root.appendingPathComponent("tools/sparql/w3c-skips.tsv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                XCTFail("w3c-skips.tsv: every line needs a test id, a tab and a reason: \(line)")
                continue
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    func manifests() throws -> [URL] {
        var out: [URL] = []
        for part in ["sparql10", "sparql11"] {
            let dir = Self.suite.appendingPathComponent(part)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                let m = dir.appendingPathComponent(name).appendingPathComponent("manifest.ttl")
                if FileManager.default.fileExists(atPath: m.path) { out.append(m) }
            }
        }
        return out
    }

    func readManifest(_ url: URL) throws -> [Case] {
        var triples: [[RDFTerm]] = []
        try RDFReader.read(file: url.path, syntax: RDFSyntax(fileExtension: "ttl")!) { _, t in
            triples.append([ResultReader.term(t.subject), ResultReader.term(t.predicate), ResultReader.term(t.object)])
        }
        func objects(_ s: RDFTerm, _ p: String) -> [RDFTerm] { triples.filter { $0[0] == s && $0[1].value == p }.map { $0[2] } }
        // The entries list, in order.
        var entries: [RDFTerm] = []
        if let manifest = triples.first(where: { $0[1].value == Self.mf + "entries" })?[2] {
            var node = manifest
            while node.value != rdfNS + "nil", let first = objects(node, rdfNS + "first").first {
                entries.append(first)
                node = objects(node, rdfNS + "rest").first ?? .iri(rdfNS + "nil")
            }
        }
        let folder = url.deletingLastPathComponent().path.replacingOccurrences(of: Self.suite.path + "/", with: "")
        var out: [Case] = []
        for test in entries {
            let types = objects(test, rdfNS + "type").map(\.value)
            guard types.contains(Self.mf + "QueryEvaluationTest") else { continue }
            guard let action = objects(test, Self.mf + "action").first,
                  let query = objects(action, Self.qt + "query").first,
                  let result = objects(test, Self.mf + "result").first else { continue }
            let name = test.value.split(separator: "#").last.map(String.init) ?? test.value
            out.append(Case(id: "\(folder)#\(name)", query: filePath(query.value),
                            data: objects(action, Self.qt + "data").map { filePath($0.value) },
                            graphData: objects(action, Self.qt + "graphData").map { filePath($0.value) },
                            result: filePath(result.value)))
        }
        return out
    }

    func filePath(_ iri: String) -> String { URL(string: iri)?.path ?? iri }

    /// nil when the test passes, else what went wrong.
    func run(_ c: Case) -> String? {
        do {
            let store = try QuadStore(inMemory: ())
            for d in c.data { try store.load(nquadsOrTurtle: d, format: RDFSyntax(fileExtension: "ttl")) }
            for d in c.graphData {
                try store.load(nquadsOrTurtle: d, format: RDFSyntax(fileExtension: "ttl"), graph: .iri(URL(fileURLWithPath: d).absoluteString))
            }
            let text = try String(contentsOfFile: c.query, encoding: .utf8)
            let base = URL(fileURLWithPath: c.query).absoluteString
            let engine = SparqlEngine(database: store.dbQueue, mode: .separateDefaultGraph, prefixes: [:])
            // FROM and FROM NAMED name the data files to load.
            let parsed = try engine.parsed(text, base: base)
            for g in Set(parsed.from + parsed.fromNamed) {
                try store.load(nquadsOrTurtle: filePath(g), format: RDFSyntax(fileExtension: "ttl"), graph: .iri(g))
            }
            let result = try engine.execute(text, base: base, timeout: 20)
            let expected = try ResultReader.read(c.result)
            return compare(result, expected)
        } catch {
            return "error: \(error)"
        }
    }

    /// Numbers compare by datatype and value ("3"^^xsd:decimal is "3.0"^^xsd:decimal), as
    /// the suite's own results use non-canonical lexical forms.
    func normalized(_ t: RDFTerm) -> RDFTerm {
        guard let n = t.numeric else { return t }
        switch n {
        case .integer: return .literal(n.term.value, datatype: t.datatype)
        default: return n.term
        }
    }

    func compare(_ result: QueryResult, _ expected: Expected) -> String? {
        switch (result, expected) {
        case (.boolean(let a), .boolean(let b)):
            return a == b ? nil : "ASK gave \(a), expected \(b)"
        case (.bindings(let vars, let rows), .bindings(let evars, let erows)):
            let names = Array(Set(vars).union(evars)).sorted()
            let got = rows.map { row in names.map { n in vars.firstIndex(of: n).flatMap { row[$0] }.map(normalized) } }
            let want = erows.map { row in names.map { row[$0].map(normalized) } }
            if Isomorphism.equal(got, want) { return nil }
            let g = got.map(Isomorphism.key), w = want.map(Isomorphism.key)
            return "got \(got.count) rows, expected \(want.count); only got \(g.filter { !w.contains($0) }.prefix(3)); only expected \(w.filter { !g.contains($0) }.prefix(3))"
        case (.triples(let ts), .graph(let g)):
            let got = ts.map { [$0.0, $0.1, normalized($0.2)] as [RDFTerm?] }
            let want = Array(Set(g)).map { $0.map { Optional(normalized($0)) } }
            return Isomorphism.equal(got, want) ? nil : "got \(got.count) triples, expected \(want.count)"
        default:
            return "result kind differs from the expected one"
        }
    }
}
