import Foundation
import KGModel

/// Where each node and edge comes from, as SVG tooltips and links: the sentence it was read
/// from, the document's path, and a link (`URL`, written as `xlink:href`) to that file.
struct Provenance: Sendable {
    let documents: [String: Document]
    /// Every entity of the full graph, so that "per X" and "disputed by Y" can name entities a
    /// filter left out of the picture.
    let names: [String: Entity]
    /// The folder the picture will be saved in: links to documents given by relative paths are
    /// made relative to it, so they still resolve when the picture is opened from there.
    let linkBase: String?
    /// Evidence touching each entity, best first (see `evidence(for:)`).
    private let evidenceByEntity: [String: [Evidence]]

    init(shown: Graph, everything: Graph, linkBase: String?) {
        documents = Dictionary((everything.documents + shown.documents).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        names = everything.entitiesByID.merging(shown.entitiesByID, uniquingKeysWith: { a, _ in a })
        self.linkBase = linkBase
        var byEntity: [String: [Evidence]] = [:]
        let mentions = shown.entitiesByID.mapValues(\.mentions)
        for r in shown.relations {
            for id in [r.subject] + [r.object.entityID].compactMap({ $0 }) {
                byEntity[id, default: []] += r.evidence.filter { $0.text != nil }
            }
        }
        // A sentence that contains a mention of the entity is the best evidence of it; ties go
        // to the earliest sentence, so the choice does not depend on relation order.
        evidenceByEntity = byEntity.mapValues { evs in
            Array(Set(evs)).sorted { a, b in (a.doc, a.start, a.end, a.text ?? "") < (b.doc, b.start, b.end, b.text ?? "") }
        }.reduce(into: [:]) { out, item in
            let ms = mentions[item.key] ?? []
            let containing = item.value.filter { ev in ms.contains { $0.doc == ev.doc && ev.start <= $0.start && $0.end <= ev.end } }
            out[item.key] = containing + item.value.filter { !containing.contains($0) }
        }
    }

    /// The shortest good name for "per X": an acronym alias such as "HUR" if there is one,
    /// else the entity's name.
    func shortName(_ id: String) -> String {
        guard let e = names[id] else { return id }
        let acronym = e.aliases.filter { a in
            (2...6).contains(a.count) && a.allSatisfy { $0.isUppercase || $0.isNumber }
        }.sorted().first
        return acronym ?? e.name
    }

    /// Sentences that mention the entity first.
    func evidence(for entityID: String) -> [Evidence] { evidenceByEntity[entityID] ?? [] }

    func path(ofDocument id: String) -> String? { documents[id]?.path }

    /// A link to a document's file, or nil for standard input or an unknown document.
    func link(toDocument id: String) -> String? {
        guard let path = documents[id]?.path, path != "-", !path.isEmpty else { return nil }
        let target: String
        if path.hasPrefix("/") || linkBase == nil {
            target = path
        } else {
            target = Self.relativePath(from: linkBase!, to: path)
        }
        return target.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? target
    }

    /// `to` as seen from the folder `from`; both relative to the working directory or absolute.
    static func relativePath(from folder: String, to path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func components(_ p: String) -> [String] {
            let absolute = p.hasPrefix("/") ? p : cwd + "/" + p
            return (absolute as NSString).standardizingPath.split(separator: "/").map(String.init)
        }
        let base = components(folder.isEmpty ? "." : folder), target = components(path)
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...]).joined(separator: "/")
    }

    /// `“sentence” (path)`, shortened to keep tooltips a readable size.
    func quote(_ ev: Evidence) -> String {
        var text = ev.text ?? ""
        if text.count > 280 { text = text.prefix(279) + "…" }
        let source = path(ofDocument: ev.doc) ?? ev.doc
        return text.isEmpty ? source : "“\(text)” (\(source))"
    }

    /// Tooltip lines for an entity: what it is, its other names, how often and where it is
    /// named, and the first sentence that names it.
    func tooltip(for e: Entity, extra: [String] = []) -> [String] {
        var lines = ["\(e.name) (\(e.type.rawValue))"]
        if !e.aliases.isEmpty { lines.append("also: " + e.aliases.joined(separator: "; ")) }
        let docs = Set(e.mentions.map(\.doc)).sorted().map { path(ofDocument: $0) ?? $0 }
        if !e.mentions.isEmpty {
            lines.append("\(e.mentions.count) mention\(e.mentions.count == 1 ? "" : "s") in " + docs.joined(separator: ", "))
        }
        lines += extra
        if let ev = evidence(for: e.id).first { lines.append(quote(ev)) }
        return lines
    }

    /// The document an entity's node links to: where it is first named, else its first evidence.
    func link(for e: Entity) -> String? {
        if let doc = e.mentions.min()?.doc ?? evidence(for: e.id).first?.doc { return link(toDocument: doc) }
        return nil
    }

    /// Tooltip lines for a relation: the statement, who claims and who disputes it, its sentences.
    func tooltip(for r: Relation) -> [String] {
        let object: String
        switch r.object {
        case .entity(let id): object = names[id]?.name ?? id
        case .date(let d): object = d.iso
        }
        var lines = ["\(names[r.subject]?.name ?? r.subject) \(r.predicate.rawValue) \(object)"]
        let qualifiers = r.attributes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        if !qualifiers.isEmpty { lines.append(qualifiers.joined(separator: ", ")) }
        if !r.attributedTo.isEmpty { lines.append("according to " + r.attributedTo.map { names[$0]?.name ?? $0 }.joined(separator: ", ")) }
        if !r.disputedBy.isEmpty { lines.append("disputed by " + r.disputedBy.map { names[$0]?.name ?? $0 }.joined(separator: ", ")) }
        lines += sortedEvidence(r.evidence).prefix(2).map(quote)
        return lines
    }

    func link(for r: Relation) -> String? {
        sortedEvidence(r.evidence).first.flatMap { link(toDocument: $0.doc) }
    }

    func sortedEvidence(_ evs: [Evidence]) -> [Evidence] {
        evs.sorted { a, b in (a.doc, a.start, a.end) < (b.doc, b.start, b.end) }
    }
}
