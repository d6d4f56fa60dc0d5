import Foundation
import KGModel

/// Why a selection could not be made. `message` is one line meant for the user.
public struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Which part of the graph to draw: filters by type, predicate, mention count and document,
/// then the neighbourhood of one entity. Works on the `Graph`, never on the picture, so what
/// a view shows can be tested without Graphviz.
///
/// The filters run first and the focus second, so `--depth` counts hops along the relations
/// that are drawn. `hasDate` relations are never filtered by predicate: the date is part of
/// its event's label, not an edge.
public struct GraphFilter: Sendable, Hashable {
    /// Entity types to keep; nil keeps all.
    public var types: Set<EntityType>?
    /// Predicates to keep; nil keeps all. With a predicate filter, entities left without any
    /// relation are dropped too: a stance network of 3 edges among 140 loose nodes is unreadable.
    public var predicates: Set<KGModel.Predicate>?
    /// Entities named fewer times than this are dropped.
    public var minMentions: Int
    /// A document's id, path or file name: only the entities it mentions and the relations it
    /// gives evidence for are kept.
    public var document: String?
    /// An entity's name or alias: only its neighbourhood is kept.
    public var focus: String?
    /// How many relations away from the focus to go.
    public var depth: Int

    public init(types: Set<EntityType>? = nil, predicates: Set<KGModel.Predicate>? = nil, minMentions: Int = 0,
                document: String? = nil, focus: String? = nil, depth: Int = 2) {
        self.types = types
        self.predicates = predicates
        self.minMentions = minMentions
        self.document = document
        self.focus = focus
        self.depth = depth
    }

    public var isEmpty: Bool {
        types == nil && predicates == nil && minMentions <= 0 && document == nil && focus == nil
    }

    /// The part of `graph` to draw. Throws when a named document or entity does not exist, and
    /// when nothing is left, so a typo never yields an empty picture.
    public func apply(to graph: Graph) throws(SelectionError) -> Graph {
        guard !isEmpty else { return graph }
        var g = graph
        if let document { g = try Self.restrict(g, toDocument: document) }

        g.entities.removeAll { e in
            (types.map { !$0.contains(e.type) } ?? false) || e.mentions.count < minMentions
        }
        g = Self.dropDanglingRelations(g)
        if let predicates {
            g.relations.removeAll { $0.predicate != .hasDate && !predicates.contains($0.predicate) }
            let linked = Set(g.relations.filter { $0.predicate != .hasDate }.flatMap { [$0.subject] + [$0.object.entityID].compactMap { $0 } })
            g.entities.removeAll { !linked.contains($0.id) }
            g = Self.dropDanglingRelations(g)
        }
        if let focus { g = try neighbourhood(of: focus, in: g, original: graph) }

        guard !g.entities.isEmpty else { throw SelectionError("nothing to draw: no entity passes " + describe()) }
        return g
    }

    /// The entities `focus` names in a graph `apply(to:)` returned, to draw them highlighted;
    /// empty without a focus.
    public func focusIDs(in shown: Graph) -> Set<String> {
        guard let focus, let centre = try? Self.match(focus, in: shown.entities, original: []) else { return [] }
        return Set(centre.map(\.id))
    }

    /// The active filters as command-line options, for error messages.
    func describe() -> String {
        var parts: [String] = []
        if let types { parts.append("--types " + types.sorted().map(\.rawValue).joined(separator: ",")) }
        if let predicates { parts.append("--predicates " + predicates.sorted().map(\.rawValue).joined(separator: ",")) }
        if minMentions > 0 { parts.append("--min-mentions \(minMentions)") }
        if let document { parts.append("--doc \(document)") }
        if let focus { parts.append("--focus \"\(focus)\" --depth \(depth)") }
        return parts.joined(separator: " ")
    }

    // MARK: - Document

