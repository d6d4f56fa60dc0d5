import Foundation
import KGModel
@testable import KGRDF
import XCTest

/// The mapping: IRI scheme, vocabulary, provenance, stability.
final class RDFMappingTests: XCTestCase {
    let base = RDFMapper.defaultBase
    var triples: [Triple] { try! RDFMapper().triples(for: Fixtures.full) }

    func objects(_ s: String, _ p: Term, in triples: [Triple]) -> Set<Term> {
        Set(triples.filter { $0.subject == .iri(s) && $0.predicate == p }.map(\.object))
    }

    func testFixtureIsConsistent() {
        XCTAssertEqual(Fixtures.full.validate(), [])
        XCTAssertEqual(Fixtures.small.validate(), [])
    }

    func testFNV1a64KnownVectors() {
        // Published FNV-1a 64 test vectors: a wrong constant or order changes every IRI.
        XCTAssertEqual(stableHash(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(stableHash("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(stableHash("foobar"), 0x8594_4171_f739_67e8)
        XCTAssertEqual(stableHashHex("foobar"), "4171f73967e8")
        XCTAssertEqual(stableHashHex("", length: 16), "cbf29ce484222325")
    }

    func testSlugs() {
        XCTAssertEqual(slug("Russian Ministry of Defense"), "russian-ministry-of-defense")
        XCTAssertEqual(slug("Ukraine’s “HUR”"), "ukraines-hur")
        XCTAssertEqual(slug("Nagorno-Karabakh"), "nagorno-karabakh")
        XCTAssertEqual(slug("Ağdam  İstanbul Straße"), "agdam-istanbul-strasse")
        XCTAssertEqual(slug("Сергей Шойгу"), "sergei-shoigu")
        XCTAssertEqual(slug("Ilham Əliyev"), "ilham-eliyev")
        XCTAssertEqual(slug("Գյումրի"), "%D5%A3%D5%B5%D5%B8%D6%82%D5%B4%D6%80%D5%AB")
        XCTAssertEqual(slug("000_84cda22b246d34be"), "000-84cda22b246d34be")
        XCTAssertEqual(slug("!!!"), "")
    }

    func testEntityDocumentAndPostIRIs() throws {
        let iris = try RDFMapper().entityIRIs(for: Fixtures.full)
        XCTAssertEqual(iris["e1"], base + "state/russia")
        XCTAssertEqual(iris["e2"], base + "official/vladimir-putin")
        XCTAssertEqual(iris["e3"], base + "person/ani-mejlumyan")
        XCTAssertEqual(iris["e4"], base + "agency/main-intelligence-directorate")
        XCTAssertEqual(iris["e6"], base + "organization/csto")
        XCTAssertEqual(iris["e7"], base + "place/nagorno-karabakh")
        XCTAssertEqual(iris["e12"], base + "agency/russian-ministry-of-defense")
        XCTAssertEqual(iris["e18"], base + "place/agdam")
        // Events: name slug plus a hash of the first mention (basename#start).
        XCTAssertEqual(iris["e9"], base + "event/the-june-27-raid-in-yekaterinburg-" + stableHashHex("000_84cda22b246d34be.txt#100"))
        XCTAssertNotEqual(iris["e10"], iris["e15"], "two events named 'shelling' must not merge")
        XCTAssertTrue(iris["e10"]!.hasPrefix(base + "event/shelling-"))

        let docs = try RDFMapper().documentIRIs(for: Fixtures.full)
        XCTAssertEqual(docs["d1"], base + "doc/000-84cda22b246d34be")
        XCTAssertEqual(docs["d2"], base + "doc/001-armenia-azerbaijan")
        XCTAssertEqual(docs["d3"], base + "doc/stdin")

        let all = triples
        XCTAssertEqual(objects(base + "official/vladimir-putin", Vocab.ORG.holds, in: all), [.iri(base + "post/president-russia")])
        XCTAssertTrue(all.contains(Triple(.iri(base + "evidence/000-84cda22b246d34be-0-40"), Vocab.OA.start, .integer(0))))
    }

    func testCollidingNamesAreDisambiguatedWhateverTheOrder() throws {
        let doc = Document(id: "d", path: "a.txt")
        let a = Entity(id: "a", name: "Nagorno-Karabakh", type: .place, mentions: [Span(doc: "d", start: 1, end: 5)])
        let b = Entity(id: "b", name: "Nagorno Karabakh", type: .place, mentions: [Span(doc: "d", start: 9, end: 20)])
        let mapper = try RDFMapper()
        let one = mapper.entityIRIs(for: Graph(documents: [doc], entities: [a, b]))
        let two = mapper.entityIRIs(for: Graph(documents: [doc], entities: [b, a]))
        XCTAssertNotEqual(one["a"], one["b"])
        XCTAssertEqual(one, two)
        XCTAssertEqual(one["a"], base + "place/nagorno-karabakh-" + stableHashHex("a.txt#1"))
        // Same name, different type: different paths, no suffix needed.
        let c = Entity(id: "c", name: "Nagorno-Karabakh", type: .state)
        XCTAssertEqual(mapper.entityIRIs(for: Graph(entities: [a, c]))["c"], base + "state/nagorno-karabakh")
    }

    func testTypesAndNames() {
        let all = triples
        let russia = base + "state/russia", putin = base + "official/vladimir-putin"
        XCTAssertEqual(objects(russia, Vocab.RDF.type, in: all), [Vocab.Schema.Country, Vocab.SEM.Actor])
        XCTAssertEqual(objects(putin, Vocab.RDF.type, in: all), [Vocab.Schema.Person, Vocab.KG.Official, Vocab.SEM.Actor])
        XCTAssertEqual(objects(base + "agency/russian-ministry-of-defense", Vocab.RDF.type, in: all),
                       [Vocab.Schema.GovernmentOrganization, Vocab.ORG.Organization, Vocab.SEM.Actor])
        XCTAssertEqual(objects(base + "organization/csto", Vocab.RDF.type, in: all),
                       [Vocab.Schema.Organization, Vocab.ORG.FormalOrganization, Vocab.SEM.Actor])
        XCTAssertEqual(objects(base + "place/gyumri", Vocab.RDF.type, in: all), [Vocab.Schema.Place, Vocab.SEM.Place])
        XCTAssertEqual(objects(russia, Vocab.RDFS.label, in: all), [.string("Russia")])
        XCTAssertEqual(objects(russia, Vocab.Schema.name, in: all), [.string("Russia")])
        // The alias equal to the name is skipped.
        XCTAssertEqual(objects(russia, Vocab.Schema.alternateName, in: all), [.string("Moscow"), .string("the Kremlin")])
        let d1 = base + "doc/000-84cda22b246d34be"
        XCTAssertEqual(objects(d1, Vocab.RDF.type, in: all), [Vocab.Schema.NewsArticle, Vocab.PROV.Entity])
        XCTAssertEqual(objects(d1, Vocab.Schema.datePublished, in: all), [.typed("2025-07-08", Vocab.XSD.date)])
        XCTAssertEqual(objects(d1, Vocab.Schema.identifier, in: all), [.string("seeds/000_84cda22b246d34be.txt")])
        XCTAssertTrue(objects(d1, Vocab.Schema.mentions, in: all).contains(.iri(russia)))
    }

    func testRelationProperties() {
        let all = triples
        func has(_ s: String, _ p: Term, _ o: String) -> Bool { all.contains(Triple(.iri(base + s), p, .iri(base + o))) }
        XCTAssertTrue(has("official/vladimir-putin", Vocab.KG.officialOf, "state/russia"))
        XCTAssertTrue(has("agency/russian-ministry-of-defense", Vocab.ORG.subOrganizationOf, "state/russia"))
        XCTAssertTrue(has("state/armenia", Vocab.ORG.memberOf, "organization/csto"))
        XCTAssertTrue(has("place/gyumri", Vocab.Schema.containedInPlace, "state/armenia"))
        XCTAssertTrue(has("agency/102nd-russian-military-base", Vocab.Schema.location, "place/gyumri"))
        XCTAssertTrue(has("state/russia", Vocab.KG.deployedIn, "place/nagorno-karabakh"))
        XCTAssertTrue(has("state/russia", Vocab.KG.aids, "state/armenia"))
        XCTAssertTrue(has("agency/main-intelligence-directorate", Vocab.KG.accuses, "state/russia"))
        let raid = try! RDFMapper().entityIRIs(for: Fixtures.full)["e9"]!
        XCTAssertTrue(all.contains(Triple(.iri(base + "state/russia"), Vocab.KG.denies, .iri(raid))))
        XCTAssertEqual(objects(raid, Vocab.SEM.hasActor, in: all), [.iri(base + "state/russia")])
        XCTAssertEqual(objects(raid, Vocab.KG.hasTarget, in: all), [.iri(base + "person/ani-mejlumyan")])
        XCTAssertEqual(objects(raid, Vocab.SEM.hasPlace, in: all), [.iri(base + "place/nagorno-karabakh")])
    }

    func testOfficialOfBecomesAnORGPost() {
        let all = triples
        let post = base + "post/president-russia"
        XCTAssertEqual(objects(post, Vocab.RDF.type, in: all), [Vocab.ORG.Post])
        XCTAssertEqual(objects(post, Vocab.ORG.postIn, in: all), [.iri(base + "state/russia")])
        XCTAssertEqual(objects(post, Vocab.ORG.role, in: all), [.iri(base + "role/president")])
        XCTAssertEqual(objects(post, Vocab.RDFS.label, in: all), [.string("President of Russia")])
        XCTAssertEqual(objects(base + "role/president", Vocab.RDF.type, in: all), [Vocab.ORG.Role, Vocab.SKOS.Concept])
        XCTAssertEqual(objects(base + "role/president", Vocab.SKOS.prefLabel, in: all), [.string("President")])
        // No role attribute: the post is "official".
        XCTAssertEqual(objects(base + "official/major-general-zemskov", Vocab.ORG.holds, in: all),
                       [.iri(base + "post/official-russian-ministry-of-defense")])
        XCTAssertEqual(objects(base + "post/official-russian-ministry-of-defense", Vocab.RDFS.label, in: all),
                       [.string("official of Russian Ministry of Defense")])
    }

    func testReifiedStatementsCarryEvidenceAttributionAndDispute() throws {
        let mapper = try RDFMapper()
        let all = mapper.triples(for: Fixtures.full)
        let iris = mapper.entityIRIs(for: Fixtures.full)
        let raid = Term.iri(iris["e9"]!), russia = Term.iri(iris["e1"]!)
        let statement = mapper.statementIRI(raid, Vocab.SEM.hasActor, russia)
        XCTAssertTrue(statement.iri!.hasPrefix(base + "statement/"))
        let s = statement.iri!
        XCTAssertEqual(objects(s, Vocab.RDF.type, in: all), [Vocab.RDF.Statement])
        XCTAssertEqual(objects(s, Vocab.RDF.subject, in: all), [raid])
        XCTAssertEqual(objects(s, Vocab.RDF.predicate, in: all), [Vocab.SEM.hasActor])
        XCTAssertEqual(objects(s, Vocab.RDF.object, in: all), [russia])
        XCTAssertEqual(objects(s, Vocab.PROV.wasAttributedTo, in: all), [.iri(iris["e4"]!)])
        XCTAssertEqual(objects(s, Vocab.KG.disputedBy, in: all), [russia, .iri(iris["e12"]!)])
        let evidence = base + "evidence/000-84cda22b246d34be-100-140"
        XCTAssertEqual(objects(s, Vocab.PROV.wasDerivedFrom, in: all), [.iri(evidence)])
        XCTAssertEqual(objects(evidence, Vocab.RDF.type, in: all), [Vocab.PROV.Entity, Vocab.OA.TextPositionSelector])
        XCTAssertEqual(objects(evidence, Vocab.OA.start, in: all), [.typed("100", Vocab.XSD.integer)])
        XCTAssertEqual(objects(evidence, Vocab.OA.end, in: all), [.typed("140", Vocab.XSD.integer)])
        XCTAssertEqual(objects(evidence, Vocab.PROV.wasQuotedFrom, in: all), [.iri(base + "doc/000-84cda22b246d34be")])
        XCTAssertEqual(objects(evidence, Vocab.PROV.value, in: all), [.string("Line one\r\nline\ttwo \u{1}")])

        // Attributes other than role: kg:<key>, made safe, never shadowing a kg: term.
        let accuses = mapper.statementIRI(.iri(iris["e4"]!), Vocab.KG.accuses, russia).iri!
        XCTAssertEqual(objects(accuses, .iri(Vocab.KG.ns + "confidence"), in: all), [.string("high")])
        XCTAssertEqual(objects(accuses, .iri(Vocab.KG.ns + "attr_aids"), in: all), [.string("x")])
        XCTAssertEqual(objects(accuses, .iri(Vocab.KG.ns + "sourcetype_" + stableHashHex("source type", length: 6)), in: all),
                       [.string("wire")])
        XCTAssertFalse(all.contains { $0.subject.iri == accuses && $0.predicate == Vocab.KG.aids })
    }

    func testDatesAreTypedByPrecision() throws {
        let mapper = try RDFMapper()
        let all = mapper.triples(for: Fixtures.full)
        let iris = mapper.entityIRIs(for: Fixtures.full)
        XCTAssertEqual(objects(iris["e9"]!, Vocab.SEM.hasTimeStamp, in: all), [.typed("2025-06-27", Vocab.XSD.date)])
        XCTAssertEqual(objects(iris["e10"]!, Vocab.SEM.hasTimeStamp, in: all), [.typed("2023-09", Vocab.XSD.gYearMonth)])
        XCTAssertEqual(objects(iris["e11"]!, Vocab.SEM.hasTimeStamp, in: all), [.typed("2020", Vocab.XSD.gYear)])
        XCTAssertEqual(objects(base + "doc/001-armenia-azerbaijan", Vocab.Schema.datePublished, in: all),
                       [.typed("2023-09", Vocab.XSD.gYearMonth)])
        XCTAssertEqual(objects(base + "doc/stdin", Vocab.Schema.datePublished, in: all), [.typed("2021", Vocab.XSD.gYear)])
    }

    func testOntologyHeaderDeclaresEveryKGTermUsed() {
        let all = triples
        var used = Set<String>()
        for t in all {
            if let p = t.predicate.iri, p.hasPrefix(Vocab.KG.ns) { used.insert(p) }
            if t.predicate == Vocab.RDF.type, let c = t.object.iri, c.hasPrefix(Vocab.KG.ns) { used.insert(c) }
        }
        XCTAssertGreaterThan(used.count, 8)
        for iri in used {
            XCTAssertEqual(objects(iri, Vocab.RDF.type, in: all).count, 1, "\(iri) has no rdf:type declaration")
            XCTAssertEqual(objects(iri, Vocab.RDFS.label, in: all).count, 1, "\(iri) has no rdfs:label")
            XCTAssertEqual(objects(iri, Vocab.RDFS.comment, in: all).count, 1, "\(iri) has no rdfs:comment")
        }
        XCTAssertEqual(objects(Vocab.KG.ns + "hasTarget", Vocab.RDFS.subPropertyOf, in: all), [Vocab.SEM.hasActor])
        XCTAssertEqual(objects(Vocab.KG.ns + "deployedIn", Vocab.RDFS.subPropertyOf, in: all), [Vocab.Schema.location])
        XCTAssertEqual(objects(Vocab.KG.ns + "Official", Vocab.RDF.type, in: all), [Vocab.RDFS.Class])
        // The header comes first.
        XCTAssertTrue(all.first!.subject.iri!.hasPrefix(Vocab.KG.ns))
    }

    func testAllIRIsAreAbsolute() {
        let scheme = try! NSRegularExpression(pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]+$")
        for t in triples {
            for term in [t.subject, t.predicate, t.object] {
                guard let iri = term.iri else { continue }
                XCTAssertNotNil(scheme.firstMatch(in: iri, range: NSRange(iri.startIndex..., in: iri)), "not absolute: \(iri)")
                XCTAssertTrue(iri.allSatisfy(\.isASCII), "not ASCII: \(iri)")
            }
        }
    }

    func testMappingIsStableAcrossRunsOrderAndIds() throws {
        let mapper = try RDFMapper()
        let first = mapper.triples(for: Fixtures.full)
        XCTAssertEqual(first, mapper.triples(for: Fixtures.full))
        XCTAssertEqual(Set(first).count, first.count, "duplicates in mapper output")
        // Another run: different ids, every list in another order. Same triples, same order.
        XCTAssertEqual(mapper.triples(for: Fixtures.permuted(Fixtures.full)), first)
        XCTAssertEqual(try serialize(first, format: .ttl),
                       try serialize(mapper.triples(for: Fixtures.permuted(Fixtures.full)), format: .ttl))
    }

    func testBaseIsConfigurable() throws {
        let other = try RDFMapper(base: "http://data.example.net/kg")
        XCTAssertEqual(other.base, "http://data.example.net/kg/")
        let a = try RDFMapper().entityIRIs(for: Fixtures.full), b = other.entityIRIs(for: Fixtures.full)
        XCTAssertTrue(Set(a.values).isDisjoint(with: b.values))
        XCTAssertEqual(b["e1"], "http://data.example.net/kg/state/russia")
        let data = other.triples(for: Fixtures.full).flatMap { [$0.subject, $0.object] }.compactMap(\.iri)
        XCTAssertFalse(data.contains { $0.hasPrefix(RDFMapper.defaultBase) && !$0.hasPrefix(Vocab.KG.ns) })
        XCTAssertThrowsError(try RDFMapper(base: "kgraph/data"))
        XCTAssertThrowsError(try RDFMapper(base: "https://bad base/"))
    }
}
