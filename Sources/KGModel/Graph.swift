/// The knowledge graph: documents, entities with their mentions, and relations with evidence
/// and attribution. Plain `Sendable` values with no dependencies; its `Codable` form is the
/// JSON contract of `vocabulary.md`.

/// One input article.
public struct Document: Sendable, Hashable, Codable {
    public var id: String
    /// The path as given on the command line (or `-` for standard input).
    public var path: String
    public var title: String?
    /// The publication date, when the article states it or it can be inferred.
    public var date: DateLiteral?
    /// True when `date` was inferred (the month of the latest date the article mentions) rather
    /// than read from a dateline or the URL. Written to JSON only when true.
    public var dateInferred: Bool

    public init(id: String, path: String, title: String? = nil, date: DateLiteral? = nil, dateInferred: Bool = false) {
        self.id = id
        self.path = path
        self.title = title
        self.date = date
        self.dateInferred = dateInferred
    }

    private enum CodingKeys: String, CodingKey { case id, path, title, date, dateInferred }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        path = try c.decode(String.self, forKey: .path)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        date = try c.decodeIfPresent(DateLiteral.self, forKey: .date)
        dateInferred = try c.decodeIfPresent(Bool.self, forKey: .dateInferred) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(date, forKey: .date)
        if dateInferred { try c.encode(true, forKey: .dateInferred) }
    }
}

/// A span of a document's text. Offsets count Unicode scalars of the text as read from the
/// file: `start` inclusive, `end` exclusive.
public struct Span: Sendable, Hashable, Codable, Comparable {
    public var doc: String
    public var start: Int
    public var end: Int

    public init(doc: String, start: Int, end: Int) {
        self.doc = doc
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: Span) -> Bool {
        doc == other.doc && start < other.end && other.start < end
    }

    public static func < (a: Span, b: Span) -> Bool {
        (a.doc, a.start, a.end) < (b.doc, b.start, b.end)
    }
}

/// Where an entity is named in the text.
public typealias Mention = Span

/// The sentence a relation was read from. `text` quotes it, so a reader can check the fact
/// without opening the article.
public struct Evidence: Sendable, Hashable, Codable {
    public var doc: String
    public var start: Int
    public var end: Int
    public var text: String?

    public init(doc: String, start: Int, end: Int, text: String? = nil) {
        self.doc = doc
        self.start = start
        self.end = end
        self.text = text
    }

    public var span: Span { Span(doc: doc, start: start, end: end) }
}

public struct Entity: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var type: EntityType
    /// Other names for the same thing seen in the text ("Aliyev", "Azerbaijan President Ilham Aliyev").
    public var aliases: [String]
    public var mentions: [Mention]
    /// The extractor's identity key ("state:russia", "agency:russia|ministry|defense"). Two
    /// extractions that give one thing the same key mean the same thing, which is what lets a
    /// store merge documents ingested one at a time. Nil for entities built by hand.
    public var key: String?
    /// The Wikidata item ("Q159"), for entities the lexicon knows.
    public var wikidata: String?
    /// The CAMEO actor code ("RUS"; for states the ISO 3166 alpha-3 code).
    public var cameo: String?
    /// Typed extras: for events, `class` ("attack") and `cameo` (the CAMEO root code, "19").
    public var attributes: [String: String]

    public init(id: String, name: String, type: EntityType, aliases: [String] = [], mentions: [Mention] = [],
                key: String? = nil, wikidata: String? = nil, cameo: String? = nil, attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.mentions = mentions
        self.key = key
        self.wikidata = wikidata
        self.cameo = cameo
        self.attributes = attributes
    }

    private enum CodingKeys: String, CodingKey { case id, name, type, aliases, mentions, key, wikidata, cameo, attributes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(EntityType.self, forKey: .type)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        mentions = try c.decodeIfPresent([Mention].self, forKey: .mentions) ?? []
        key = try c.decodeIfPresent(String.self, forKey: .key)
        wikidata = try c.decodeIfPresent(String.self, forKey: .wikidata)
        cameo = try c.decodeIfPresent(String.self, forKey: .cameo)
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
    }

    /// Optional fields are left out when empty, so the contract's required shape stays small.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(mentions, forKey: .mentions)
        try c.encodeIfPresent(key, forKey: .key)
        try c.encodeIfPresent(wikidata, forKey: .wikidata)
        try c.encodeIfPresent(cameo, forKey: .cameo)
        if !attributes.isEmpty { try c.encode(attributes, forKey: .attributes) }
    }
}

