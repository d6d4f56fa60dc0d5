import Foundation
import KGModel
@testable import KGRDF
import XCTest

/// The serializers, checked by independent parsers (rapper, rdflib) and a golden file.
final class RDFSerializationTests: XCTestCase {
    /// The fixture plus terms the mapper never makes (blank nodes, a language tag, an explicit
    /// xsd:string, a long-string edge case), and a duplicate that must be written once.
    var triples: [Triple] {
        var all = try! RDFMapper().triples(for: Fixtures.full)
        let x = Term.blank("x1"), y = Term.blank("node_2")
        all += [
            Triple(x, Vocab.RDFS.label, .literal("нет", datatype: nil, language: "ru")),
            Triple(x, Vocab.RDFS.seeAlso, y),
            Triple(y, Vocab.RDFS.comment, .typed("ends with a quote \"", Vocab.XSD.string)),
            Triple(y, Vocab.RDFS.comment, .string("\"\"\" triple quotes \"\"\"\n")),
            Triple(x, Vocab.RDFS.label, .literal("нет", datatype: nil, language: "ru")),
        ]
        return all
    }

    func testNTriplesParsesWithTheSameCount() throws {
        let all = triples
        let nt = try serialize(all, format: .nt)
        XCTAssertEqual(nt.split(separator: "\n").count, Set(all).count)
        XCTAssertTrue(nt.allSatisfy(\.isASCII), "N-Triples should be written 7-bit clean")
        XCTAssertFalse(nt.contains("@prefix"))
        XCTAssertEqual(try Tools.rapperCount(nt, syntax: "ntriples", suffix: "nt"), Set(all).count)
    }

    func testTurtleParsesWithTheSameCount() throws {
        let all = triples
        let ttl = try serialize(all, format: .ttl)
        XCTAssertTrue(ttl.contains("@prefix schema: <https://schema.org/> ."))
        XCTAssertTrue(ttl.contains("schema:Country"), "Turtle should use CURIEs")
        XCTAssertTrue(ttl.contains("Ukraine’s “HUR”"), "Turtle keeps UTF-8 readable")
        XCTAssertEqual(try Tools.rapperCount(ttl, syntax: "turtle", suffix: "ttl"), Set(all).count)
    }

    func testJSONLDCarriesExactlyTheNTriples() throws {
        let all = triples
        let nt = try serialize(all, format: .nt), jsonld = try serialize(all, format: .jsonld)
        let result = try Tools.rdflibCompare(ntriples: nt, jsonld: jsonld)
        XCTAssertEqual(result.nt, Set(all).count)
        XCTAssertEqual(result.jsonld, result.nt)
        XCTAssertTrue(result.same, "JSON-LD and N-Triples differ:\n\(result.diff)")
    }

    func testJSONLDShape() throws {
        let jsonld = try serialize(try RDFMapper().triples(for: Fixtures.small), format: .jsonld)
        let root = try JSONSerialization.jsonObject(with: Data(jsonld.utf8)) as! [String: Any]
        XCTAssertEqual((root["@context"] as? [String: String])?["schema"], "https://schema.org/")
        let graph = root["@graph"] as! [[String: Any]]
        let russia = graph.first { $0["@id"] as? String == RDFMapper.defaultBase + "state/russia" }!
        XCTAssertEqual(Set(russia["@type"] as? [String] ?? []), ["schema:Country", "sem:Actor"])
        XCTAssertEqual(russia["schema:name"] as? [[String: String]], [["@value": "Russia"]])
        let event = graph.first { ($0["@type"] as? [String])?.contains("sem:Event") == true }!
        XCTAssertEqual(event["sem:hasTimeStamp"] as? [[String: String]], [["@value": "2024-03", "@type": "xsd:gYearMonth"]])
        XCTAssertEqual(Set(graph.compactMap { $0["@id"] as? String }).count, graph.count, "one node object per subject")
    }

    func testEveryFormatIsDeterministic() throws {
        for format in RDFFormat.allCases {
            XCTAssertEqual(try serialize(triples, format: format), try serialize(triples, format: format), "\(format)")
        }
    }

    func testInvalidTermsAreRejectedNotWritten() {
        let s = Term.iri("https://x.example/s"), p = Term.iri("https://x.example/p")
        func rejects(_ t: Triple, _ why: String) {
            for format in RDFFormat.allCases {
                XCTAssertThrowsError(try serialize([t], format: format), "\(why) in \(format)")
            }
        }
        rejects(Triple(s, p, .typed("abc", Vocab.XSD.integer)), "Turtle would print bare `abc`")
        rejects(Triple(s, p, .typed("maybe", Vocab.XSD.boolean)), "bad boolean")
        rejects(Triple(s, p, .iri("relative/path")), "relative IRI")
        rejects(Triple(s, p, .iri("https://x.example/a b")), "space in IRI")
        rejects(Triple(.string("lit"), p, s), "literal subject")
        rejects(Triple(s, .blank("b"), s), "blank predicate")
        rejects(Triple(s, p, .blank("_:b")), "blank label with its prefix")
        rejects(Triple(s, p, .literal("x", datatype: nil, language: "en gb")), "bad language tag")
        rejects(Triple(s, p, .string("nul\u{0}byte")), "U+0000")
        XCTAssertNoThrow(try serialize([Triple(s, p, .typed("-12", Vocab.XSD.integer))], format: .ttl))
        XCTAssertThrowsError(try serialize([], format: .ttl, prefixes: ["bad name": "https://x.example/"]))
        XCTAssertThrowsError(try serialize([], format: .ttl, prefixes: ["ex": "not an iri"]))
    }

    func testCustomPrefixesAndExportEntryPoint() throws {
        let t = Triple(.iri("https://x.example/s"), .iri("https://x.example/p"), .string("v"))
        let ttl = try serialize([t], format: .ttl, prefixes: ["ex": "https://x.example/"])
        XCTAssertEqual(ttl, "@prefix ex: <https://x.example/> .\n\nex:s\n\tex:p \"v\" .\n\n")
        let jsonld = try serialize([t], format: .jsonld, prefixes: ["ex": "https://x.example/"])
        XCTAssertTrue(jsonld.contains("\"ex:p\""), jsonld)
        XCTAssertEqual(try exportRDF(Fixtures.small, format: .nt),
                       try serialize(RDFMapper().triples(for: Fixtures.small), format: .nt))
    }

    /// The Turtle of `Fixtures.small`, byte for byte. Record with KGRAPH_RECORD=1 (or delete the
    /// file) after an intended change, and review the diff before committing it.
    func testGoldenTurtle() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent("small.ttl")
        let ttl = try serialize(try RDFMapper().triples(for: Fixtures.small), format: .ttl)
        let record = ProcessInfo.processInfo.environment["KGRAPH_RECORD"] == "1"
        if record || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ttl.write(to: url, atomically: true, encoding: .utf8)
            print("recorded golden file \(url.path)")
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if ttl != golden {
            let a = ttl.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail("""
                Turtle differs from \(url.path) at line \(line + 1):
                  got:      \(line < a.count ? String(a[line]) : "<end>")
                  expected: \(line < b.count ? String(b[line]) : "<end>")
                Re-record with KGRAPH_RECORD=1 if the change is intended.
                """)
        }
    }
}
