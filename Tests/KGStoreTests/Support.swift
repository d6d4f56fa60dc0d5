import Foundation
import KGExtract
import KGModel
import KGRDF
@testable import KGStore
import KGText
import XCTest

/// Fixture files and helpers shared by the store tests.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seeds")

    /// "Azerbaijan President Ilham Aliyev", Armenia, Russia, TASS, Nikol Pashinyan.
    static let baku = folder.appendingPathComponent("baku.txt")
    /// "Mr. Aliyev" alone, Armenia, Azerbaijan, Russia, the CSTO.
    static let yerevan = folder.appendingPathComponent("yerevan.txt")

    static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Ingests `data` under `path` (the path need not exist: the store keys by it).
    @discardableResult
    static func ingest(_ store: GraphStore, _ url: URL, as path: String? = nil) throws -> GraphStore.IngestReport {
        try store.ingest(path: path ?? url.path, kind: .plain, data: data(url))
    }

    /// What `kgraph export --format nt` gives for the file alone, as a set of lines.
    static func exportLines(_ url: URL, path: String) throws -> Set<String> {
        let text = try DocumentReader.decode(data(url), source: InputSource(path: path, kind: .plain))
        let nt = try exportRDF(Extractor().extract([text]), format: .nt)
        return Set(nt.split(separator: "\n").map(String.init))
    }

    /// The store's quads of one named graph, as N-Triples lines.
    static func graphLines(_ store: GraphStore, iri: String) throws -> Set<String> {
        var triples: [Triple] = []
        try store.quads.quads(graph: .iri(iri)) { _, t in triples.append(t) }
        return Set(try serialize(triples, format: .nt).split(separator: "\n").map(String.init))
    }

    /// Equal sets of lines, reporting at most a few differences (a whole graph is too long to print).
    static func assertSameLines(_ actual: Set<String>, _ expected: Set<String>, _ message: String = "",
                                file: StaticString = #filePath, line: UInt = #line) {
        let extra = actual.subtracting(expected).sorted().prefix(5)
        let missing = expected.subtracting(actual).sorted().prefix(5)
        if !extra.isEmpty || !missing.isEmpty {
            XCTFail("\(message) \(actual.subtracting(expected).count) unexpected, e.g. \(Array(extra)); "
                    + "\(expected.subtracting(actual).count) missing, e.g. \(Array(missing))", file: file, line: line)
        }
    }

    static func entity(_ graph: Graph, key: String) -> Entity? {
        graph.entities.first { $0.key == key }
    }
}