/// The object of a relation: another entity, or a date literal for `hasDate`.
public enum RelationObject: Sendable, Hashable, Codable {
    case entity(String)
    case date(DateLiteral)

    public var entityID: String? {
        if case .entity(let id) = self { return id }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case literal }

    public init(from decoder: any Decoder) throws {
        if let c = try? decoder.container(keyedBy: CodingKeys.self) {
            self = .date(try c.decode(DateLiteral.self, forKey: .literal))
        } else {
            self = .entity(try decoder.singleValueContainer().decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .entity(let id):
            var c = encoder.singleValueContainer()
            try c.encode(id)
        case .date(let date):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(date, forKey: .literal)
        }
    }
}

/// `subject predicate object`, with who asserts it, who disputes it, and the sentences it came from.
public struct Relation: Sendable, Hashable, Codable {
    public var subject: String
    public var predicate: Predicate
    public var object: RelationObject
    /// Qualifiers such as `role` for `officialOf`.
    public var attributes: [String: String]
    /// Entities that assert the relation; empty when the article says it in its own voice.
    public var attributedTo: [String]
    /// Entities that deny or contest it.
    public var disputedBy: [String]
    public var evidence: [Evidence]

    public init(subject: String, predicate: Predicate, object: RelationObject,
                attributes: [String: String] = [:], attributedTo: [String] = [], disputedBy: [String] = [],
                evidence: [Evidence] = []) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.attributes = attributes
        self.attributedTo = attributedTo
        self.disputedBy = disputedBy
        self.evidence = evidence
    }

    /// Two relations with the same key state the same fact; they are merged, not repeated.
    public struct Key: Hashable, Sendable {
        public let subject: String
        public let predicate: Predicate
        public let object: RelationObject
    }

    public var key: Key { Key(subject: subject, predicate: predicate, object: object) }
}

public struct Graph: Sendable, Hashable, Codable {
    public var documents: [Document]
    public var entities: [Entity]
    public var relations: [Relation]

    public init(documents: [Document] = [], entities: [Entity] = [], relations: [Relation] = []) {
        self.documents = documents
        self.entities = entities
        self.relations = relations
    }

    public func entity(_ id: String) -> Entity? {
        entities.first { $0.id == id }
    }

    /// Entities by id, for callers that look up many.
    public var entitiesByID: [String: Entity] {
        Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Problems that make the graph inconsistent: duplicate ids, relations naming unknown
    /// entities or documents, spans outside their document, `hasDate` without a date.
    public func validate() -> [String] {
        var problems: [String] = []
        var ids = Set<String>()
        for e in entities where !ids.insert(e.id).inserted {
            problems.append("duplicate entity id \(e.id)")
        }
        let docs = Set(documents.map(\.id))
        for e in entities {
            for m in e.mentions where !docs.contains(m.doc) || m.start < 0 || m.end <= m.start {
                problems.append("entity \(e.id): bad mention \(m.doc) \(m.start)..<\(m.end)")
            }
        }
        for r in relations {
            if !ids.contains(r.subject) { problems.append("\(r.predicate): unknown subject \(r.subject)") }
            switch r.object {
            case .entity(let id):
                if !ids.contains(id) { problems.append("\(r.predicate): unknown object \(id)") }
                if r.predicate == .hasDate { problems.append("hasDate needs a date literal, not \(id)") }
            case .date:
                if r.predicate != .hasDate { problems.append("\(r.predicate) cannot take a date literal") }
            }
            for x in r.attributedTo + r.disputedBy where !ids.contains(x) {
                problems.append("\(r.predicate): unknown attribution \(x)")
            }
            for ev in r.evidence where !docs.contains(ev.doc) || ev.start < 0 || ev.end <= ev.start {
                problems.append("\(r.predicate): bad evidence \(ev.doc) \(ev.start)..<\(ev.end)")
            }
        }
        return problems
    }
}
