import Foundation
import KGModel

/// Maps a `Graph` onto public vocabularies (schema.org, W3C ORG, SEM, PROV-O, Web Annotation,
/// SKOS), with `kg:` terms only where none fits. Every relation becomes its direct triple(s)
/// plus a reified `rdf:Statement` carrying evidence, attribution and dispute, because news
/// facts are claims and a consumer must be able to see who made them and where.
public struct RDFMapper: Sendable {
    public static let defaultBase = "https://kgraph.example.org/"

    /// Every data IRI starts with this; always ends in `/` or `#`.
    public let base: String

    /// Throws `RDFError.invalidBase` unless `base` is absolute (has a scheme): relative IRIs
    /// would resolve differently wherever the file is loaded from.
    public init(base: String = RDFMapper.defaultBase) throws {
        guard hasScheme(base), isValidIRI(base) else { throw RDFError.invalidBase(base) }
        self.base = base.hasSuffix("/") || base.hasSuffix("#") ? base : base + "/"
    }

    /// Entity id → IRI, for callers that want to link to the export (the query command).
    public func entityIRIs(for graph: Graph) -> [String: String] {
        Naming(graph: graph, base: base).entities
    }

    /// Document id → IRI.
    public func documentIRIs(for graph: Graph) -> [String: String] {
        Naming(graph: graph, base: base).documents
    }

    /// The `rdf:Statement` node that reifies `s p o`: a hash of the three terms, so the same
    /// claim gets the same node from any run or document.
    public func statementIRI(_ subject: Term, _ predicate: Term, _ object: Term) -> Term {
        Naming(graph: Graph(), base: base).statement(subject, predicate, object)
    }

    /// A date as a typed literal; the type carries the precision.
    public static func dateLiteral(_ date: DateLiteral) -> Term {
        switch date.precision {
        case .day: .typed(date.iso, Vocab.XSD.date)
        case .month: .typed(date.iso, Vocab.XSD.gYearMonth)
        case .year: .typed(date.iso, Vocab.XSD.gYear)
        }
    }

    /// The classes of an entity of each type. Actors are also `sem:Actor` so SEM event queries
    /// (`?e sem:hasActor ?a`) find them without knowing our types.
    public static func classes(of type: EntityType) -> [Term] {
        switch type {
        case .state: [Vocab.Schema.Country, Vocab.SEM.Actor]
        case .official: [Vocab.Schema.Person, Vocab.KG.Official, Vocab.SEM.Actor]
        case .person: [Vocab.Schema.Person, Vocab.SEM.Actor]
        case .agency: [Vocab.Schema.GovernmentOrganization, Vocab.ORG.Organization, Vocab.SEM.Actor]
        case .organization: [Vocab.Schema.Organization, Vocab.ORG.FormalOrganization, Vocab.SEM.Actor]
        case .place: [Vocab.Schema.Place, Vocab.SEM.Place]
        case .event: [Vocab.SEM.Event, Vocab.Schema.Event]
        }
    }

    /// The direct property for a predicate. `locatedIn` depends on the subject: places (and
    /// states, which are places) are contained in places; an agency merely has a location.
    public static func property(for predicate: KGModel.Predicate, subjectType: EntityType) -> Term {
        switch predicate {
        case .officialOf: Vocab.KG.officialOf
        case .partOf: Vocab.ORG.subOrganizationOf
        case .memberOf: Vocab.ORG.memberOf
        case .locatedIn:
            subjectType == .place || subjectType == .state ? Vocab.Schema.containedInPlace : Vocab.Schema.location
        case .deployedIn: Vocab.KG.deployedIn
        case .aids: Vocab.KG.aids
        case .accuses: Vocab.KG.accuses
        case .denies: Vocab.KG.denies
        case .hasAgent: Vocab.SEM.hasActor
        case .hasTarget: Vocab.KG.hasTarget
        case .hasPlace: Vocab.SEM.hasPlace
        case .hasDate: Vocab.SEM.hasTimeStamp
        }
    }

