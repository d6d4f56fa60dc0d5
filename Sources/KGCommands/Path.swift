import ArgumentParser
import Foundation
import KGSparql

/// `kgraph path A B`: the shortest chains of relations between two entities, with the
/// sentence each hop comes from.
struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the shortest paths between two entities, with the evidence of each hop.",
        discussion: "Tries 1 hop, then 2, up to --max-hops; relations are followed in either direction.")

    @Argument(help: "Where the path starts, e.g. \"Putin\".")
    var from: String

    @Argument(help: "Where it ends, e.g. \"Pashinyan\".")
    var to: String

    @Option(help: "Give up beyond this many hops (1 to 5).")
    var maxHops: Int = 4

    @Argument(help: ArgumentHelp("Files or folders to extract and search instead of --db.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var options: SparqlOptions

    @Flag(help: "Print the SPARQL instead of the answer.")
    var explain = false

    func validate() throws {
        if !(1...5).contains(maxHops) { throw ValidationError("--max-hops must be between 1 and 5") }
    }

    /// Paths of exactly `hops` relations from `a` to `b`, no node twice, with each hop's
    /// subject, property, object and (if any) evidence sentence. Each combination of hop
    /// directions is its own UNION branch, a plain join SQLite runs from the ends' indexes.
    static func query(_ a: String, _ b: String, hops: Int) -> String {
        let list = Shortcut.relationProperties.map(Shortcut.iri).joined(separator: ", ")
        let nodes = [Shortcut.iri(a)] + (1..<hops).map { "?x\($0)" } + [Shortcut.iri(b)]
        var distinct: [String] = []
        for m in 0..<nodes.count {
            for n in (m + 1)..<nodes.count where nodes[m].hasPrefix("?") || nodes[n].hasPrefix("?") {
                distinct.append("\(nodes[m]) != \(nodes[n])")
            }
        }
        var branches: [String] = []
        for directions in 0..<(1 << hops) {
            var lines: [String] = []
            for i in 1...hops {
                let forward = directions & (1 << (i - 1)) == 0
                let (s, o) = forward ? (nodes[i - 1], nodes[i]) : (nodes[i], nodes[i - 1])
                lines.append("\(s) ?p\(i) \(o) . BIND(\(s) AS ?s\(i)) BIND(\(o) AS ?o\(i))")
            }
            lines.append("FILTER(" + (1...hops).map { "?p\($0) IN (\(list))" }.joined(separator: " && ")
                         + (distinct.isEmpty ? "" : " && " + distinct.joined(separator: " && ")) + ")")
            branches.append("  { " + lines.joined(separator: "\n    ") + " }")
        }
        let evidence = (1...hops).map {
            "  OPTIONAL { ?st\($0) rdf:subject ?s\($0) ; rdf:predicate ?p\($0) ; rdf:object ?o\($0) ; prov:wasDerivedFrom/prov:value ?q\($0) }"
        }
        let selected = (1...hops).flatMap { ["?s\($0)", "?p\($0)", "?o\($0)", "?q\($0)"] }
        return "SELECT \(selected.joined(separator: " ")) WHERE {\n" + branches.joined(separator: "\n  UNION\n")
            + "\n" + evidence.joined(separator: "\n") + "\n}"
    }

    func run() throws {
        let engine = try options.engine(paths: paths)
        var queries: [String] = []
        let a = try Shortcut.resolve(from, engine: engine, options: options, explain: &queries)
        let b = try Shortcut.resolve(to, engine: engine, options: options, explain: &queries)
        if a.iri == b.iri { throw CommandError(description: "\(Shortcut.literal(from)) and \(Shortcut.literal(to)) are the same entity (\(a.name))") }
        var names: [String: String] = [a.iri: a.name, b.iri: b.name]
        for hops in 1...maxHops {
            let query = Path.query(a.iri, b.iri, hops: hops)
            queries.append(query)
            guard case .bindings(_, let rows) = try options.run(engine, query), !rows.isEmpty else { continue }
            if explain { return try Shortcut.write(queries.joined(separator: "\n\n") + "\n", options) }
            // One line per distinct chain of hops; the first evidence found for each hop.
            var paths: [[String]: [RDFTerm?]] = [:]
            var order: [[String]] = []
            for row in rows {
                var key: [String] = []
                for i in 0..<hops {
                    for k in 0..<3 { key.append(row[4 * i + k]?.value ?? "") }
                }
                if paths[key] == nil { order.append(key); paths[key] = row }
            }
            names.merge(try Shortcut.names(Set(order.flatMap { $0 }).filter { names[$0] == nil && $0.contains(":") },
                                           engine: engine, options: options)) { old, _ in old }
            var out = "\(order.count) shortest path\(order.count == 1 ? "" : "s") of \(hops) hop\(hops == 1 ? "" : "s") from \(a.name) to \(b.name):\n"
            for (n, key) in order.enumerated() {
                let row = paths[key]!
                out += "\(n + 1).\n"
                for i in 0..<hops {
                    let s = key[3 * i], p = row[4 * i + 1], o = key[3 * i + 2]
                    out += "   \(names[s] ?? s) -[\(Shortcut.compact(p))]-> \(names[o] ?? o)\n"
                    if let quote = row[4 * i + 3]?.value { out += "     “\(quote)”\n" }
                }
            }
            return try Shortcut.write(out, options)
        }
        if explain { return try Shortcut.write(queries.joined(separator: "\n\n") + "\n", options) }
        try Shortcut.write("no path of up to \(maxHops) hops between \(a.name) and \(b.name)\n", options)
    }
}
