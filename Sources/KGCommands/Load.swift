import ArgumentParser
import Foundation
import KGRDF
import KGStore

extension RDFSyntax: ExpressibleByArgument {}

/// `kgraph load`: RDF files straight into the store's quad tables, for data that does not
/// come from articles (a reference dataset, a benchmark graph, a test suite's data).
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bulk-load RDF files (N-Triples, N-Quads, Turtle, TriG) into the store's quads.",
        discussion: """
            Statements go to the default graph, or to --graph; N-Quads and TriG keep their own graphs. \
            Loaded quads belong to no document: ingest and remove never touch them. Each file is one transaction.
            """)

    @Argument(help: ArgumentHelp("RDF files; the extension tells the syntax unless --format does.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The store; created when missing.", valueName: "file"))
    var db: String = Ingest.defaultDB

    @Option(help: "RDF syntax of every file.")
    var format: RDFSyntax?

    @Option(help: ArgumentHelp("Put statements without a graph into this named graph.", valueName: "iri"))
    var graph: String?

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one RDF file to load") }
        if format == nil, let bad = files.first(where: { RDFSyntax(fileExtension: ($0 as NSString).pathExtension) == nil }) {
            throw ValidationError("cannot tell the RDF syntax of '\(bad)': use .nt, .nq, .ttl or .trig, or --format")
        }
        if let graph, !(graph.contains(":") && !graph.contains(" ")) {
            throw ValidationError("--graph \(graph): not an absolute IRI")
        }
    }

    func run() throws {
        let store = try GraphSource.storeCall(db) { try GraphStore(path: db, create: true) }
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else { throw CommandError(description: "\(file): no such file") }
            let start = Date()
            let added: Int
            do {
                added = try store.quads.load(nquadsOrTurtle: file, format: format, graph: graph.map(Term.iri))
            } catch let error as RDFParseError {
                throw CommandError(description: error.description)
            } catch {
                throw CommandError(description: StoreError.wrap(error, path: db).description)
            }
            let seconds = Date().timeIntervalSince(start)
            if !quiet {
                print("loaded \(added) quads from \(file) in " + String(format: "%.2f s (%.0f quads/s)", seconds, Double(added) / max(seconds, 1e-9)))
            }
        }
    }
}
