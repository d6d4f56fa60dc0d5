import Foundation
import KGRDF

/// Result writers: an aligned table for people, and the W3C result formats for programs
/// (SPARQL 1.1 Query Results JSON, CSV and TSV).
public enum ResultFormat: String, CaseIterable, Sendable {
    case table, json, csv, tsv
}

public enum ResultWriter {
    public static func write(_ result: QueryResult, format: ResultFormat, prefixes: [String: String] = [:]) -> String {
        switch result {
        case .boolean(let b):
            switch format {
            case .json: return "{\"head\": {}, \"boolean\": \(b)}\n"
            case .csv, .tsv: return b ? "true\n" : "false\n"
            case .table: return b ? "yes\n" : "no\n"
            }
        case .bindings(let vars, let rows):
            switch format {
            case .json: return json(vars, rows)
            case .csv: return csv(vars, rows)
            case .tsv: return tsv(vars, rows)
            case .table: return table(vars, rows, prefixes: prefixes)
            }
        case .triples(let ts):
            return ts.map { "\($0.0) \($0.1) \($0.2) ." }.joined(separator: "\n") + (ts.isEmpty ? "" : "\n")
        }
    }

    /// A quoted string with JSON escapes. The same text is a valid SPARQL string literal
    /// (SPARQL takes \" \\ \n \r \t and \uXXXX alike), so the shortcuts use it for both.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    static func json(_ vars: [String], _ rows: [[RDFTerm?]]) -> String {
        var out = "{\"head\": {\"vars\": [\(vars.map(jsonString).joined(separator: ", "))]},\n \"results\": {\"bindings\": [\n"
        out += rows.map { row in
            let fields = zip(vars, row).compactMap { name, term -> String? in
                guard let term else { return nil }
                var parts: [String]
                switch term.kind {
                case .iri: parts = ["\"type\": \"uri\"", "\"value\": \(jsonString(term.value))"]
                case .blank: parts = ["\"type\": \"bnode\"", "\"value\": \(jsonString(term.value))"]
                case .literal:
                    parts = ["\"type\": \"literal\"", "\"value\": \(jsonString(term.value))"]
                    if !term.lang.isEmpty { parts.append("\"xml:lang\": \(jsonString(term.lang))") }
                    if !term.datatype.isEmpty { parts.append("\"datatype\": \(jsonString(term.datatype))") }
                }
                return "\(jsonString(name)): {\(parts.joined(separator: ", "))}"
            }
            return "  {" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        return out + (rows.isEmpty ? "" : "\n") + "]}}\n"
    }

    /// SPARQL 1.1 CSV: plain values, IRIs bare, blank nodes as _:label; CRLF line ends.
    static func csv(_ vars: [String], _ rows: [[RDFTerm?]]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = vars.map(field).joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { t in
                guard let t else { return "" }
                return field(t.kind == .blank ? "_:" + t.value : t.value)
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax.
    static func tsv(_ vars: [String], _ rows: [[RDFTerm?]]) -> String {
        var out = vars.map { "?" + $0 }.joined(separator: "\t") + "\n"
        for row in rows {
            out += row.map { t in t.map(tsvTerm) ?? "" }.joined(separator: "\t") + "\n"
        }
        return out
    }

    static func tsvTerm(_ t: RDFTerm) -> String {
        if t.kind == .literal && t.lang.isEmpty, t.datatype == XSD.integer, Int(t.value) != nil { return t.value }
        return t.description.replacingOccurrences(of: "\t", with: "\\t")
    }

    /// Compact form for the table: prefixed names where a prefix fits, short literals bare.
    public static func compact(_ t: RDFTerm, prefixes: [String: String]) -> String {
        switch t.kind {
        case .iri:
            var best: (String, String)? = nil
            for (p, ns) in prefixes where t.value.hasPrefix(ns) && ns.count > (best?.1.count ?? 0) {
                let local = t.value.dropFirst(ns.count)
                if !local.isEmpty, local.allSatisfy({ $0.isLetter || $0.isNumber || "_-".contains($0) }) { best = (p, ns) }
            }
            if let best { return best.0 + ":" + t.value.dropFirst(best.1.count) }
            return "<\(t.value)>"
        case .blank: return "_:" + t.value
        case .literal:
            if !t.lang.isEmpty { return "\"\(t.value)\"@\(t.lang)" }
            if t.datatype.isEmpty { return t.value }
            if [XSD.integer, XSD.decimal, XSD.boolean].contains(t.datatype) { return t.value }
            return "\"\(t.value)\"^^" + compact(.iri(t.datatype), prefixes: prefixes)
        }
    }

    static func table(_ vars: [String], _ rows: [[RDFTerm?]], prefixes: [String: String]) -> String {
        let cells = rows.map { row in row.map { $0.map { compact($0, prefixes: prefixes).replacingOccurrences(of: "\n", with: " ") } ?? "" } }
        var widths = vars.map { $0.count + 1 }
        for row in cells {
            for (k, c) in row.enumerated() { widths[k] = min(max(widths[k], c.count), 80) }
        }
        func line(_ items: [String]) -> String {
            zip(items, widths).map { item, w in
                let text = item.count > w ? String(item.prefix(w - 1)) + "…" : item
                return text + String(repeating: " ", count: max(0, w - text.count))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(vars.map { "?" + $0 }) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
        return out
    }

    /// CONSTRUCT output as KGRDF triples, for Serd's N-Triples and Turtle writers.
    public static func rdfTriples(_ ts: [(RDFTerm, RDFTerm, RDFTerm)]) -> [Triple] {
        func term(_ t: RDFTerm) -> Term {
            switch t.kind {
            case .iri: return .iri(t.value)
            case .blank: return .blank(t.value)
            case .literal: return .literal(t.value, datatype: t.datatype.isEmpty ? nil : t.datatype, language: t.lang.isEmpty ? nil : t.lang)
            }
        }
        return ts.map { Triple(term($0.0), term($0.1), term($0.2)) }
    }
}
