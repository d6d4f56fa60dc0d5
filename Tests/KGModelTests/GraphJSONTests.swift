import Foundation
import Testing
@testable import KGModel

/// `GraphJSON` must write what `JSONEncoder` writes with the options `kgraph extract` used,
/// byte for byte: every field, present and absent, empty containers, escapes, key order.
@Suite struct GraphJSONTests {
    static func foundation(_ g: Graph) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(g))
    }

    static func check(_ g: Graph) throws {
        let ours = GraphJSON.encode(g)
        let theirs = try foundation(g)
        if ours != theirs {
            let k = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
            Issue.record("differs at byte \(k): ours …\(String(decoding: ours[max(0, k - 40)..<min(ours.count, k + 40)], as: UTF8.self))… JSONEncoder …\(String(decoding: theirs[max(0, k - 40)..<min(theirs.count, k + 40)], as: UTF8.self))…")
        }
    }

    @Test func emptyGraph() throws {
        try Self.check(Graph())
    }

    @Test func everyFieldPresentAndAbsent() throws {
        let date = DateLiteral(iso: "2024-03")!
        let g = Graph(
            documents: [
                Document(id: "d1", path: "a/b.txt", title: "A \"quoted\" title", date: DateLiteral(iso: "2025-07-08"), dateInferred: true),
                Document(id: "d2", path: "-"),
            ],
            entities: [
                Entity(id: "e1", name: "Raid", type: .event, aliases: ["raid", "the raid"],
                       mentions: [Span(doc: "d1", start: 0, end: 4), Span(doc: "d2", start: -1, end: 1_000_000)],
                       key: "event:d1:attack:", wikidata: "Q1", cameo: "19",
                       attributes: ["class": "attack", "cameo": "19", "Zeta": "z", "éclat": "é", "a b": "", "_": "x"]),
                Entity(id: "e2", name: "Russia", type: .state),
            ],
            relations: [
                Relation(subject: "e1", predicate: .hasAgent, object: .entity("e2"),
                         attributes: ["role": "President", "source": "GeoNames"], attributedTo: ["e2", "e1"], disputedBy: ["e2"],
                         evidence: [Evidence(doc: "d1", start: 0, end: 10, text: "Quote"), Evidence(doc: "d2", start: 3, end: 4)]),
                Relation(subject: "e1", predicate: .hasDate, object: .date(date)),
            ])
        try Self.check(g)
    }

    @Test func stringEscapes() throws {
        var controls = ""
        for v in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        let strings = [controls, "back\\slash", "sl/ash", "quote\"", "\u{7F}del", "Ünïcødé — “curly” ’s", "emoji 🇦🇲 e\u{301}", "\u{2028}\u{2029}", ""]
        let g = Graph(entities: strings.enumerated().map { k, s in
            Entity(id: "e\(k)", name: s, type: .person, aliases: [s], attributes: [s: s])
        })
        try Self.check(g)
    }
}
