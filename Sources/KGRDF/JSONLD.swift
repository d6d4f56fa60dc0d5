import Foundation

/// JSON-LD in flattened form: a `@context` of the prefixes and a `@graph` with one node object
/// per subject, every property an array of `{"@id"}` / `{"@value", "@type"|"@language"}`.
/// Built by hand with `JSONSerialization` (no JSON-LD library in Swift), and kept to the
/// plainest shape so each triple maps to exactly one value and back.
enum JSONLDSerializer {
    static func write(_ triples: [Triple], prefixes: [String: String]) throws -> String {
        // JSON-LD forbids "" and keywords as terms; such prefixes are simply not used here.
        let usable = prefixes.filter { !$0.key.isEmpty && !$0.key.hasPrefix("@") && !$0.key.contains(":") }
        // Longest namespace first, so an IRI gets the most specific prefix.
        let namespaces = usable.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }

        func compact(_ iri: String) -> String {
            for (prefix, namespace) in namespaces where iri.hasPrefix(namespace) {
                let local = iri.dropFirst(namespace.count)
                // Only plain names: anything fancier could read as another IRI when expanded.
                if let first = local.unicodeScalars.first, first != "-", local.unicodeScalars.allSatisfy(isNameScalar) {
                    return prefix + ":" + local
                }
            }
            return iri
        }
        func reference(_ term: Term) -> String {
            switch term {
            case .iri(let iri): iri
            case .blank(let label): "_:" + label
            case .literal(let value, _, _): value  // rejected by validate before we get here
            }
        }
        func value(_ term: Term) -> [String: String] {
            guard case .literal(let lexical, let datatype, let language) = term else {
                return ["@id": reference(term)]
            }
            var object = ["@value": lexical]
            if let language {
                object["@language"] = language
            } else if let datatype {
                object["@type"] = compact(datatype)
            }
            return object
        }

        var order: [Term] = []
        var nodes: [Term: [String: [Any]]] = [:]
        for t in triples {
            if nodes[t.subject] == nil {
                order.append(t.subject)
                nodes[t.subject] = [:]
            }
            if t.predicate == Vocab.RDF.type, let cls = t.object.iri {
                nodes[t.subject]!["@type", default: []].append(compact(cls))
            } else if let p = t.predicate.iri {
                nodes[t.subject]![compact(p), default: []].append(value(t.object))
            }
        }
        let graph: [[String: Any]] = order.map { subject in
            var node: [String: Any] = nodes[subject]!
            node["@id"] = reference(subject)
            return node
        }
        let document: [String: Any] = ["@context": usable, "@graph": graph]
        let data = try JSONSerialization.data(withJSONObject: document,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

private func isNameScalar(_ s: Unicode.Scalar) -> Bool {
    s.isASCII && (Character(s).isLetter || Character(s).isNumber || s == "_" || s == "-")
}
