import ArgumentParser
import Foundation
import KGSparql

/// `kgraph neighbors NAME --depth N`: the entities within N relation hops, either direction.
struct Neighbors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the entities linked to one, up to a number of hops away.",
        discussion: "Hops follow relations (officialOf, memberOf, accuses, hasActor, ...) in either direction.")

    @Argument(help: "A name or part of one, e.g. \"Russia\".")
    var name: String

    @Option(help: "How many hops to go (1 to 4).")
    var depth: Int = 1

    @Option(help: ArgumentHelp("Follow only these properties, comma-separated (prefixed names such as kg:accuses, or full IRIs).", valueName: "list"))
    var predicates: String?

    @Argument(help: ArgumentHelp("Files or folders to extract and search instead of --db.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var options: SparqlOptions

    @Flag(help: "Print the SPARQL instead of the answer.")
    var explain = false

    func validate() throws {
        if !(1...4).contains(depth) { throw ValidationError("--depth must be between 1 and 4") }
    }

    /// The properties to follow, as SPARQL terms.
    func properties() throws -> [String] {
        guard let predicates else { return Shortcut.relationProperties.map(Shortcut.iri) }
        let items = predicates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if items.isEmpty { throw ValidationError("--predicates is empty") }
        return try items.map { item in
            if item.hasPrefix("http://") || item.hasPrefix("https://") { return Shortcut.iri(item) }
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, SparqlEngine.defaultPrefixes[parts[0]] != nil else {
                throw ValidationError("--predicates: '\(item)' is not a known prefixed name or an http(s) IRI")
            }
            return item
        }
    }

    /// One UNION branch per depth and direction, each a plain join that SQLite can run from
    /// the start's index entries (a UNION inside a join would be computed whole first).
    static func query(start: String, depth: Int, properties: [String]) -> String {
        let step = "(" + properties.flatMap { [$0, "^" + $0] }.joined(separator: "|") + ")"
        let list = properties.joined(separator: ", ")
        let s = Shortcut.iri(start)
        var branches: [String] = []
        for k in 1...depth {
            let reach = k == 1 ? "" : "\(s) \(Array(repeating: step, count: k - 1).joined(separator: "/")) ?from .\n    "
            let from = k == 1 ? s : "?from"
            let bindFrom = k == 1 ? " BIND(\(s) AS ?from)" : ""
            for (pattern, dir) in [("\(from) ?p ?to", "->"), ("?to ?p \(from)", "<-")] {
                branches.append("""
                      { \(reach)\(pattern) .
                        FILTER(?p IN (\(list)) && ?to != \(s))
                        BIND(\(k) AS ?depth) BIND("\(dir)" AS ?dir)\(bindFrom) }
                    """)
            }
        }
        // Names are looked up afterwards for the distinct entities only: the union of the
        // documents repeats each name once per document, and joining them here multiplies rows.
        return """
            SELECT DISTINCT ?depth ?from ?dir ?p ?to WHERE {
            \(branches.joined(separator: "\n  UNION\n"))
            }
            """
    }

    func run() throws {
        let props = try properties()
        let engine = try options.engine(paths: paths)
        var queries: [String] = []
        let start = try Shortcut.resolve(name, engine: engine, options: options, explain: &queries)
        let query = Neighbors.query(start: start.iri, depth: depth, properties: props)
        queries.append(query)
        if explain { return try Shortcut.write(queries.joined(separator: "\n\n") + "\n", options) }
        guard case .bindings(_, var rows) = try options.run(engine, query) else { return }
        let names = try Shortcut.names(Set(rows.flatMap { [$0[1], $0[4]] }.compactMap { $0?.value }), engine: engine, options: options)
        func label(_ t: RDFTerm?) -> String { t.flatMap { names[$0.value] } ?? Shortcut.compact(t) }
        func key(_ r: [RDFTerm?]) -> (Int, String, String, String) {
            (Int(r[0]?.value ?? "") ?? 0, label(r[4]), r[4]?.value ?? "", r[3]?.value ?? "")
        }
        rows.sort { key($0) < key($1) }
        // Each entity once, at its smallest depth, with the first edge that reached it.
        var seen = Set<String>()
        var out = "\(start.name)  <\(start.iri)>\n"
        for row in rows {
            guard let to = row[4], seen.insert(to.value).inserted, let depth = row[0]?.value else { continue }
            let arrow = row[2]?.value == "->" ? "-[\(Shortcut.compact(row[3]))]->" : "<-[\(Shortcut.compact(row[3]))]-"
            out += "  \(depth)  \(label(row[1])) \(arrow) \(label(to))\n"
        }
        out += "(\(seen.count) entit\(seen.count == 1 ? "y" : "ies"))\n"
        try Shortcut.write(out, options)
    }
}
