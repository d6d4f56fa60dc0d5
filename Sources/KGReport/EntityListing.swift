import KGModel

/// `kgraph entities`: who is who, most mentioned first.
public struct EntityRow: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var type: EntityType
    public var mentions: Int
    /// Documents the entity is mentioned in.
    public var documents: Int
    public var aliases: [String]
    public var wikidata: String?
    public var cameo: String?
}

public enum EntityListing {
    /// Rows sorted by mention count (descending), then name, then id, so the order is total.
    public static func rows(_ graph: Graph, types: Set<EntityType>? = nil) -> [EntityRow] {
        graph.entities
            .filter { types?.contains($0.type) ?? true }
            .map { e in
                EntityRow(id: e.id, name: e.name, type: e.type, mentions: e.mentions.count,
                          documents: Set(e.mentions.map(\.doc)).count, aliases: e.aliases,
                          wikidata: e.wikidata, cameo: e.cameo)
            }
            .sorted { ($0.mentions, $1.name, $1.id) > ($1.mentions, $0.name, $0.id) }
    }

    public static func table(_ rows: [EntityRow]) -> TextTable {
        TextTable(header: ["name", "type", "mentions", "docs", "wikidata", "cameo", "aliases"],
                  rows: rows.map { r in
                      [r.name, r.type.rawValue, String(r.mentions), String(r.documents), r.wikidata ?? "",
                       r.cameo ?? "", r.aliases.joined(separator: "; ")]
                  })
    }
}
