import ArgumentParser
import Foundation
import KGSparql

/// `kgraph who NAME`: the entity card, from one SPARQL query over the store.
struct Who: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show who or what an entity is: type, ids, offices, memberships, events, claims.",
        discussion: "NAME matches names and aliases, case-insensitively; the best match is shown and the others listed.")

    @Argument(help: "A name or part of one, e.g. \"Aliyev\".")
    var name: String

    @Argument(help: ArgumentHelp("Files or folders to extract and search instead of --db.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var options: SparqlOptions

    @Flag(help: "Print the SPARQL instead of the card.")
    var explain = false

    /// Card sections in display order, each a group pattern binding ?value (and maybe ?detail).
    static let sections: [(String, String)] = [
        ("type", "?e a ?value"),
        ("also called", "?e schema:alternateName ?value"),
        ("ids", "{ ?e owl:sameAs ?value } UNION { ?e schema:identifier ?value }"),
        ("offices", "?e org:holds ?post . ?post rdfs:label ?value"),
        ("official of", "?e kg:officialOf ?o . ?o schema:name ?value"),
        ("member of", "{ ?e org:memberOf ?o } UNION { ?e org:subOrganizationOf ?o } ?o schema:name ?value"),
        ("officials", "?o kg:officialOf ?e . ?o schema:name ?value"),
        ("located in", "{ ?e schema:containedInPlace ?o } UNION { ?e schema:location ?o } UNION { ?e kg:deployedIn ?o } ?o schema:name ?value"),
        ("took part in", """
            { ?ev sem:hasActor ?e BIND("actor" AS ?role) } UNION { ?ev kg:hasTarget ?e BIND("target" AS ?role) }
                ?ev schema:name ?name OPTIONAL { ?ev sem:hasTimeStamp ?date }
                BIND(CONCAT(?name, IF(BOUND(?date), CONCAT(", ", STR(?date)), ""), " (", ?role, ")") AS ?value)
            """),
        // Claims come back as subject, property and object; names are looked up afterwards for
        // the distinct entities only (the union of documents repeats every name per document).
        ("claims made", """
            ?st prov:wasAttributedTo ?e ; rdf:subject ?s ; rdf:predicate ?value ; rdf:object ?o .
                OPTIONAL { ?st prov:wasDerivedFrom/prov:value ?detail }
            """),
        ("claims disputed", """
            ?st kg:disputedBy ?e ; rdf:subject ?s ; rdf:predicate ?value ; rdf:object ?o .
                OPTIONAL { ?st prov:wasDerivedFrom/prov:value ?detail }
            """),
    ]

    /// The entity's IRI goes into every branch (rather than one VALUES outside the UNION) so
    /// each branch starts from an index lookup.
    static func cardQuery(_ iri: String) -> String {
        let branches = sections.enumerated().map { k, s in
            let pattern = s.1.replacingOccurrences(of: "\\?e\\b", with: NSRegularExpression.escapedTemplate(for: Shortcut.iri(iri)), options: .regularExpression)
            return "  { BIND(\(k) AS ?k) BIND(\(Shortcut.literal(s.0)) AS ?section)\n    \(pattern) }"
        }
        return """
            SELECT DISTINCT ?k ?section ?value ?detail ?s ?o WHERE {
            \(branches.joined(separator: "\n  UNION\n"))
            } ORDER BY ?k ?value ?s ?o ?detail
            """
    }

    func run() throws {
        let engine = try options.engine(paths: paths)
        var queries: [String] = []
        let matches = try Shortcut.find(name, engine: engine, options: options, explain: &queries)
        guard let best = matches.first else {
            throw CommandError(description: "no entity is named \(Shortcut.literal(name)) in \(options.storeName)")
        }
        let query = Who.cardQuery(best.iri)
        queries.append(query)
        if explain {
            return try Shortcut.write(queries.joined(separator: "\n\n") + "\n", options)
        }
        guard case .bindings(_, let rows) = try options.run(engine, query) else { return }
        let names = try Shortcut.names(Set(rows.flatMap { [$0[4], $0[5]] }.compactMap { $0?.kind == .iri ? $0?.value : nil }),
                                       engine: engine, options: options)
        func label(_ t: RDFTerm?) -> String { t.flatMap { names[$0.value] } ?? Shortcut.compact(t) }
        var out = "\(best.name)  <\(best.iri)>\n"
        var current = ""
        for row in rows {
            guard let section = row[1]?.value, let value = row[2] else { continue }
            if section != current {
                out += "  \(section):\n"
                current = section
            }
            if row[4] != nil {
                // A claim: "subject property object", the property by its local name.
                let property = value.value.split(whereSeparator: { $0 == "#" || $0 == "/" }).last.map(String.init) ?? value.value
                out += "    \(label(row[4])) \(property) \(row[5]?.kind == .literal ? row[5]!.value : label(row[5]))\n"
            } else {
                out += "    \(Shortcut.compact(value))\n"
            }
            if let detail = row[3]?.value { out += "      “\(detail)”\n" }
        }
        let others = matches.dropFirst().prefix(10).map { $0.name }
        if !others.isEmpty { out += "  other matches: \(others.joined(separator: "; "))\n" }
        try Shortcut.write(out, options)
    }
}
