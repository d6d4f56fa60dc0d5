import Foundation
import KGModel
@testable import KGRender

/// A small graph built by hand, so the golden files do not move when the extractor changes.
/// It has every entity type; officials and agencies of two states (one agency two levels
/// down); dated, undated, attributed and disputed events; an event with a place but no target
/// and one with neither; a denial of an event; an isolated organization; and names that need
/// escaping (quotes, backslashes, `&`, non-ASCII).
enum Fixture {
    static let d1 = "articles/one.txt", d2 = "articles/two.md"

    static func mentions(_ doc: String, _ n: Int, from start: Int) -> [Mention] {
        (0..<n).map { Mention(doc: doc, start: start + 40 * $0, end: start + 40 * $0 + 8) }
    }

    static func ev(_ doc: String, _ start: Int, _ text: String) -> [Evidence] {
        [Evidence(doc: doc, start: start, end: start + text.unicodeScalars.count, text: text)]
    }

    static let entities: [Entity] = [
        Entity(id: "az", name: "Azerbaijan", type: .state, aliases: ["Baku"],
               mentions: mentions("d1", 4, from: 0) + mentions("d2", 4, from: 0)),
        Entity(id: "am", name: "Armenia", type: .state, mentions: mentions("d1", 3, from: 10)),
        Entity(id: "ru", name: "Russia", type: .state, aliases: ["Moscow"], mentions: mentions("d2", 2, from: 20)),
        Entity(id: "aliyev", name: "Ilham Aliyev", type: .official,
               aliases: ["Aliyev", "Azerbaijan President Ilham Aliyev"], mentions: mentions("d1", 3, from: 200)),
        Entity(id: "pashinyan", name: "Nikol Pashinyan", type: .official, mentions: mentions("d1", 1, from: 300)),
        Entity(id: "petrosyan", name: "Anna Petrosyan", type: .person, mentions: mentions("d1", 1, from: 400)),
        Entity(id: "mod", name: "Azerbaijani Ministry of Defense", type: .agency, aliases: ["MoD"],
               mentions: mentions("d1", 2, from: 500)),
        Entity(id: "army", name: "Azerbaijani armed forces", type: .agency, mentions: mentions("d1", 1, from: 600)),
        Entity(id: "icrc", name: "International Committee of the Red Cross", type: .organization,
               aliases: ["ICRC"], mentions: mentions("d2", 1, from: 700)),
        Entity(id: "att", name: "AT&amp;T \"Q\" \\ Co", type: .organization, mentions: mentions("d2", 1, from: 800)),
        Entity(id: "nk", name: "Nagorno-Karabakh", type: .place, mentions: mentions("d1", 2, from: 900)),
        Entity(id: "stepanakert", name: "Stepanakert (Xankəndi)", type: .place, mentions: mentions("d1", 1, from: 1000)),
        Entity(id: "offensive", name: "September offensive", type: .event, mentions: mentions("d1", 1, from: 1100),
               attributes: ["class": "attack", "cameo": "19"]),
        Entity(id: "shelling", name: "shelling of Stepanakert", type: .event, mentions: mentions("d1", 1, from: 1200),
               attributes: ["class": "attack"]),
        Entity(id: "talks", name: "talks in Brussels", type: .event, mentions: mentions("d2", 1, from: 1300)),
        Entity(id: "statement", name: "statement", type: .event, mentions: mentions("d2", 1, from: 1400),
               attributes: ["class": "statement"]),
    ]

    static let relations: [Relation] = [
        Relation(subject: "aliyev", predicate: .officialOf, object: .entity("az"), attributes: ["role": "President"],
                 evidence: ev("d1", 200, "Azerbaijan President Ilham Aliyev spoke.")),
        Relation(subject: "pashinyan", predicate: .officialOf, object: .entity("am"), attributes: ["role": "Prime Minister"]),
        Relation(subject: "mod", predicate: .partOf, object: .entity("az")),
        Relation(subject: "army", predicate: .partOf, object: .entity("mod")),
        Relation(subject: "stepanakert", predicate: .locatedIn, object: .entity("nk"), attributes: ["source": "GeoNames"]),
        Relation(subject: "ru", predicate: .deployedIn, object: .entity("nk"),
                 evidence: ev("d2", 20, "Russian peacekeepers are in Nagorno-Karabakh.")),
        Relation(subject: "icrc", predicate: .aids, object: .entity("stepanakert")),
        // Attributed: the article reports Armenia's claim.
        Relation(subject: "am", predicate: .accuses, object: .entity("az"), attributedTo: ["am"],
                 evidence: ev("d1", 10, "Armenia said \"ethnic cleansing\" was under way.")),
        Relation(subject: "offensive", predicate: .hasAgent, object: .entity("az"), attributedTo: ["am"]),
        // Disputed: claimed by Petrosyan, denied by Azerbaijan.
        Relation(subject: "offensive", predicate: .hasTarget, object: .entity("stepanakert"),
                 attributedTo: ["petrosyan"], disputedBy: ["az"],
                 evidence: ev("d1", 1000, "Petrosyan said Stepanakert was shelled; Baku denied it.")),
        Relation(subject: "offensive", predicate: .hasPlace, object: .entity("nk")),
        Relation(subject: "offensive", predicate: .hasDate, object: .date(DateLiteral(iso: "2023-09-19")!)),
        Relation(subject: "shelling", predicate: .hasAgent, object: .entity("army")),
        Relation(subject: "shelling", predicate: .hasPlace, object: .entity("stepanakert")),
        Relation(subject: "shelling", predicate: .hasDate, object: .date(DateLiteral(iso: "2023-09-20")!)),
        Relation(subject: "ru", predicate: .denies, object: .entity("shelling"), evidence: ev("d2", 60, "Moscow denied the shelling.")),
        Relation(subject: "talks", predicate: .hasAgent, object: .entity("aliyev")),
        Relation(subject: "talks", predicate: .hasAgent, object: .entity("pashinyan")),
        Relation(subject: "statement", predicate: .hasAgent, object: .entity("ru")),
        Relation(subject: "statement", predicate: .hasDate, object: .date(DateLiteral(iso: "2023-09-20")!)),
    ]

