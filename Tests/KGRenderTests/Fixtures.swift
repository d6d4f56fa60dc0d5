import Foundation
import KGModel
@testable import KGRender

/// A small graph with every entity type, a `hasDate`, an attributed and a disputed relation,
/// and names that need escaping (quotes, backslashes, `&`, non-ASCII).
enum Fixture {
    static let entities: [Entity] = [
        Entity(id: "azerbaijan", name: "Azerbaijan", type: .state),
        Entity(id: "armenia", name: "Armenia", type: .state),
        Entity(id: "aliyev", name: "Ilham Aliyev", type: .official, aliases: ["Aliyev"]),
        Entity(id: "petrosyan", name: "Anna Petrosyan", type: .person),
        Entity(id: "hur", name: "Ukraine’s \"HUR\"", type: .agency),
        Entity(id: "icrc", name: "International Committee of the Red Cross", type: .organization),
        Entity(id: "att", name: "AT&amp;T \\ Co", type: .organization),
        Entity(id: "nk", name: "Nagorno-Karabakh", type: .place),
        Entity(id: "stepanakert", name: "Stepanakert (Xankəndi)", type: .place),
        Entity(id: "offensive", name: "September offensive in Nagorno-Karabakh", type: .event),
    ]

    static let relations: [Relation] = [
        Relation(subject: "aliyev", predicate: .officialOf, object: .entity("azerbaijan"),
                 attributes: ["role": "President"]),
        Relation(subject: "stepanakert", predicate: .locatedIn, object: .entity("nk")),
        Relation(subject: "offensive", predicate: .hasAgent, object: .entity("azerbaijan")),
        Relation(subject: "offensive", predicate: .hasPlace, object: .entity("nk")),
        Relation(subject: "offensive", predicate: .hasDate, object: .date(DateLiteral(iso: "2023-09-19")!)),
        // Attributed: the article reports Armenia's claim.
        Relation(subject: "armenia", predicate: .accuses, object: .entity("azerbaijan"),
                 attributedTo: ["armenia"],
                 evidence: [Evidence(doc: "d1", start: 0, end: 10, text: "Armenia said \"ethnic cleansing\".")]),
        // Disputed: Azerbaijan denies it.
        Relation(subject: "azerbaijan", predicate: .hasTarget, object: .entity("stepanakert"),
                 attributedTo: ["petrosyan"], disputedBy: ["azerbaijan"]),
        Relation(subject: "icrc", predicate: .aids, object: .entity("stepanakert")),
        Relation(subject: "hur", predicate: .partOf, object: .entity("att")),
    ]

    static let graph = Graph(documents: [Document(id: "d1", path: "a.txt")],
                             entities: entities, relations: relations)

    /// A larger connected graph for layout and concurrency checks.
    static func large(nodes: Int, seed: UInt64 = 42) -> Graph {
        var rng = SplitMix(seed: seed)
        let types = EntityType.allCases
        let entities = (0..<nodes).map { i in
            Entity(id: "e\(i)", name: "Entity number \(i) with a longer name", type: types[i % types.count])
        }
        var relations: [Relation] = []
        for i in 1..<nodes {
            let j = Int(rng.next() % UInt64(i))
            let p = Predicate.allCases[Int(rng.next() % 11)]  // never hasDate (index 11)
            relations.append(Relation(subject: "e\(i)", predicate: p, object: .entity("e\(j)")))
        }
        for _ in 0..<(nodes / 2) {
            let a = Int(rng.next() % UInt64(nodes)), b = Int(rng.next() % UInt64(nodes))
            relations.append(Relation(subject: "e\(a)", predicate: .aids, object: .entity("e\(b)")))
        }
        return Graph(entities: entities, relations: relations)
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

/// What the tests read back from Graphviz's SVG.
struct SVGSummary {
    struct Item: Hashable { let id: String; let title: String }
    var nodes: [Item] = []
    var edges: [Item] = []
    var texts: [String] = []

    init(_ bytes: [UInt8]) {
        let svg = String(decoding: bytes, as: UTF8.self)
        for m in svg.matches(of: #/<g id="([^"]*)" class="(node|edge)">\s*<title>([^<]*)</title>/#) {
            let item = Item(id: xmlUnescape(String(m.1)), title: xmlUnescape(String(m.3)))
            if m.2 == "node" { nodes.append(item) } else { edges.append(item) }
        }
        texts = svg.matches(of: #/<text[^>]*>([^<]*)</text>/#).map { xmlUnescape(String($0.1)) }
    }
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
