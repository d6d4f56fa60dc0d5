import Foundation
import Testing
import KGModel
import KGText
@testable import KGExtract

/// `kgraph extract` writes with `GraphJSON`; on real extractions its bytes must be those of
/// `JSONEncoder` with the options the command used before it.
@Suite struct GraphJSONOnExtractions {
    @Test func fixturesEncodeAsJSONEncoderDoes() throws {
        let sources = try ["sudan.txt", "gaza.txt", "ukraine.md"].map { name in
            SourceText(path: name, kind: SourceKind(path: name) ?? .plain, text: try String(contentsOf: fixtureURL(name), encoding: .utf8))
        }
        let graph = Extractor().extract(sources)
        #expect(!graph.relations.isEmpty)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(GraphJSON.encode(graph) == Array(try encoder.encode(graph)))
    }
}
