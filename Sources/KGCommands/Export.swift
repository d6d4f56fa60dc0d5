import ArgumentParser
import Foundation
import KGRDF

extension RDFFormat: ExpressibleByArgument {}

/// `kgraph export`: the graph as RDF on public vocabularies.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the graph as RDF: N-Triples, Turtle or JSON-LD.",
        discussion: "Classes and properties come from schema.org, W3C ORG, SEM, PROV-O and Web Annotation; every relation is reified with its evidence and attribution.")

    @OptionGroup var input: InputOptions

    @Option(help: "RDF syntax; defaults to the output file's extension, else ttl.")
    var format: RDFFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Base IRI for minted entity IRIs.", valueName: "iri"))
    var base: String = RDFMapper.defaultBase

    func validate() throws {
        if format == nil, let ext = OutputWriter.fileExtension(output), RDFFormat(rawValue: ext) == nil {
            throw ValidationError("unknown RDF format '.\(ext)' in '\(output ?? "")': use .nt, .ttl or .jsonld, or --format")
        }
        // A bad base is a usage error, found before any input is read.
        do {
            _ = try RDFMapper(base: base)
        } catch {
            throw ValidationError("--base \(base): \(error)")
        }
    }

    func run() throws {
        let chosen = format ?? OutputWriter.fileExtension(output).flatMap(RDFFormat.init(rawValue:)) ?? .ttl
        let graph = try input.graph()
        let text: String
        do {
            text = try exportRDF(graph, format: chosen, base: base)
        } catch {
            // The base was checked in validate(); what fails here is the export itself.
            throw CommandError(description: "\(output ?? "standard output"): cannot export \(chosen.rawValue): \(error)")
        }
        try OutputWriter.write(Data(text.utf8), to: output)
    }
}
