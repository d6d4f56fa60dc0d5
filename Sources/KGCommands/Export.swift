import ArgumentParser
import Foundation
import KGRDF
import KGStore
import KGText

extension RDFFormat: ExpressibleByArgument {}

/// `kgraph export`: the graph as RDF on public vocabularies.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the graph as RDF: N-Triples, Turtle, JSON-LD or N-Quads.",
        discussion: """
            Classes and properties come from schema.org, W3C ORG, SEM, PROV-O and Web Annotation; every \
            relation is reified with its evidence and attribution. With --db, the store's quads are \
            written: N-Quads keep one named graph per document (what queries see), the other formats \
            carry their union.
            """)

    /// The syntaxes `export` writes: KGRDF's triple formats, and N-Quads for the store's named graphs.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case nt, ttl, jsonld, nq

        var rdf: RDFFormat? { RDFFormat(rawValue: rawValue) }
    }

    @OptionGroup var input: GraphSource

    @Option(help: "RDF syntax; defaults to the output file's extension, else ttl.")
    var format: Format?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Base IRI for minted entity IRIs (a store keeps the base it was made with).", valueName: "iri"))
    var base: String?

    var chosenFormat: Format {
        format ?? OutputWriter.fileExtension(output).flatMap(Format.init(rawValue:)) ?? .ttl
    }

    func validate() throws {
        if format == nil, let ext = OutputWriter.fileExtension(output), Format(rawValue: ext) == nil {
            throw ValidationError("unknown RDF format '.\(ext)' in '\(output ?? "")': use .nt, .ttl, .jsonld or .nq, or --format")
        }
        if input.db != nil, base != nil {
            throw ValidationError("--base cannot be used with --db: a store's IRIs were minted when it was built")
        }
        // A bad base is a usage error, found before any input is read.
        if let base {
            do {
                _ = try RDFMapper(base: base)
            } catch {
                throw ValidationError("--base \(base): \(error)")
            }
        }
    }

    func run() throws {
        let chosen = chosenFormat
        let data: Data
        if let db = input.db {
            data = try exportStore(db, chosen)
        } else if chosen == .nq {
            data = try exportQuads(paths: input.paths)
        } else {
            let graph = try input.graph()
            do {
                data = Data(try exportRDF(graph, format: chosen.rdf!, base: base ?? RDFMapper.defaultBase).utf8)
            } catch {
                // The base was checked in validate(); what fails here is the export itself.
                throw CommandError(description: "\(output ?? "standard output"): cannot export \(chosen.rawValue): \(error)")
            }
        }
        try OutputWriter.write(data, to: output)
    }

    /// The store's quads: as N-Quads, or their union as triples in the other syntaxes.
    private func exportStore(_ db: String, _ chosen: Format) throws -> Data {
        let store = try GraphSource.openStore(db)
        return try GraphSource.storeCall(db) {
            if chosen == .nq { return try store.quads.nquads() }
            var seen = Set<Triple>()
            var triples: [Triple] = []
            try store.quads.quads { _, t in if seen.insert(t).inserted { triples.append(t) } }
            do {
                return Data(try serialize(triples, format: chosen.rdf!).utf8)
            } catch {
                throw CommandError(description: "\(output ?? "standard output"): cannot export \(chosen.rawValue): \(error)")
            }
        }
    }

    /// N-Quads without a store file: the inputs go through a store in memory, so each document
    /// becomes its own named graph exactly as `ingest` would make it.
    private func exportQuads(paths: [String]) throws -> Data {
        let extractor = try input.lexicon.extractor()
        let sources = try InputCollector.collect(paths)
        let store = try GraphSource.storeCall(":memory:") {
            try GraphStore(inMemory: (), base: base ?? RDFMapper.defaultBase, extractor: extractor)
        }
        for source in sources {
            if source.path == InputSource.stdinPath {
                let text = FileHandle.standardInput.readDataToEndOfFile()
                _ = try GraphSource.storeCall(":memory:") { try store.ingest(path: source.path, kind: source.kind, data: text) }
            } else {
                _ = try GraphSource.storeCall(":memory:") { try store.ingest(source) }
            }
        }
        return try GraphSource.storeCall(":memory:") { try store.quads.nquads() }
    }
}
