import Foundation
import KGModel
@testable import KGRDF

/// Test graphs built in code, so every field a test depends on is visible next to the test.
enum Fixtures {
    static func date(_ iso: String) -> DateLiteral { DateLiteral(iso: iso)! }

    /// Every entity type, `officialOf` with and without a role, attributed and disputed
    /// relations, dates at three precisions, and evidence text Serd has to escape.
    static let full: Graph = {
        let docs = [
            Document(id: "d1", path: "seeds/000_84cda22b246d34be.txt", title: "Russia denies “HUR” claims", date: date("2025-07-08")),
            Document(id: "d2", path: "other/dir/001 Armenia & Azerbaijan.txt", title: nil, date: date("2023-09")),
            Document(id: "d3", path: "-", title: "From stdin", date: date("2021")),
        ]
        func m(_ doc: String, _ start: Int) -> Span { Span(doc: doc, start: start, end: start + 5) }
        let entities = [
            Entity(id: "e1", name: "Russia", type: .state, aliases: ["Moscow", "the Kremlin", "Russia"], mentions: [m("d1", 0), m("d2", 40)]),
            Entity(id: "e2", name: "Vladimir Putin", type: .official, aliases: ["Putin"], mentions: [m("d1", 10)]),
            Entity(id: "e3", name: "Ani Mejlumyan", type: .person, mentions: [m("d2", 3)]),
            Entity(id: "e4", name: "Main Intelligence Directorate", type: .agency,
                   aliases: ["HUR", "Ukraine’s Main Intelligence Directorate"], mentions: [m("d1", 50)]),
            Entity(id: "e5", name: "Ukraine", type: .state, mentions: [m("d1", 60)]),
            Entity(id: "e6", name: "CSTO", type: .organization, aliases: ["Collective Security Treaty Organization"], mentions: [m("d2", 70)]),
            Entity(id: "e7", name: "Nagorno-Karabakh", type: .place, mentions: [m("d2", 80)]),
            Entity(id: "e8", name: "Gyumri", type: .place, mentions: [m("d2", 90)]),
            Entity(id: "e9", name: "the June 27 raid in Yekaterinburg", type: .event, mentions: [m("d1", 100)]),
            Entity(id: "e10", name: "shelling", type: .event, mentions: [m("d2", 110)]),
            Entity(id: "e11", name: "the war", type: .event, mentions: [m("d3", 5)]),
            Entity(id: "e12", name: "Russian Ministry of Defense", type: .agency, mentions: [m("d1", 130)]),
            Entity(id: "e13", name: "Armenia", type: .state, mentions: [m("d2", 0)]),
            Entity(id: "e14", name: "102nd Russian military base", type: .agency, mentions: [m("d2", 150)]),
            Entity(id: "e15", name: "shelling", type: .event, mentions: [m("d1", 160)]),
            Entity(id: "e16", name: "Maria Zakharova", type: .official, mentions: [m("d1", 170)]),
            Entity(id: "e17", name: "Major General Zemskov", type: .official, mentions: [m("d2", 180)]),
            Entity(id: "e18", name: "Ağdam", type: .place, mentions: [m("d2", 190)]),
        ]
        let tricky = "Putin, the “President” of Russia, said \"no\" to C:\\path\nand Ukraine’s “HUR” in Nagorno-Karabakh: «нет»"
        func ev(_ doc: String, _ start: Int, _ text: String? = nil) -> Evidence {
            Evidence(doc: doc, start: start, end: start + 40, text: text)
        }
        let relations = [
            Relation(subject: "e2", predicate: .officialOf, object: .entity("e1"), attributes: ["role": "President"],
                     evidence: [ev("d1", 0, tricky)]),
            Relation(subject: "e16", predicate: .officialOf, object: .entity("e12"), attributes: ["role": "spokesperson"],
                     evidence: [ev("d1", 120)]),
            Relation(subject: "e17", predicate: .officialOf, object: .entity("e12")),
            Relation(subject: "e12", predicate: .partOf, object: .entity("e1")),
            Relation(subject: "e13", predicate: .memberOf, object: .entity("e6")),
            Relation(subject: "e8", predicate: .locatedIn, object: .entity("e13")),
            Relation(subject: "e14", predicate: .locatedIn, object: .entity("e8")),
            Relation(subject: "e1", predicate: .deployedIn, object: .entity("e7"), evidence: [ev("d2", 200)]),
            Relation(subject: "e1", predicate: .aids, object: .entity("e13"), attributedTo: ["e2"],
                     evidence: [ev("d2", 200, "Moscow said it “will help”")]),
            Relation(subject: "e4", predicate: .accuses, object: .entity("e1"),
                     attributes: ["confidence": "high", "source type": "wire", "aids": "x"],
                     attributedTo: ["e4"], evidence: [ev("d1", 50, "HUR said the raid was \"planned\"")]),
            Relation(subject: "e1", predicate: .denies, object: .entity("e9"), evidence: [ev("d1", 50)]),
            Relation(subject: "e9", predicate: .hasAgent, object: .entity("e1"), attributedTo: ["e4"],
                     disputedBy: ["e1", "e12"], evidence: [ev("d1", 100, "Line one\r\nline\ttwo \u{1}")]),
            Relation(subject: "e9", predicate: .hasTarget, object: .entity("e3")),
            Relation(subject: "e9", predicate: .hasPlace, object: .entity("e7")),
            Relation(subject: "e10", predicate: .hasPlace, object: .entity("e18")),
            Relation(subject: "e9", predicate: .hasDate, object: .date(date("2025-06-27"))),
            Relation(subject: "e10", predicate: .hasDate, object: .date(date("2023-09"))),
            Relation(subject: "e11", predicate: .hasDate, object: .date(date("2020"))),
        ]
        return Graph(documents: docs, entities: entities, relations: relations)
    }()

