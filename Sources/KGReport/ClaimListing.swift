import KGModel

/// `kgraph claims`: each fact someone asserts or disputes, with who asserts it and who
/// disputes it. Own-voice facts are not claims and are left out.
public struct ClaimRow: Sendable, Equatable, Codable {
    public var subject: String
    public var predicate: KGModel.Predicate
    public var object: String
    public var attributedTo: [String]
    public var disputedBy: [String]
    public var evidence: String?
    public var document: String?

    public init(subject: String, predicate: KGModel.Predicate, object: String, attributedTo: [String],
                disputedBy: [String], evidence: String?, document: String?) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.attributedTo = attributedTo
        self.disputedBy = disputedBy
        self.evidence = evidence
        self.document = document
    }
}

public enum ClaimListing {
    /// - Parameters:
    ///   - by: keep claims asserted by an entity with this name or alias (case-insensitive).
    ///   - disputedOnly: keep only claims someone disputes.
    public static func rows(_ graph: Graph, by: String? = nil, disputedOnly: Bool = false) -> [ClaimRow] {
        let byID = graph.entitiesByID
        let paths = Dictionary(graph.documents.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        let speakers: Set<String>? = by.map { name in
            let wanted = name.lowercased()
            return Set(graph.entities.filter { e in
                e.name.lowercased() == wanted || e.aliases.contains { $0.lowercased() == wanted }
            }.map(\.id))
        }
        func label(_ id: String) -> String { byID[id]?.name ?? id }
        return graph.relations.compactMap { r -> ClaimRow? in
            guard !r.attributedTo.isEmpty || !r.disputedBy.isEmpty else { return nil }
            if disputedOnly && r.disputedBy.isEmpty { return nil }
            if let speakers, speakers.isDisjoint(with: r.attributedTo) { return nil }
            let object: String
            switch r.object {
            case .entity(let id): object = label(id)
            case .date(let d): object = d.iso
            }
            let evidence = r.evidence.first
            return ClaimRow(subject: label(r.subject), predicate: r.predicate, object: object,
                            attributedTo: r.attributedTo.map(label).sorted(), disputedBy: r.disputedBy.map(label).sorted(),
                            evidence: evidence?.text?.snippet(200), document: evidence.flatMap { paths[$0.doc] })
        }
    }

    /// - Parameter width: evidence is cut to this many characters for reading; nil keeps it whole.
    public static func table(_ rows: [ClaimRow], width: Int? = 90) -> TextTable {
        TextTable(header: ["claim", "asserted by", "disputed by", "evidence"],
                  rows: rows.map { r in
                      ["\(r.subject) \(r.predicate.rawValue) \(r.object)", r.attributedTo.joined(separator: ", "),
                       r.disputedBy.joined(separator: ", "), (r.evidence ?? "").snippet(width ?? Int.max)]
                  })
    }
}
