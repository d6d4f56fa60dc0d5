import KGModel
import KGText

/// Text → graph. A pipeline of narrow stages, each a small type:
///
/// 1. `AnalyzedDocument`: sentences, tokens, the article's title and date (KGText);
/// 2. `MentionFinder`: candidate mentions per sentence (gazetteer, patterns, context);
/// 3. `Coreference`: surnames, acronyms and state-less agency names linked within a document;
/// 4. `EntityTable`: candidates merged into entities across documents;
/// 5. `EventFinder`: event triggers with their agent, target, place and date;
/// 6. `RelationFinder`: typed relations between entities, with evidence and attribution.
public struct Extractor: Sendable {
    let lexicon: Lexicon

    /// `lexicon`: the names to look up; `ExtractorLexicon.loading(files:)` adds a user's entries.
    public init(lexicon: ExtractorLexicon = .standard) {
        self.lexicon = lexicon.value
    }

    public func extract(_ sources: [SourceText]) -> Graph {
        var documents: [Document] = []
        var table = EntityTable()
        var relations = RelationSet()
        var eventClasses: [String: EventLexicon.EventClass] = [:]
        for (n, source) in sources.enumerated() {
            let doc = AnalyzedDocument(id: "d\(n + 1)", source: source, lexicon: lexicon)
            documents.append(Document(id: doc.id, path: source.path, title: doc.title, date: doc.date, dateInferred: doc.dateInferred))
            var candidates = doc.sentences.map { MentionFinder(doc: doc, sentence: $0).find() }
            candidates = Coreference(doc: doc).link(candidates)
            var events = EventFinder(doc: doc).find(candidates)
            for sentence in doc.sentences where EventRules.isBoilerplate(sentence.tokens.map(\.lowercased)) {
                candidates[sentence.index] = []
                events[sentence.index] = []
            }
            var resolved: [[ResolvedMention]] = []
            for (s, list) in candidates.enumerated() {
                var row = list.map { ResolvedMention(candidate: $0, id: table.add($0, doc: doc.id)) }
                for e in events[s] {
                    let id = table.add(e, doc: doc.id)
                    if let cls = e.eventClass, eventClasses[id] == nil { eventClasses[id] = cls }
                    row.append(ResolvedMention(candidate: e, id: id))
                }
                row.sort { $0.candidate.start < $1.candidate.start }
                resolved.append(row)
            }
            RelationFinder(doc: doc).find(resolved, into: &relations, table: &table)
        }
        var entities = table.finished()
        for k in entities.indices {
            guard let cls = eventClasses[entities[k].id] else { continue }
            entities[k].attributes["class"] = cls.name
            if let cameo = cls.cameo { entities[k].attributes["cameo"] = cameo }
        }
        let merged = EventMerger().merge(Graph(documents: documents, entities: entities, relations: relations.all))
        return Self.droppingBareEvents(merged)
    }

    /// An event with no agent, target, place or date ("the conflict", "a deployment" in passing)
    /// tells the reader nothing it can be joined on; it is left out rather than drawn alone.
    static func droppingBareEvents(_ graph: Graph) -> Graph {
        let described = Set(graph.relations.map(\.subject))
        let referenced = Set(graph.relations.flatMap { [$0.object.entityID].compactMap { $0 } + $0.attributedTo + $0.disputedBy })
        var g = graph
        g.entities.removeAll { $0.type == .event && !described.contains($0.id) && !referenced.contains($0.id) }
        return g
    }
}

/// A candidate with the entity it was merged into.
struct ResolvedMention {
    let candidate: Candidate
    let id: String
    var type: EntityType { candidate.type }
}

/// Relations keyed by (subject, predicate, object): a fact found twice is one relation with
/// two pieces of evidence, and the union of who asserts and who disputes it.
struct RelationSet {
    /// Relations in the order first found, and each key's position: one hash lookup per fact
    /// added, where a dictionary of relations needed one per piece of evidence and attribution.
    private var store: [Relation] = []
    private var position: [Relation.Key: Int] = [:]

    /// Evidence already recorded per relation, so a fact told in 400 articles is not searched
    /// linearly 400 times.
    private var seenEvidence = Set<EvidenceKey>()
    /// The relation by its position in `store`: hashing an index, not the key's strings.
    private struct EvidenceKey: Hashable { let relation: Int; let span: Span }

    mutating func add(_ r: Relation) {
        guard r.object != .entity(r.subject) else { return }
        let key = r.key
        if let k = position[key] {
            // In place: a copy of the relation to change would copy its evidence list.
            for e in r.evidence where seenEvidence.insert(EvidenceKey(relation: k, span: e.span)).inserted {
                store[k].evidence.append(e)
            }
            for a in r.attributedTo where !store[k].attributedTo.contains(a) { store[k].attributedTo.append(a) }
            for d in r.disputedBy where !store[k].disputedBy.contains(d) { store[k].disputedBy.append(d) }
            if !r.attributes.isEmpty { store[k].attributes.merge(r.attributes) { old, _ in old } }
        } else {
            for e in r.evidence { seenEvidence.insert(EvidenceKey(relation: store.count, span: e.span)) }
            position[key] = store.count
            store.append(r)
        }
    }

    /// Applies `body` to the relations with these keys (one document's), not to the whole corpus.
    mutating func update(_ keys: Set<Relation.Key>, _ body: (inout Relation) -> Void) {
        for k in keys { if let i = position[k] { body(&store[i]) } }
    }

    var all: [Relation] { store }

    /// The relations with these keys, in the order given.
    func relations(for keys: [Relation.Key]) -> [Relation] {
        keys.compactMap { position[$0].map { store[$0] } }
    }
}