    /// The golden-file graph: small enough to read the Turtle by eye.
    static let small: Graph = {
        let doc = Document(id: "d1", path: "seeds/000_small.txt", title: "Putin visits Gyumri", date: date("2024-03-05"))
        let entities = [
            Entity(id: "e1", name: "Russia", type: .state, aliases: ["Moscow"], mentions: [Span(doc: "d1", start: 0, end: 6)]),
            Entity(id: "e2", name: "Vladimir Putin", type: .official, mentions: [Span(doc: "d1", start: 20, end: 34)]),
            Entity(id: "e3", name: "Gyumri", type: .place, mentions: [Span(doc: "d1", start: 40, end: 46)]),
            Entity(id: "e4", name: "the visit", type: .event, mentions: [Span(doc: "d1", start: 50, end: 59)]),
        ]
        let relations = [
            Relation(subject: "e2", predicate: .officialOf, object: .entity("e1"), attributes: ["role": "President"],
                     evidence: [Evidence(doc: "d1", start: 0, end: 60, text: "Russia’s President Vladimir Putin said “yes”.")]),
            Relation(subject: "e4", predicate: .hasAgent, object: .entity("e2"), attributedTo: ["e1"]),
            Relation(subject: "e4", predicate: .hasPlace, object: .entity("e3")),
            Relation(subject: "e4", predicate: .hasDate, object: .date(date("2024-03"))),
        ]
        return Graph(documents: [doc], entities: entities, relations: relations)
    }()

    /// `graph` with every id renamed and every list reversed: what another run of the extractor
    /// could produce for the same articles.
    static func permuted(_ graph: Graph) -> Graph {
        let rename = { (id: String) in "x-" + id }
        let docs = graph.documents.reversed().map { Document(id: rename($0.id), path: $0.path, title: $0.title, date: $0.date) }
        let entities = graph.entities.reversed().map { e in
            Entity(id: rename(e.id), name: e.name, type: e.type, aliases: e.aliases.reversed(),
                   mentions: e.mentions.reversed().map { Span(doc: rename($0.doc), start: $0.start, end: $0.end) })
        }
        let relations = graph.relations.reversed().map { r in
            Relation(subject: rename(r.subject), predicate: r.predicate,
                     object: r.object.entityID.map { .entity(rename($0)) } ?? r.object,
                     attributes: r.attributes, attributedTo: r.attributedTo.reversed().map(rename),
                     disputedBy: r.disputedBy.reversed().map(rename),
                     evidence: r.evidence.map { Evidence(doc: rename($0.doc), start: $0.start, end: $0.end, text: $0.text) })
        }
        return Graph(documents: docs, entities: entities, relations: relations)
    }
}
