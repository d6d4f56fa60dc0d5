import Foundation
import Testing
import KGModel
import KGText
@testable import KGExtract

/// The whole extraction of a fixture article as one readable dump, compared with a golden file
/// (swift-markdown style): any change to what the extractor finds shows up as a diff.
/// Record a new golden file with `KGRAPH_RECORD=1 swift test --filter Golden`.
@Suite struct Golden {
    static func dump(_ g: Graph, text: [Unicode.Scalar]) -> String {
        let byID = g.entitiesByID
        var lines: [String] = []
        for d in g.documents { lines.append("Document \(d.id) date=\(d.date?.iso ?? "-") title=\(d.title ?? "-")") }
        for e in g.entities {
            let spans = e.mentions.map { "\($0.start)..<\($0.end)" }.joined(separator: ",")
            var line = "Entity \(e.type.rawValue) \"\(e.name)\" @\(spans) aliases=\(e.aliases.sorted())"
            if !e.attributes.isEmpty { line += " \(e.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }
            if let q = e.wikidata { line += " wikidata=\(q)" }
            if let c = e.cameo { line += " cameo=\(c)" }
            lines.append(line)
            for m in e.mentions {
                lines.append("  mention \"\(String(String.UnicodeScalarView(text[m.start..<m.end])))\"")
            }
        }
        for r in g.relations {
            let object: String
            switch r.object {
            case .entity(let id): object = byID[id]?.name ?? id
            case .date(let d): object = d.iso
            }
            var line = "Relation \(byID[r.subject]?.name ?? r.subject) \(r.predicate.rawValue) \(object)"
            if !r.attributes.isEmpty { line += " \(r.attributes.sorted { $0.key < $1.key })" }
            if !r.attributedTo.isEmpty { line += " per=\(r.attributedTo.compactMap { byID[$0]?.name })" }
            if !r.disputedBy.isEmpty { line += " disputedBy=\(r.disputedBy.compactMap { byID[$0]?.name })" }
            line += " @\(r.evidence.map { "\($0.start)..<\($0.end)" }.joined(separator: ","))"
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Articles from three conflicts, none of them the seeds'.
    @Test(arguments: ["sudan.txt", "gaza.txt", "ukraine.md"])
    func fixture(_ name: String) throws {
        let text = try String(contentsOf: fixtureURL(name), encoding: .utf8)
        let source = SourceText(path: name, kind: SourceKind(path: name) ?? .plain, text: text)
        let actual = Self.dump(Extractor().extract([source]), text: source.scalars)
        let stem = (name as NSString).deletingPathExtension
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(stem).dump")
        if ProcessInfo.processInfo.environment["KGRAPH_RECORD"] == "1" || !FileManager.default.fileExists(atPath: golden.path) {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); check it and run again")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("extraction differs from Golden/\(stem).dump at line \((first?.offset ?? min(a.count, e.count)) + 1): got \(first.map { String($0.element.0) } ?? "(end)") want \(first.map { String($0.element.1) } ?? "(end)")")
        }
    }
}
