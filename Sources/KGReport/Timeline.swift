import KGModel

/// `kgraph events`: what happened, in date order, with who did it to whom, where, and the
/// sentence that says so.
public struct EventRow: Sendable, Equatable, Codable {
    public var id: String
    public var date: String?
    public var eventClass: String?
    public var cameo: String?
    public var name: String
    public var agents: [String]
    public var targets: [String]
    public var places: [String]
    /// Who asserts the event's roles, when the text reports them from a source.
    public var attributedTo: [String]
    public var evidence: String?
    public var document: String?

    enum CodingKeys: String, CodingKey {
        case id, date, eventClass = "class", cameo, name, agents, targets, places, attributedTo, evidence, document
    }
}

public enum Timeline {
    /// Events sorted by date (undated last), then by where they are first told.
    /// `from`/`to` keep the events whose date overlaps the range: "2020-10" is inside
    /// `--from 2020-10-15`, since the month contains that day. Undated events are dropped
    /// when a range is given, since nothing says they fall inside it.
    public static func rows(_ graph: Graph, from: DateLiteral? = nil, to: DateLiteral? = nil) -> [EventRow] {
        let byID = graph.entitiesByID
        let paths = Dictionary(graph.documents.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        let bySubject = Dictionary(grouping: graph.relations, by: \.subject)
        var rows: [(row: EventRow, date: DateLiteral?, first: Span?)] = []
        for e in graph.entities where e.type == .event {
            let rels = bySubject[e.id] ?? []
            func names(_ p: KGModel.Predicate) -> [String] {
                rels.filter { $0.predicate == p }.compactMap { $0.object.entityID.flatMap { byID[$0]?.name } }
            }
            let dates = rels.compactMap { r -> DateLiteral? in
                if r.predicate == .hasDate, case .date(let d) = r.object { return d }
                return nil
            }
            let date = dates.min()
            if from != nil || to != nil {
                guard let date, overlaps(date, from: from, to: to) else { continue }
            }
            let evidence = rels.first?.evidence.first
            let sources = Set(rels.flatMap(\.attributedTo)).compactMap { byID[$0]?.name }.sorted()
            let row = EventRow(id: e.id, date: date?.iso, eventClass: e.attributes["class"], cameo: e.attributes["cameo"],
                               name: e.name, agents: names(.hasAgent), targets: names(.hasTarget),
                               places: names(.hasPlace), attributedTo: sources,
                               evidence: evidence?.text?.snippet(160), document: evidence.flatMap { paths[$0.doc] })
            rows.append((row, date, e.mentions.min()))
        }
        rows.sort { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if let fa = a.first, let fb = b.first, fa != fb { return fa < fb }
                return a.row.id < b.row.id
            }
        }
        return rows.map(\.row)
    }

    /// Whether the span of days a date literal covers meets [from, to].
    static func overlaps(_ date: DateLiteral, from: DateLiteral?, to: DateLiteral?) -> Bool {
        let first = date.firstDay, last = date.lastDay
        if let from, last < from.firstDay { return false }
        if let to, first > to.lastDay { return false }
        return true
    }

    /// - Parameter width: evidence is cut to this many characters for reading; nil keeps it whole.
    public static func table(_ rows: [EventRow], width: Int? = 90) -> TextTable {
        TextTable(header: ["date", "class", "cameo", "agent → target", "place", "per", "evidence"],
                  rows: rows.map { r in
                      let who = r.agents.joined(separator: ", ")
                      let whom = r.targets.joined(separator: ", ")
                      let arrow = who.isEmpty && whom.isEmpty ? "" : "\(who.isEmpty ? "?" : who) → \(whom.isEmpty ? "?" : whom)"
                      return [r.date ?? "", r.eventClass ?? r.name, r.cameo ?? "", arrow, r.places.joined(separator: ", "),
                              r.attributedTo.joined(separator: ", "), (r.evidence ?? "").snippet(width ?? Int.max)]
                  })
    }
}

extension DateLiteral {
    /// The first day the literal covers: "2020-10" starts on 2020-10-01.
    var firstDay: DateLiteral { DateLiteral(year: year, month: month ?? 1, day: day ?? 1) ?? self }
    /// The last day it covers: "2020" ends on 2020-12-31.
    var lastDay: DateLiteral {
        let m = month ?? 12
        return DateLiteral(year: year, month: m, day: day ?? DateLiteral.daysIn(month: m, year: year)) ?? self
    }
}
