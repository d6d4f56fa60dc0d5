/// The graph as `JSONEncoder` writes it with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, byte for byte, written directly.
///
/// Why not `JSONEncoder`: on a corpus of 400 articles it spent 0.4 s of CPU building a boxed
/// value tree through the generic `Encoder` protocol, more than reading and tokenizing every
/// article. The format is small and fixed (this file's `Codable` conformances), so it is
/// written here field by field. `GraphJSONTests` compares the two on edge cases and
/// `KGExtractTests` on the extracted seeds: a field added to `Codable` and not here fails them.
///
/// The format, as swift-foundation's `JSONWriter` has it: two-space indent; `"key" : value`;
/// an empty array or object is the brackets with an empty line between; keys sorted by their
/// UTF-8 bytes; strings escape `"` `\` and controls below U+0020 (`\b \f \n \r \t`, others
/// `\u00xx`), and nothing else.
public enum GraphJSON {
    public static func encode(_ graph: Graph) -> [UInt8] {
        var w = Writer()
        w.out.reserveCapacity(graph.entities.count * 600 + graph.relations.count * 900 + 1024)
        w.graph(graph)
        return w.out
    }

    struct Writer {
        var out: [UInt8] = []
        var indent = 0

        // MARK: The model, keys in sorted order

        mutating func graph(_ g: Graph) {
            object {
                $0.key("documents"); $0.array(g.documents) { $0.document($1) }
                $0.key("entities"); $0.array(g.entities) { $0.entity($1) }
                $0.key("relations"); $0.array(g.relations) { $0.relation($1) }
            }
        }

        mutating func document(_ d: Document) {
            object {
                if let date = d.date { $0.key("date"); $0.string(date.iso) }
                if d.dateInferred { $0.key("dateInferred"); $0.raw("true") }
                $0.key("id"); $0.string(d.id)
                $0.key("path"); $0.string(d.path)
                if let title = d.title { $0.key("title"); $0.string(title) }
            }
        }

        mutating func entity(_ e: Entity) {
            object {
                $0.key("aliases"); $0.array(e.aliases) { $0.string($1) }
                if !e.attributes.isEmpty { $0.key("attributes"); $0.dictionary(e.attributes) }
                if let cameo = e.cameo { $0.key("cameo"); $0.string(cameo) }
                $0.key("id"); $0.string(e.id)
                if let key = e.key { $0.key("key"); $0.string(key) }
                $0.key("mentions"); $0.array(e.mentions) { $0.span($1) }
                $0.key("name"); $0.string(e.name)
                $0.key("type"); $0.string(e.type.rawValue)
                if let wikidata = e.wikidata { $0.key("wikidata"); $0.string(wikidata) }
            }
        }

        mutating func span(_ s: Span) {
            object {
                $0.key("doc"); $0.string(s.doc)
                $0.key("end"); $0.int(s.end)
                $0.key("start"); $0.int(s.start)
            }
        }

        mutating func relation(_ r: Relation) {
            object {
                $0.key("attributedTo"); $0.array(r.attributedTo) { $0.string($1) }
                $0.key("attributes"); $0.dictionary(r.attributes)
                $0.key("disputedBy"); $0.array(r.disputedBy) { $0.string($1) }
                $0.key("evidence"); $0.array(r.evidence) { $0.evidence($1) }
                $0.key("object")
                switch r.object {
                case .entity(let id): $0.string(id)
                case .date(let d): $0.object { $0.key("literal"); $0.string(d.iso) }
                }
                $0.key("predicate"); $0.string(r.predicate.rawValue)
                $0.key("subject"); $0.string(r.subject)
            }
        }

        mutating func evidence(_ e: Evidence) {
            object {
                $0.key("doc"); $0.string(e.doc)
                $0.key("end"); $0.int(e.end)
                $0.key("start"); $0.int(e.start)
                if let text = e.text { $0.key("text"); $0.string(text) }
            }
        }

        // MARK: JSON

        /// Keys are written through `key` or `dataKey`, which put the separator before all but
        /// the first.
        private var first = [Bool]()

        mutating func object(_ body: (inout Writer) -> Void) {
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            indent += 1
            first.append(true)
            body(&self)
            // Empty, it is "{", newline, newline, "}": `key` wrote no line in between.
            first.removeLast()
            out.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
            out.append(UInt8(ascii: "}"))
        }

        /// A key from the data (attribute names), escaped as any string.
        mutating func dataKey(_ k: String) {
            separate()
            string(k)
            colon()
        }

        /// The model's own keys: plain ASCII names that need no escaping, copied as they are.
        mutating func key(_ k: StaticString) {
            separate()
            out.append(UInt8(ascii: "\""))
            raw(k)
            out.append(UInt8(ascii: "\""))
            colon()
        }

        private mutating func separate() {
            if first[first.count - 1] {
                first[first.count - 1] = false
            } else {
                out.append(UInt8(ascii: ","))
                out.append(UInt8(ascii: "\n"))
            }
            writeIndent()
        }

        /// Byte by byte: an array literal here allocated once per key written.
        private mutating func colon() {
            out.append(0x20)
            out.append(UInt8(ascii: ":"))
            out.append(0x20)
        }

        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) -> Void) {
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            indent += 1
            for (k, item) in items.enumerated() {
                if k > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(UInt8(ascii: "\n"))
                }
                writeIndent()
                element(&self, item)
            }
            out.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
            out.append(UInt8(ascii: "]"))
        }

        /// A `[String: String]`, keys sorted by UTF-8 bytes as `.sortedKeys` sorts them.
        mutating func dictionary(_ d: [String: String]) {
            let sorted = d.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            object {
                for (k, v) in sorted { $0.dataKey(k); $0.string(v) }
            }
        }

        mutating func int(_ n: Int) {
            out.append(contentsOf: String(n).utf8)
        }

        mutating func raw(_ s: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }

        mutating func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { bytes in
                var mark = 0
                for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    out.append(contentsOf: bytes[mark..<i])
                    mark = i + 1
                    out.append(UInt8(ascii: "\\"))
                    switch b {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                    case 0x08: out.append(UInt8(ascii: "b"))
                    case 0x0C: out.append(UInt8(ascii: "f"))
                    case 0x0A: out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(UInt8(ascii: "r"))
                    case 0x09: out.append(UInt8(ascii: "t"))
                    default:
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                    }
                }
                out.append(contentsOf: bytes[mark...])
            }
            out.append(UInt8(ascii: "\""))
        }

        private mutating func writeIndent() {
            out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
        }
    }
}