    /// All triples for `graph`, deduplicated, in canonical order: the ontology header for the
    /// `kg:` terms used, then every other subject sorted by IRI, `rdf:type` first within each.
    /// The order depends only on the content, so permuting the input changes nothing.
    ///
    /// Relations that name unknown entities, or whose object kind does not fit the predicate,
    /// are skipped: `Graph.validate()` reports those, and a half-mapped fact would be worse.
    public func triples(for graph: Graph) -> [Triple] {
        let naming = Naming(graph: graph, base: base)
        let entitiesByID = graph.entitiesByID
        var out = TripleSet()

        for d in graph.documents {
            guard let iri = naming.documents[d.id] else { continue }
            let doc = Term.iri(iri)
            out.add(doc, Vocab.RDF.type, Vocab.Schema.NewsArticle)
            out.add(doc, Vocab.RDF.type, Vocab.PROV.Entity)
            out.add(doc, Vocab.Schema.identifier, text(d.path))
            if let title = d.title, !title.isEmpty { out.add(doc, Vocab.Schema.name, text(title)) }
            if let date = d.date { out.add(doc, Vocab.Schema.datePublished, RDFMapper.dateLiteral(date)) }
        }

        for e in graph.entities {
            guard let iri = naming.entities[e.id] else { continue }
            let node = Term.iri(iri)
            for c in RDFMapper.classes(of: e.type) { out.add(node, Vocab.RDF.type, c) }
            out.add(node, Vocab.RDFS.label, text(e.name))
            out.add(node, Vocab.Schema.name, text(e.name))
            for alias in e.aliases where !alias.isEmpty && alias != e.name {
                out.add(node, Vocab.Schema.alternateName, text(alias))
            }
            // One link per document, not per mention: offsets live on the evidence nodes.
            for m in e.mentions {
                if let doc = naming.documents[m.doc] { out.add(.iri(doc), Vocab.Schema.mentions, node) }
            }
        }

        let posts = Posts(graph: graph, naming: naming)
        var attributeLabels: [String: String] = [:]
        for r in graph.relations {
            guard let subjectIRI = naming.entities[r.subject], let subject = entitiesByID[r.subject] else { continue }
            let s = Term.iri(subjectIRI)
            let o: Term
            switch (r.object, r.predicate) {
            case (.date(let date), .hasDate):
                o = RDFMapper.dateLiteral(date)
            case (.entity(let id), let p) where p != .hasDate:
                guard let iri = naming.entities[id] else { continue }
                o = .iri(iri)
            default:
                continue
            }
            let p = RDFMapper.property(for: r.predicate, subjectType: subject.type)
            out.add(s, p, o)

            if r.predicate == .officialOf, let objectID = r.object.entityID, let post = posts.post(r, objectID) {
                // W3C ORG's n-ary office: person holds a post, the post is in the organization
                // and has a role. `kg:officialOf` above is the shortcut for simple queries.
                out.add(s, Vocab.ORG.holds, post.iri)
                out.add(post.iri, Vocab.RDF.type, Vocab.ORG.Post)
                out.add(post.iri, Vocab.ORG.postIn, o)
                out.add(post.iri, Vocab.ORG.role, post.role)
                out.add(post.iri, Vocab.RDFS.label, text(post.label))
                out.add(post.role, Vocab.RDF.type, Vocab.ORG.Role)
                out.add(post.role, Vocab.RDF.type, Vocab.SKOS.Concept)
                out.add(post.role, Vocab.SKOS.prefLabel, text(post.roleLabel))
            }

            let statement = naming.statement(s, p, o)
            out.add(statement, Vocab.RDF.type, Vocab.RDF.Statement)
            out.add(statement, Vocab.RDF.subject, s)
            out.add(statement, Vocab.RDF.predicate, p)
            out.add(statement, Vocab.RDF.object, o)
            for ev in r.evidence {
                guard let docIRI = naming.documents[ev.doc] else { continue }
                let node = naming.evidence(docIRI: docIRI, start: ev.start, end: ev.end)
                out.add(statement, Vocab.PROV.wasDerivedFrom, node)
                out.add(node, Vocab.RDF.type, Vocab.PROV.Entity)
                out.add(node, Vocab.RDF.type, Vocab.OA.TextPositionSelector)
                out.add(node, Vocab.OA.start, .integer(ev.start))
                out.add(node, Vocab.OA.end, .integer(ev.end))
                out.add(node, Vocab.PROV.wasQuotedFrom, .iri(docIRI))
                if let quote = ev.text, !quote.isEmpty { out.add(node, Vocab.PROV.value, text(quote)) }
            }
            for id in r.attributedTo {
                if let iri = naming.entities[id] { out.add(statement, Vocab.PROV.wasAttributedTo, .iri(iri)) }
            }
            for id in r.disputedBy {
                if let iri = naming.entities[id] { out.add(statement, Vocab.KG.disputedBy, .iri(iri)) }
            }
            for (key, value) in r.attributes where key != "role" {
                let property = Ontology.attributeProperty(key)
                attributeLabels[property] = key
                out.add(statement, .iri(property), text(value))
            }
        }

        out.append(Ontology.declarations(for: out.triples, attributeLabels: attributeLabels))
        return canonicalOrder(out.triples)
    }
}

