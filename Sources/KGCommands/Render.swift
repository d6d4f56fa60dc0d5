import ArgumentParser
import Foundation
import KGRender

extension RenderFormat: ExpressibleByArgument {}
extension Layout: ExpressibleByArgument {}

/// `kgraph render`: a picture of the graph, laid out by Graphviz in process.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the graph with Graphviz (svg, png, pdf or dot).",
        discussion: "Nodes are shaped and coloured by entity type and edges labelled by predicate. Without --layout, small graphs use dot and large ones sfdp.")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The picture to write; its extension picks the format.", valueName: "file"))
    var output: String

    @Option(help: "Output format, when the file extension does not say.")
    var format: RenderFormat?

    @Option(help: "Graphviz layout engine.")
    var layout: Layout?

    /// `--format`, else the output file's extension; nil when neither names a format.
    var chosenFormat: RenderFormat? {
        format ?? OutputWriter.fileExtension(output).flatMap(RenderFormat.init(fileExtension:))
    }

    func validate() throws {
        guard chosenFormat == nil else { return }
        guard let ext = OutputWriter.fileExtension(output) else {
            throw ValidationError("cannot tell the format of '\(output)': give --format svg, png, pdf or dot")
        }
        throw ValidationError("unknown picture format '.\(ext)' in '\(output)': use .svg, .png, .pdf or .dot, or --format")
    }

    func run() throws {
        guard let chosen = chosenFormat else { throw ValidationError("no picture format") }
        let graph = try input.graph()
        let bytes: [UInt8]
        do {
            bytes = try Renderer().render(graph: graph, layout: layout, format: chosen)
        } catch {
            throw CommandError(description: "\(output): \(error)")
        }
        try OutputWriter.write(Data(bytes), to: output)
    }
}
