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
        var w = Writer(capacity: graph.entities.count * 600 + graph.relations.count * 900 + 1024)
        w.graph(graph)
        return w.bytes()
    }
}

/// The model's fields, keys in sorted order; the JSON syntax is in `JSONWriter.swift`.
extension GraphJSON.Writer {
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
}
