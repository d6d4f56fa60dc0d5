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
            for sentence in doc.sentences where EventRules.isBoilerplate(doc.lower[sentence.index]) {
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
        // Every id a relation names, gathered without building an array per relation.
        var named = Set<String>()
        named.reserveCapacity(graph.relations.count * 2)
        for r in graph.relations {
            named.insert(r.subject)
            if case .entity(let o) = r.object { named.insert(o) }
            for a in r.attributedTo { named.insert(a) }
            for d in r.disputedBy { named.insert(d) }
        }
        var g = graph
        g.entities.removeAll { $0.type == .event && !named.contains($0.id) }
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
    private var index = FactIndex()

    /// Evidence already recorded per relation, so a fact told in 400 articles is not searched
    /// linearly 400 times. Only for relations with more than `linearLimit` pieces (`indexed`):
    /// most have one or two, where a scan of the list costs less than hashing into a set that
    /// grows with the corpus (4.8M of 931M Ir on the seeds x10).
    private var seenEvidence = Set<EvidenceKey>()
    private var indexed: [Bool] = []
    private static let linearLimit = 16
    /// The relation by its position in `store` and the document by its number in `docs`:
    /// hashing four integers, not the document id's string.
    private struct EvidenceKey: Hashable { let relation: Int; let doc: Int; let start: Int; let end: Int }
    private var docs: [String: Int] = [:]
    /// For each relation, the number of the last document (`beginDocument`) that added it; and
    /// that document's positions in the order first added. A mark per relation replaces a
    /// `Set<Int>` of positions per document (1.4M of 623M Ir on the seeds x10 in its inserts).
    private var addedBy: [Int] = []
    private var document = 0
    private(set) var documentPositions: [Int] = []

    /// Starts a new document: `documentPositions` collects what it adds from now on.
    mutating func beginDocument() {
        document += 1
        documentPositions = []
    }

    private mutating func noteAdded(_ k: Int) {
        if addedBy[k] != document {
            addedBy[k] = document
            documentPositions.append(k)
        }
    }
    /// The last document looked up: evidence comes document by document.
    private var lastDoc: (id: String, number: Int)?

    private mutating func evidenceKey(_ relation: Int, _ e: Evidence) -> EvidenceKey {
        let number: Int
        if let last = lastDoc, last.id == e.doc {
            number = last.number
        } else {
            number = docs[e.doc] ?? docs.count
            docs[e.doc] = number
            lastDoc = (e.doc, number)
        }
        return EvidenceKey(relation: relation, doc: number, start: e.start, end: e.end)
    }

    /// Whether relation `k` has evidence with the span of `e`.
    private mutating func hasEvidence(_ k: Int, like e: Evidence) -> Bool {
        if indexed[k] { return seenEvidence.contains(evidenceKey(k, e)) }
        return store[k].evidence.contains { $0.start == e.start && $0.end == e.end && $0.doc == e.doc }
    }

    /// Appends `e` to relation `k`'s evidence, moving its spans into the set past the limit.
    private mutating func append(_ e: Evidence, to k: Int) {
        store[k].evidence.append(e)
        if indexed[k] {
            seenEvidence.insert(evidenceKey(k, e))
        } else if store[k].evidence.count > Self.linearLimit {
            indexed[k] = true
            for old in store[k].evidence { seenEvidence.insert(evidenceKey(k, old)) }
        }
    }

    /// Adds `r` and returns its position, which `relations(at:)` and `update(_:_:)` take
    /// instead of keys (hashing a key hashes its strings); nil for a relation of a thing to itself.
    @discardableResult
    mutating func add(_ r: Relation) -> Int? {
        guard r.object != .entity(r.subject) else { return nil }
        let hash = FactIndex.hash(r)
        if let k = index.position(of: r, hash: hash, in: store) {
            // In place: a copy of the relation to change would copy its evidence list.
            for e in r.evidence where !hasEvidence(k, like: e) { append(e, to: k) }
            for a in r.attributedTo where !store[k].attributedTo.contains(a) { store[k].attributedTo.append(a) }
            for d in r.disputedBy where !store[k].disputedBy.contains(d) { store[k].disputedBy.append(d) }
            if !r.attributes.isEmpty { store[k].attributes.merge(r.attributes) { old, _ in old } }
            noteAdded(k)
            return k
        }
        let k = store.count
        index.insert(position: k, hash: hash)
        store.append(r)
        indexed.append(store[k].evidence.count > Self.linearLimit)
        if indexed[k] { for e in r.evidence { seenEvidence.insert(evidenceKey(k, e)) } }
        addedBy.append(-1)
        noteAdded(k)
        return k
    }

    /// Applies `body` to the relations at these positions (one document's), not to the whole corpus.
    mutating func update(_ positions: [Int], _ body: (inout Relation) -> Void) {
        for i in positions { body(&store[i]) }
    }

    var all: [Relation] { store }

    /// The relations at these positions, in the order given.
    func relations(at positions: [Int]) -> [Relation] {
        positions.map { store[$0] }
    }
}
