import KGModel

/// The legend, as an HTML-like table that becomes the graph's own label. A label is placed
/// after layout, below the drawing, by every engine alike; legend *nodes* would be scattered
/// by the force-directed engines, which ignore clusters.
///
/// Graphviz cannot draw node shapes inside a table, so each type shows its colours and names
/// its shape; line samples are cell borders with the edge's colour and dash pattern.
enum Legend {
    static func html(note: [String] = []) -> String {
        var rows: [String] = []
        rows.append(row(heading: "Nodes", cells: EntityType.allCases.map { type in
            let s = Style.node(type)
            return "<TD BGCOLOR=\"\(s.fillColor)\" COLOR=\"\(s.borderColor)\" BORDER=\"1\" STYLE=\"rounded\">"
                + "\(type.rawValue)</TD><TD ALIGN=\"LEFT\">\(small(s.shapeName))</TD>"
        } + ["<TD ALIGN=\"LEFT\">\(small("larger text: named more often"))</TD>"]))

        rows.append(row(heading: "Edges", cells: PredicateFamily.allCases.map { family in
            let color = Style.color(family)
            let names = family.predicates.map { $0 == .hasAgent ? "agent" : $0 == .hasTarget ? "target" : $0 == .hasPlace ? "place" : $0.rawValue }
            return sample(color: color, style: "solid", width: family == .military ? 3 : 2)
                + "<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(color)\">\(htmlEscape(family.title))</FONT> "
                + small("(\(arrowName(Style.arrowhead(family)))): " + names.joined(separator: ", ")) + "</TD>"
        }))

        let who: [(EdgeKind, String)] = [
            (.asserted, "solid: the article says so"),
            (.attributed, "dotted, “per X”: X says so"),
            (.disputed, "dashed red, “disputed by Y”: Y denies it"),
        ]
        rows.append(row(heading: "Claims", cells: who.map { kind, text in
            let s = Style.edge(.structural, kind)
            return sample(color: s.color, style: s.style, width: 2)
                + "<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(s.fontColor)\">\(htmlEscape(text))</FONT></TD>"
        } + ["<TD ALIGN=\"LEFT\">\(small("hover for the sentence, click for the article (SVG)"))</TD>"]))

        for line in note {
            rows.append("<TR><TD ALIGN=\"LEFT\">\(small(line))</TD></TR>")
        }
        // One row a line, so the DOT source stays readable (and golden-file diffs small).
        return "<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" STYLE=\"rounded\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\">\n"
            + rows.map { $0 + "\n" }.joined() + "</TABLE>"
    }

    /// One legend line: a bold heading and its cells, in a nested table so that the lines
    /// need not share columns.
    private static func row(heading: String, cells: [String]) -> String {
        "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>"
            + "<TD ALIGN=\"LEFT\" WIDTH=\"52\"><B>\(htmlEscape(heading))</B></TD>"
            + cells.joined() + "</TR></TABLE></TD></TR>"
    }

    /// A short line drawn as the bottom border of an empty cell.
    private static func sample(color: String, style: String, width: Int) -> String {
        let dash = style == "solid" ? "" : " STYLE=\"\(style)\""
        return "<TD WIDTH=\"34\" HEIGHT=\"8\" FIXEDSIZE=\"TRUE\" BORDER=\"\(width)\" SIDES=\"B\" COLOR=\"\(color)\"\(dash)></TD>"
    }

    private static func small(_ text: String) -> String {
        "<FONT POINT-SIZE=\"9\" COLOR=\"#444444\">\(htmlEscape(text))</FONT>"
    }

    private static func arrowName(_ arrowhead: String) -> String {
        switch arrowhead {
        case "onormal": "hollow arrow"
        case "diamond": "diamond head"
        case "vee": "open arrow"
        default: "filled arrow"
        }
    }
}