    /// The document named by id, by path (as given or normalised) or by file name.
    static func findDocument(_ query: String, in graph: Graph) throws(SelectionError) -> Document {
        let normal = (query as NSString).standardizingPath
        let exact = graph.documents.filter {
            $0.id == query || $0.path == query || ($0.path as NSString).standardizingPath == normal
        }
        if let doc = exact.first { return doc }
        let byName = graph.documents.filter { ($0.path as NSString).lastPathComponent == (query as NSString).lastPathComponent }
        if byName.count == 1 { return byName[0] }
        let known = graph.documents.map(\.path).sorted()
        let list = known.prefix(5).joined(separator: ", ") + (known.count > 5 ? ", …" : "")
        if byName.count > 1 {
            throw SelectionError("--doc \(query): several documents have that name: \(byName.map(\.path).sorted().joined(separator: ", "))")
        }
        throw SelectionError("--doc \(query): no such document in the graph (documents: \(list))")
    }

    static func restrict(_ graph: Graph, toDocument query: String) throws(SelectionError) -> Graph {
        let doc = try findDocument(query, in: graph)
        var g = graph
        g.documents = [doc]
        g.entities = g.entities.compactMap { e in
            var e = e
            e.mentions = e.mentions.filter { $0.doc == doc.id }
            return e.mentions.isEmpty ? nil : e
        }
        g.relations = g.relations.compactMap { r in
            var r = r
            r.evidence = r.evidence.filter { $0.doc == doc.id }
            return r.evidence.isEmpty ? nil : r
        }
        return dropDanglingRelations(g)
    }

    static func dropDanglingRelations(_ graph: Graph) -> Graph {
        var g = graph
        let ids = Set(g.entities.map(\.id))
        g.relations.removeAll { r in
            !ids.contains(r.subject) || (r.object.entityID.map { !ids.contains($0) } ?? false)
        }
        return g
    }

    // MARK: - Focus

    /// Entities within `depth` relations of the entities `query` names, in either direction.
    func neighbourhood(of query: String, in graph: Graph, original: Graph) throws(SelectionError) -> Graph {
        let centre = try Self.match(query, in: graph.entities, original: original.entities)
        var adjacent: [String: Set<String>] = [:]
        for r in graph.relations {
            guard let o = r.object.entityID else { continue }
            adjacent[r.subject, default: []].insert(o)
            adjacent[o, default: []].insert(r.subject)
        }
        var reached = Set(centre.map(\.id))
        var frontier = reached
        for _ in 0..<max(0, depth) where !frontier.isEmpty {
            frontier = Set(frontier.flatMap { adjacent[$0] ?? [] }).subtracting(reached)
            reached.formUnion(frontier)
        }
        var g = graph
        g.entities.removeAll { !reached.contains($0.id) }
        return Self.dropDanglingRelations(g)
    }

    /// The entities a name or alias picks out. Exact matches (ignoring case, accents and extra
    /// spaces) win; otherwise every word of the query must be a word of a name or alias, and
    /// that must pick out one entity, not several.
    static func match(_ query: String, in entities: [Entity], original: [Entity]) throws(SelectionError) -> [Entity] {
        let q = normalize(query)
        guard !q.isEmpty else { throw SelectionError("--focus: give a name") }
        func names(_ e: Entity) -> [String] { ([e.name] + e.aliases).map(normalize) }
        let exact = entities.filter { names($0).contains(q) }
        if !exact.isEmpty { return exact }
        let words = Set(q.split(separator: " "))
        let partial = entities.filter { e in
            names(e).contains { Set($0.split(separator: " ")).isSuperset(of: words) }
        }
        if partial.count == 1 { return partial }
        if partial.count > 1 {
            let list = partial.map { "\($0.name) (\($0.type.rawValue))" }.sorted()
            throw SelectionError("--focus \"\(query)\" is ambiguous: it matches \(list.prefix(6).joined(separator: ", "))"
                + (list.count > 6 ? " and \(list.count - 6) more" : "") + "; give the full name")
        }
        // Say so when the entity exists but another filter removed it.
        let hidden = original.filter { e in
            names(e).contains(q) || names(e).contains { Set($0.split(separator: " ")).isSuperset(of: words) }
        }
        if let e = hidden.first {
            throw SelectionError("--focus \"\(query)\": \(e.name) (\(e.type.rawValue)) is removed by the other filters")
        }
        throw SelectionError("--focus \"\(query)\": no entity has that name or alias")
    }

    static func normalize(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .split(whereSeparator: { $0.isWhitespace || $0 == "’" || $0 == "'" })
            .joined(separator: " ")
    }
}
