import ArgumentParser
import Foundation
import KGModel
import KGRDF
import KGSparql

/// What `who`, `neighbors` and `path` share: finding an entity by name, the relation
/// properties that link entities, and running the SPARQL they compile to.
enum Shortcut {
    /// Every property a relation between two entities becomes in the export (hasDate, whose
    /// object is a date, is left out), derived from the mapper so the two cannot drift apart.
    static let relationProperties: [String] = {
        var out: [String] = []
        for p in KGModel.Predicate.allCases where p != .hasDate {
            for t in [EntityType.place, .agency] {
                if let iri = RDFMapper.property(for: p, subjectType: t).iri, !out.contains(iri) { out.append(iri) }
            }
        }
        return out
    }()

    /// `s` as a SPARQL string literal.
    static func literal(_ s: String) -> String { ResultWriter.jsonString(s) }

    /// A prefixed name where a predeclared prefix fits (easier to read in --explain), else <iri>.
    static func iri(_ s: String) -> String { ResultWriter.compact(.iri(s), prefixes: SparqlEngine.defaultPrefixes) }

    static func compact(_ t: RDFTerm?) -> String {
        t.map { ResultWriter.compact($0, prefixes: SparqlEngine.defaultPrefixes) } ?? ""
    }

    /// Entities whose name or alias contains `text`, case-insensitively.
    static func lookupQuery(_ text: String) -> String {
        """
        SELECT DISTINCT ?e ?name ?matched WHERE {
          { ?e schema:name ?matched } UNION { ?e schema:alternateName ?matched }
          FILTER(CONTAINS(LCASE(STR(?matched)), \(literal(text.lowercased()))))
          ?e schema:name ?name .
          FILTER NOT EXISTS { ?e a schema:NewsArticle }
        }
        """
    }

    struct Match {
        var iri: String
        var name: String
        var rank: Int
    }

    /// The entities `text` names, best first: an exact name or alias, then a whole word, then
    /// any substring.
    static func find(_ text: String, engine: SparqlEngine, options: SparqlOptions, explain: inout [String]) throws -> [Match] {
        let query = lookupQuery(text)
        explain.append(query)
        guard case .bindings(_, let rows) = try options.run(engine, query) else { return [] }
        let needle = text.lowercased()
        var best: [String: Match] = [:]
        for row in rows {
            guard let e = row[0], let name = row[1]?.value, let matched = row[2]?.value.lowercased() else { continue }
            let words = matched.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            let rank = matched == needle ? 0 : (words.contains(needle) ? 1 : 2)
            if best[e.value].map({ rank < $0.rank }) ?? true { best[e.value] = Match(iri: e.value, name: name, rank: rank) }
        }
        return best.values.sorted { ($0.rank, $0.name, $0.iri) < ($1.rank, $1.name, $1.iri) }
    }

    /// The single entity `text` names, or a one-line error.
    static func resolve(_ text: String, engine: SparqlEngine, options: SparqlOptions, explain: inout [String]) throws -> Match {
        let matches = try find(text, engine: engine, options: options, explain: &explain)
        guard let first = matches.first else { throw CommandError(description: "no entity is named \(literal(text)) in \(options.storeName)") }
        return first
    }

    /// The name of each IRI in `iris` that has one, in one query over exactly those IRIs.
    static func names(_ iris: Set<String>, engine: SparqlEngine, options: SparqlOptions) throws -> [String: String] {
        var out: [String: String] = [:]
        let sorted = iris.sorted()
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let values = sorted[start..<min(start + 500, sorted.count)].map(iri).joined(separator: " ")
            let query = "SELECT ?x (MIN(?n) AS ?name) WHERE { VALUES ?x { \(values) } ?x schema:name ?n } GROUP BY ?x"
            guard case .bindings(_, let rows) = try options.run(engine, query) else { continue }
            for row in rows { if let x = row[0]?.value, let n = row[1]?.value { out[x] = n } }
        }
        return out
    }

    static func write(_ text: String, _ options: SparqlOptions) throws {
        try OutputWriter.write(Data(text.utf8), to: options.output)
    }
}
