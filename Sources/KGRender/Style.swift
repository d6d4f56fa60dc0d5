import KGModel

/// How one entity type is drawn. The whole palette lives in `Style` below so the graph and
/// its legend can never disagree.
public struct NodeStyle: Sendable, Hashable {
    public let shape: String
    /// The DOT `style` list; always includes `filled` so the fill colour shows.
    public let style: String
    public let fillColor: String
    public let borderColor: String
}

/// How a relation is drawn, by how the article stands behind it.
public enum EdgeKind: String, Sendable, CaseIterable {
    /// Stated in the article's own voice.
    case asserted
    /// Reported as someone's claim (`attributedTo` non-empty): dashed, so a reader does not
    /// take it for an established fact.
    case attributed
    /// Contested by someone (`disputedBy` non-empty): red and dotted. Wins over `attributed`,
    /// because a contested claim is the more important warning.
    case disputed

    public init(_ relation: Relation) {
        if !relation.disputedBy.isEmpty {
            self = .disputed
        } else if !relation.attributedTo.isEmpty {
            self = .attributed
        } else {
            self = .asserted
        }
    }
}

public struct EdgeStyle: Sendable, Hashable {
    public let style: String
    public let color: String
    public let fontColor: String
}

/// The single style table of the renderer. Colours are a fixed palette (ColorBrewer-like
/// pastels with darker borders) so that output is stable across runs and readable in print.
public enum Style {
    public static func node(_ type: EntityType) -> NodeStyle {
        switch type {
        case .state:
            NodeStyle(shape: "doubleoctagon", style: "filled", fillColor: "#f4a6a6", borderColor: "#b22222")
        case .official:
            NodeStyle(shape: "ellipse", style: "filled", fillColor: "#9ecae1", borderColor: "#2b6ca3")
        case .person:
            NodeStyle(shape: "ellipse", style: "filled", fillColor: "#deebf7", borderColor: "#6b8fb3")
        case .agency:
            NodeStyle(shape: "box", style: "filled", fillColor: "#fdd0a2", borderColor: "#d94801")
        case .organization:
            NodeStyle(shape: "box", style: "filled,rounded", fillColor: "#dadaeb", borderColor: "#6a51a3")
        case .place:
            NodeStyle(shape: "house", style: "filled", fillColor: "#c7e9c0", borderColor: "#238b45")
        case .event:
            NodeStyle(shape: "note", style: "filled", fillColor: "#fff3a0", borderColor: "#b8a000")
        }
    }

    public static func edge(_ kind: EdgeKind) -> EdgeStyle {
        switch kind {
        case .asserted: EdgeStyle(style: "solid", color: "#555555", fontColor: "#333333")
        case .attributed: EdgeStyle(style: "dashed", color: "#555555", fontColor: "#333333")
        case .disputed: EdgeStyle(style: "dotted", color: "#cc0000", fontColor: "#cc0000")
        }
    }

    /// Used for the graph, node and edge fonts. Helvetica is resolved by fontconfig to a
    /// metric-compatible face on Linux, so text widths (and thus layouts) match macOS closely.
    public static let fontName = "Helvetica"
}