/// Text from the graph as a plain literal. U+0000 is dropped: no RDF syntax Serd writes can
/// carry it, and it is never meaningful in an article.
private func text(_ value: String) -> Term {
    .string(value.contains("\u{0}") ? value.replacingOccurrences(of: "\u{0}", with: "") : value)
}

/// Insertion-ordered set of triples.
struct TripleSet {
    private(set) var triples: [Triple] = []
    private var seen = Set<Triple>()

    mutating func add(_ s: Term, _ p: Term, _ o: Term) {
        let t = Triple(s, p, o)
        if seen.insert(t).inserted { triples.append(t) }
    }

    mutating func append(_ more: [Triple]) {
        for t in more { add(t.subject, t.predicate, t.object) }
    }
}

/// Ontology header first (a reader meets `kg:` terms' definitions before their use), then by
/// subject, `rdf:type` first, predicate, object. Consecutive subjects let Turtle group them.
func canonicalOrder(_ triples: [Triple]) -> [Triple] {
    // Keys compare as UTF-8 bytes: String's `<` orders by Unicode canonical equivalence, which
    // cost a tenth of a store ingest here, and any fixed total order serves determinism.
    struct Key {
        let header: Int, subject: [UInt8], isType: Int, predicate: [UInt8], object: [UInt8]
        static func less(_ a: Key, _ b: Key) -> Bool {
            if a.header != b.header { return a.header < b.header }
            if a.subject != b.subject { return a.subject.lexicographicallyPrecedes(b.subject) }
            if a.isType != b.isType { return a.isType < b.isType }
            if a.predicate != b.predicate { return a.predicate.lexicographicallyPrecedes(b.predicate) }
            return a.object.lexicographicallyPrecedes(b.object)
        }
    }
    func key(_ t: Triple) -> Key {
        Key(header: t.subject.iri?.hasPrefix(Vocab.KG.ns) == true ? 0 : 1, subject: Array(t.subject.key.utf8),
            isType: t.predicate == Vocab.RDF.type ? 0 : 1, predicate: Array(t.predicate.key.utf8), object: Array(t.object.key.utf8))
    }
    return triples.map { (key($0), $0) }.sorted { Key.less($0.0, $1.0) }.map(\.1)
}

/// The `org:Post`s of a graph's `officialOf` relations, named up front so that two posts whose
/// role and object name slug alike (President of the State "Georgia" and of an Agency
/// "Georgia") get distinct IRIs no matter which relation comes first.
private struct Posts {
    struct Post { let iri: Term; let role: Term; let label: String; let roleLabel: String }
    private var iris: [String: String] = [:]
    private var roleLabels: [String: String] = [:]
    private let naming: Naming
    private let names: [String: String]

    init(graph: Graph, naming: Naming) {
        self.naming = naming
        names = graph.entitiesByID.mapValues(\.name)
        var candidates: [String: Candidate] = [:]
        for r in graph.relations where r.predicate == .officialOf {
            guard let objectID = r.object.entityID, let objectIRI = naming.entities[objectID] else { continue }
            let (roleSlug, raw) = Posts.role(r)
            // Several spellings of one role ("President", "president"): the smallest wins, so
            // the choice does not depend on relation order.
            roleLabels[roleSlug] = min(roleLabels[roleSlug] ?? raw, raw)
            let key = roleSlug + "\u{1F}" + objectIRI
            candidates[key] = Candidate(iri: naming.base + "post/" + roleSlug + "-" + Naming.localName(objectIRI),
                                        salts: [objectIRI])
        }
        iris = disambiguate(candidates)
    }

    /// The role's slug and its text; a missing or unsluggable role is "official".
    static func role(_ r: Relation) -> (String, String) {
        let raw = (r.attributes["role"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let s = slug(raw)
        return s.isEmpty ? ("official", "official") : (s, raw)
    }

    func post(_ r: Relation, _ objectID: String) -> Post? {
        guard let objectIRI = naming.entities[objectID], let name = names[objectID] else { return nil }
        let (roleSlug, _) = Posts.role(r)
        guard let iri = iris[roleSlug + "\u{1F}" + objectIRI], let roleLabel = roleLabels[roleSlug] else { return nil }
        return Post(iri: .iri(iri), role: naming.role(roleSlug), label: roleLabel + " of " + name, roleLabel: roleLabel)
    }
}