    static let graph = Graph(documents: [Document(id: "d1", path: d1, date: DateLiteral(iso: "2023-09-20")),
                                         Document(id: "d2", path: d2, title: "Two")],
                             entities: entities, relations: relations)

    /// A larger connected graph for layout, timing and concurrency checks: `nodes` entities of
    /// every type, a random spanning tree of relations plus `nodes / 2` more, some attributed
    /// or disputed, and a date on every fifth event.
    static func large(nodes: Int, seed: UInt64 = 42) -> Graph {
        var rng = SplitMix(seed: seed)
        let types = EntityType.allCases
        let entities = (0..<nodes).map { i in
            Entity(id: "e\(i)", name: "Entity number \(i) with a longer name", type: types[i % types.count],
                   mentions: [Mention(doc: "d1", start: i, end: i + 1)])
        }
        var relations: [Relation] = []
        for i in 1..<nodes {
            let j = Int(rng.next() % UInt64(i))
            let p = KGModel.Predicate.allCases[Int(rng.next() % 11)]  // never hasDate (index 11)
            let attributed = rng.next() % 5 == 0 ? ["e\(j)"] : []
            let disputed = rng.next() % 9 == 0 ? ["e0"] : []
            relations.append(Relation(subject: "e\(i)", predicate: p, object: .entity("e\(j)"),
                                      attributedTo: attributed, disputedBy: disputed))
        }
        for _ in 0..<(nodes / 2) {
            let a = Int(rng.next() % UInt64(nodes)), b = Int(rng.next() % UInt64(nodes))
            relations.append(Relation(subject: "e\(a)", predicate: .aids, object: .entity("e\(b)")))
        }
        for i in stride(from: 6, to: nodes, by: 35) {
            relations.append(Relation(subject: "e\(i)", predicate: .hasDate, object: .date(DateLiteral(iso: "2020-01-\(10 + i % 19)")!)))
        }
        return Graph(documents: [Document(id: "d1", path: "synthetic.txt")], entities: entities, relations: relations)
    }
}

/// Deterministic generator so the large fixture is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the tests read back from Graphviz's SVG: node and edge groups with their SVG class,
/// and every text element.
struct SVGSummary {
    struct Item: Hashable { let id: String; let svgClass: String; let title: String }
    var nodes: [Item] = []
    var edges: [Item] = []
    var texts: [String] = []
    var links: [String] = []

    init(_ bytes: [UInt8]) {
        let svg = String(decoding: bytes, as: UTF8.self)
        for m in svg.matches(of: #/<g id="([^"]*)" class="((node|edge)[^"]*)">\s*<title>([^<]*)</title>/#) {
            let item = Item(id: xmlUnescape(String(m.1)), svgClass: String(m.2), title: xmlUnescape(String(m.4)))
            if m.3 == "node" { nodes.append(item) } else { edges.append(item) }
        }
        texts = svg.matches(of: #/<text[^>]*>([^<]*)</text>/#).map { xmlUnescape(String($0.1)) }
        links = svg.matches(of: #/xlink:href="([^"]*)"/#).map { xmlUnescape(String($0.1)) }
    }

    /// Nodes whose group is exactly `class="node"`: entities, not edge labels or timeline marks.
    var entityNodes: [Item] { nodes.filter { $0.svgClass == "node" } }
}

/// Undoes the XML escaping Graphviz applies in SVG (named and numeric character references).
func xmlUnescape(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        guard let semi = rest[amp...].firstIndex(of: ";") else { break }
        let name = rest[rest.index(after: amp)..<semi]
        switch name {
        case "amp": out += "&"
        case "lt": out += "<"
        case "gt": out += ">"
        case "quot": out += "\""
        case "apos": out += "'"
        default:
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
            } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
            } else {
                out += rest[amp...semi]
            }
        }
        rest = rest[rest.index(after: semi)...]
    }
    return out + rest
}
