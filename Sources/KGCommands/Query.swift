import ArgumentParser

/// `kgraph query`: SPARQL over the persistent store. The store and the query engine are a
/// later issue; until then the command says so and fails, rather than pretending.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer SPARQL queries over the graph (not built yet).")

    @Argument(help: "A SPARQL query.")
    var query: String?

    func run() throws {
        throw CommandError(description: "query: not built yet (the persistent store and SPARQL engine come in a later release)")
    }
}
