import ArgumentParser
import Foundation
import KGModel

/// `kgraph extract`: the JSON contract of vocabulary.md.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract entities, events and relations as JSON.",
        discussion: "The output follows the JSON contract: documents, entities with mentions, relations with evidence and attribution.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json }

    @OptionGroup var input: GraphSource

    @Option(help: "Output format.")
    var format: Format = .json

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let graph = try input.graph()
        try OutputWriter.write(try Self.encode(graph), to: output)
    }

    /// What `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes,
    /// from `GraphJSON`, which writes it ten times faster (see there).
    static func encode(_ graph: Graph) throws -> Data {
        var bytes = GraphJSON.encode(graph)
        bytes.append(0x0A)
        return Data(bytes)
    }
}
