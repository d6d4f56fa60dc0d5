import KGModel

/// The IRIs of one graph's documents and entities.
///
/// Stability rules: an IRI depends only on the thing's own content (type, name, document
/// basename, first mention), never on ids the extractor invents or on processing order, so the
/// same entity gets the same IRI in every run and from every document that names it.
struct Naming {
    let base: String
    /// Document id → IRI.
    private(set) var documents: [String: String] = [:]
    /// Entity id → IRI.
    private(set) var entities: [String: String] = [:]

    init(graph: Graph, base: String) {
        self.base = base
        var docPaths: [String: String] = [:]
        for d in graph.documents where docPaths[d.id] == nil { docPaths[d.id] = d.path }

        var docCandidates: [String: Candidate] = [:]
        for d in graph.documents where docCandidates[d.id] == nil {
            let name = d.path == "-" ? "stdin" : slug(stem(d.path))
            docCandidates[d.id] = Candidate(iri: base + "doc/" + (name.isEmpty ? "document" : name),
                                            salts: [d.path, d.id])
        }
        documents = disambiguate(docCandidates)

        var entityCandidates: [String: Candidate] = [:]
        for e in graph.entities where entityCandidates[e.id] == nil {
            // Mentions are keyed by the document's basename, not its id: ids are per-run.
            let mentionKeys = e.mentions.map { m -> (String, Int, Int) in
                (basename(docPaths[m.doc] ?? m.doc), m.start, m.end)
            }.sorted { $0 < $1 }
            let first = mentionKeys.first.map { "\($0.0)#\($0.1)" } ?? ""
            var name = slug(e.name)
            if name.isEmpty { name = "unnamed" }
            var iri = base + Naming.typePath(e.type) + "/" + name
            // Events are happenings, not names: two "shelling"s in two articles are two events.
            if e.type == .event { iri += "-" + stableHashHex(first) }
            let all = mentionKeys.map { "\($0.0)#\($0.1)-\($0.2)" } + ["|"] + e.aliases.sorted()
            entityCandidates[e.id] = Candidate(iri: iri, salts: [first, all.joined(separator: ","), e.id])
        }
        entities = disambiguate(entityCandidates)
    }

    static func typePath(_ type: EntityType) -> String {
        switch type {
        case .state: "state"
        case .official: "official"
        case .person: "person"
        case .agency: "agency"
        case .organization: "organization"
        case .place: "place"
        case .event: "event"
        }
    }

    /// The last path segment of one of our IRIs, for building IRIs of things derived from it.
    static func localName(_ iri: String) -> String {
        iri.split(separator: "/").last.map(String.init) ?? iri
    }

    func statement(_ s: Term, _ p: Term, _ o: Term) -> Term {
        .iri(base + "statement/" + stableHashHex(s.key + "\u{1F}" + p.key + "\u{1F}" + o.key, length: 16))
    }

    func evidence(docIRI: String, start: Int, end: Int) -> Term {
        .iri(base + "evidence/" + Naming.localName(docIRI) + "-\(start)-\(end)")
    }

    func role(_ roleSlug: String) -> Term {
        .iri(base + "role/" + roleSlug)
    }
}

/// A proposed IRI and, for when it collides, ever more specific texts to tell it apart by.
struct Candidate {
    var iri: String
    var salts: [String]
}

/// Keeps unique candidate IRIs; when several keys propose the same IRI, all of them get a hash
/// suffix (none is privileged, so which one came first in the input cannot matter). Uses the
/// shortest prefix of the salts that tells every member of the group apart.
func disambiguate(_ candidates: [String: Candidate]) -> [String: String] {
    var groups: [String: [String]] = [:]
    for (key, candidate) in candidates { groups[candidate.iri, default: []].append(key) }
    var result: [String: String] = [:]
    for (iri, keys) in groups {
        if keys.count == 1 {
            result[keys[0]] = iri
            continue
        }
        let sortedKeys = keys.sorted()
        let depth = sortedKeys.map { candidates[$0]!.salts.count }.max() ?? 0
        var done = false
        for level in stride(from: 1, through: depth, by: 1) {
            let suffixed = sortedKeys.map {
                iri + "-" + stableHashHex(candidates[$0]!.salts.prefix(level).joined(separator: "\u{1F}"))
            }
            if Set(suffixed).count == sortedKeys.count {
                for (key, value) in zip(sortedKeys, suffixed) { result[key] = value }
                done = true
                break
            }
        }
        if !done {
            // Only reachable on a 48-bit hash collision of distinct keys; order by key then.
            for (i, key) in sortedKeys.enumerated() { result[key] = iri + "-\(i + 1)" }
        }
    }
    return result
}
