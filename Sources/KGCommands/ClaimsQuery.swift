import Foundation
import KGModel
import KGRDF
import KGReport
import KGSparql

/// `kgraph claims` over a store: the listing compiled to one SPARQL query over the reified
/// statements (`prov:wasAttributedTo`, `kg:disputedBy`), which `--explain` prints.
enum ClaimsQuery {
    /// Property IRI → the predicate it exports, from the mapper itself so the two cannot drift.
    static let predicates: [String: KGModel.Predicate] = {
        var out: [String: KGModel.Predicate] = [:]
        for p in KGModel.Predicate.allCases {
            for t in EntityType.allCases {
                if let iri = RDFMapper.property(for: p, subjectType: t).iri, out[iri] == nil { out[iri] = p }
            }
        }
        return out
    }()

    /// The query: every statement someone asserts or disputes; `by` (an entity IRI) keeps one
    /// source's, `disputedOnly` the contested ones.
    static func sparql(by: [String]?, disputedOnly: Bool) -> String {
        var filters: [String] = []
        if let by {
            filters.append("VALUES ?source { \(by.map(Shortcut.iri).joined(separator: " ")) }\n  ?st prov:wasAttributedTo ?source .")
        }
        if disputedOnly { filters.append("FILTER EXISTS { ?st kg:disputedBy ?anyone }") }
        return """
            SELECT DISTINCT ?st ?s ?p ?o ?by ?disputer ?text WHERE {
              ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
              FILTER EXISTS { { ?st prov:wasAttributedTo ?x } UNION { ?st kg:disputedBy ?x } }
              \(filters.joined(separator: "\n  "))
              OPTIONAL { ?st prov:wasAttributedTo ?by }
              OPTIONAL { ?st kg:disputedBy ?disputer }
              OPTIONAL { ?st prov:wasDerivedFrom/prov:value ?text }
            } ORDER BY ?st ?by ?disputer
            """
    }

    /// Runs the listing against `engine`: resolves `--by` by name or alias first (all entities
    /// that name matches exactly, else the best partial match), then the claims query.
    static func rows(engine: SparqlEngine, options: SparqlOptions, by: String?, disputedOnly: Bool,
                     explain: inout [String]) throws -> [ClaimRow] {
        var sources: [String]?
        if let by {
            let matches = try Shortcut.find(by, engine: engine, options: options, explain: &explain)
            let exact = matches.filter { $0.rank == 0 }
            sources = (exact.isEmpty ? Array(matches.prefix(1)) : exact).map(\.iri)
            if sources?.isEmpty ?? true { return [] }
        }
        let query = sparql(by: sources, disputedOnly: disputedOnly)
        explain.append(query)
        guard case .bindings(_, let result) = try options.run(engine, query) else { return [] }
        let iris = Set(result.flatMap { [$0[1], $0[3], $0[4], $0[5]] }.compactMap { $0?.kind == .iri ? $0?.value : nil })
        let names = try Shortcut.names(iris, engine: engine, options: options)
        func label(_ t: RDFTerm?) -> String {
            guard let t else { return "" }
            return t.kind == .iri ? names[t.value] ?? Shortcut.compact(t) : t.value
        }
        // One row per statement: the OPTIONALs multiply rows per source and disputer.
        var order: [String] = []
        var rows: [String: ClaimRow] = [:]
        for r in result {
            guard let st = r[0]?.value else { continue }
            if rows[st] == nil {
                guard let p = r[2].flatMap({ predicates[$0.value] }) else { continue }
                rows[st] = ClaimRow(subject: label(r[1]), predicate: p, object: label(r[3]),
                                    attributedTo: [], disputedBy: [], evidence: r[6]?.value.snippet(200), document: nil)
                order.append(st)
            }
            if let b = r[4], !rows[st]!.attributedTo.contains(label(b)) { rows[st]!.attributedTo.append(label(b)) }
            if let d = r[5], !rows[st]!.disputedBy.contains(label(d)) { rows[st]!.disputedBy.append(label(d)) }
        }
        return order.compactMap { rows[$0] }
    }
}
