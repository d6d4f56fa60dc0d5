import Foundation
import KGModel

/// How one entity type is drawn. The whole palette lives in `Style` below so the drawing and
/// its legend can never disagree.
public struct NodeStyle: Sendable, Hashable {
    public let shape: String
    /// Said in the legend, because the legend shows colour swatches, not the shapes themselves.
    public let shapeName: String
    /// The DOT `style` list; always includes `filled` so the fill colour shows.
    public let style: String
    public let fillColor: String
    public let borderColor: String
}

/// How the article stands behind a relation. Drawn with the line's dash pattern, so it reads
/// independently of the colour, which belongs to the predicate family.
public enum EdgeKind: String, Sendable, CaseIterable {
    /// Stated in the article's own voice: solid.
    case asserted
    /// Reported as someone's claim (`attributedTo` non-empty): dotted, labelled "per X".
    case attributed
    /// Contested by someone (`disputedBy` non-empty): dashed red, labelled "disputed by Y".
    /// Wins over `attributed`, because a contested claim is the more important warning.
    case disputed

    public init(_ relation: Relation) {
        self.init(attributed: !relation.attributedTo.isEmpty, disputed: !relation.disputedBy.isEmpty)
    }

    public init(attributed: Bool, disputed: Bool) {
        self = disputed ? .disputed : attributed ? .attributed : .asserted
    }
}

/// Predicates grouped by what they say about the world; each group has its own colour and
/// arrowhead, and the arrowhead survives the red of a disputed edge.
public enum PredicateFamily: String, Sendable, CaseIterable {
    case structural, military, stance, eventRole

    public init(_ predicate: KGModel.Predicate) {
        switch predicate {
        case .officialOf, .partOf, .memberOf, .locatedIn: self = .structural
        case .deployedIn: self = .military
        case .accuses, .denies, .aids: self = .stance
        case .hasAgent, .hasTarget, .hasPlace, .hasDate: self = .eventRole
        }
    }

    public var predicates: [KGModel.Predicate] {
        KGModel.Predicate.allCases.filter { PredicateFamily($0) == self && $0 != .hasDate }
    }

    /// The name the legend uses.
    public var title: String {
        switch self {
        case .structural: "structure"
        case .military: "military"
        case .stance: "stance"
        case .eventRole: "event roles"
        }
    }
}

public struct EdgeStyle: Sendable, Hashable {
    public let style: String
    public let color: String
    public let fontColor: String
    public let arrowhead: String
    public let penWidth: Double
}

/// The single style table of the renderer. Colours are a fixed palette (ColorBrewer-like
/// pastels with darker borders) so that output is stable across runs and readable in print.
public enum Style {
    public static func node(_ type: EntityType) -> NodeStyle {
        switch type {
        case .state:
            NodeStyle(shape: "doubleoctagon", shapeName: "octagon", style: "filled",
                      fillColor: "#f4a6a6", borderColor: "#b22222")
        case .official:
            NodeStyle(shape: "ellipse", shapeName: "ellipse", style: "filled",
                      fillColor: "#9ecae1", borderColor: "#2b6ca3")
        case .person:
            NodeStyle(shape: "ellipse", shapeName: "ellipse", style: "filled",
                      fillColor: "#e3eef9", borderColor: "#6b8fb3")
        case .agency:
            NodeStyle(shape: "box", shapeName: "box", style: "filled",
                      fillColor: "#fdd0a2", borderColor: "#d94801")
        case .organization:
            NodeStyle(shape: "box", shapeName: "rounded box", style: "filled,rounded",
                      fillColor: "#dadaeb", borderColor: "#6a51a3")
        case .place:
            NodeStyle(shape: "house", shapeName: "house", style: "filled",
                      fillColor: "#c7e9c0", borderColor: "#238b45")
        case .event:
            NodeStyle(shape: "note", shapeName: "note", style: "filled",
                      fillColor: "#fff3a0", borderColor: "#b8a000")
        }
    }

    /// Colours avoid red, which is reserved for disputes.
    public static func color(_ family: PredicateFamily) -> String {
        switch family {
        case .structural: "#5f6b73"
        case .military: "#8c510a"
        case .stance: "#6a3d9a"
        case .eventRole: "#2171b5"
        }
    }

    public static func arrowhead(_ family: PredicateFamily) -> String {
        switch family {
        case .structural: "onormal"
        case .military: "diamond"
        case .stance: "vee"
        case .eventRole: "normal"
        }
    }

    public static let disputedColor = "#d7301f"

    public static func edge(_ family: PredicateFamily, _ kind: EdgeKind) -> EdgeStyle {
        let arrow = arrowhead(family)
        switch kind {
        case .asserted:
            return EdgeStyle(style: "solid", color: color(family), fontColor: color(family), arrowhead: arrow,
                             penWidth: family == .military ? 2 : 1.2)
        case .attributed:
            return EdgeStyle(style: "dotted", color: color(family), fontColor: color(family), arrowhead: arrow,
                             penWidth: 1.8)
        case .disputed:
            return EdgeStyle(style: "dashed", color: disputedColor, fontColor: disputedColor, arrowhead: arrow,
                             penWidth: 1.8)
        }
    }

    /// Node font size by mention count: logarithmic, so the one entity every article names
    /// stands out without dwarfing the rest. 1 mention → 10 pt, 4 → 13, 16 → 16, capped at 18.
    public static func fontSize(mentions: Int) -> Double {
        let m = Double(max(1, mentions))
        let size = min(18, 10 + 1.5 * log2(m))
        return (size * 2).rounded() / 2
    }

    public static let edgeFontSize = 9.0
    /// Used for the graph, node and edge fonts. Helvetica is resolved by fontconfig to a
    /// metric-compatible face on Linux, so text widths (and thus layouts) match macOS closely.
    public static let fontName = "Helvetica"
}

/// A number as DOT wants it: no trailing zeros, at most two decimals, never locale-dependent.
/// (Plain arithmetic: `String(format:locale:)` costs an ICU locale per call.)
func dotNumber(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    let whole = hundredths / 100, fraction = abs(hundredths % 100)
    guard fraction != 0 else { return String(whole) }
    let sign = hundredths < 0 && whole == 0 ? "-" : ""
    var digits = fraction < 10 ? "0\(fraction)" : String(fraction)
    if digits.hasSuffix("0") { digits.removeLast() }
    return "\(sign)\(whole).\(digits)"
}
