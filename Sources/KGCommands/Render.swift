import ArgumentParser
import Foundation
import KGModel
import KGRender

extension RenderFormat: ExpressibleByArgument {}
extension Layout: ExpressibleByArgument {}
extension View: ExpressibleByArgument {}

/// `kgraph render`: a picture of the graph, laid out by Graphviz in process.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the graph with Graphviz (svg, png, pdf or dot).",
        discussion: """
            Nodes are shaped and coloured by entity type and sized by mentions; edges are coloured by \
            predicate family, dotted when someone claims them ("per X") and dashed red when someone \
            disputes them. In SVG, every node and edge has its evidence as a tooltip and links to its \
            article. Filters run before --focus. Without --layout, views of up to 100 entities use dot \
            and larger ones sfdp; the actors and timeline views use dot up to 150.
            """)

    @OptionGroup var input: GraphSource

    @Option(name: .shortAndLong, help: ArgumentHelp("The picture to write; its extension picks the format.", valueName: "file"))
    var output: String

    @Option(help: "Output format, when the file extension does not say.")
    var format: RenderFormat?

    @Option(help: "Graphviz layout engine.")
    var layout: Layout?

    @Option(help: "What to draw: whole (every entity), actors (states with their officials and agencies; events as edges) or timeline (dated events, left to right).")
    var view: View = .whole

    @Option(help: ArgumentHelp("Draw only the neighbourhood of the entity with this name or alias.", valueName: "name"))
    var focus: String?

    @Option(help: ArgumentHelp("How many relations away from --focus to go (default 2).", valueName: "n"))
    var depth: Int?

    @Option(help: ArgumentHelp("Keep only these entity types, comma-separated (State,Official,Person,Agency,Organization,Place,Event).", valueName: "types"))
    var types: String?

    @Option(help: ArgumentHelp("Keep only these predicates, comma-separated (e.g. accuses,denies,aids), and the entities they link.", valueName: "predicates"))
    var predicates: String?

    @Option(name: .customLong("min-mentions"), help: ArgumentHelp("Keep only entities named at least this many times.", valueName: "n"))
    var minMentions: Int = 0

    @Option(help: ArgumentHelp("Keep only what this document says (its path, file name or id).", valueName: "file"))
    var doc: String?

    @Option(help: ArgumentHelp("Resolution of PNG output, in dots per inch (default 96).", valueName: "n"))
    var dpi: Double?

    /// `--format`, else the output file's extension; nil when neither names a format.
    var chosenFormat: RenderFormat? {
        format ?? OutputWriter.fileExtension(output).flatMap(RenderFormat.init(fileExtension:))
    }

    func validate() throws {
        if chosenFormat == nil {
            guard let ext = OutputWriter.fileExtension(output) else {
                throw ValidationError("cannot tell the format of '\(output)': give --format svg, png, pdf or dot")
            }
            throw ValidationError("unknown picture format '.\(ext)' in '\(output)': use .svg, .png, .pdf or .dot, or --format")
        }
        if let dpi {
            guard dpi.isFinite, (10...1200).contains(dpi) else { throw ValidationError("--dpi \(dpi): give a number from 10 to 1200") }
            guard chosenFormat == .png else { throw ValidationError("--dpi applies to png output only") }
        }
        if let depth {
            guard focus != nil else { throw ValidationError("--depth needs --focus") }
            guard (0...20).contains(depth) else { throw ValidationError("--depth \(depth): give a number from 0 to 20") }
        }
        if let focus, focus.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--focus: give a name") }
        guard minMentions >= 0 else { throw ValidationError("--min-mentions \(minMentions): give 0 or more") }
        _ = try filter()
    }

    /// The filters as given, checked: an unknown type or predicate is a usage error.
    func filter() throws -> GraphFilter {
        GraphFilter(types: try types.map { try Self.parseList($0, option: "--types", as: EntityType.self) },
                    predicates: try predicates.map { try Self.parseList($0, option: "--predicates", as: KGModel.Predicate.self) },
                    minMentions: minMentions, document: doc, focus: focus, depth: depth ?? 2)
    }

    /// A comma-separated list of enum names, matched without regard to case.
    static func parseList<T: RawRepresentable & CaseIterable & Hashable>(_ text: String, option: String, as: T.Type) throws -> Set<T>
    where T.RawValue == String {
        var out = Set<T>()
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let value = T.allCases.first(where: { $0.rawValue.lowercased() == item.lowercased() }) else {
                throw ValidationError("\(option): unknown '\(item)'; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            out.insert(value)
        }
        guard !out.isEmpty else { throw ValidationError("\(option): give at least one name") }
        return out
    }

    func run() throws {
        guard let chosen = chosenFormat else { throw ValidationError("no picture format") }
        let graph = try input.graph()
        let filter = try filter()
        let shown: Graph
        do {
            shown = try filter.apply(to: graph)
        } catch {
            throw CommandError(description: "\(output): \(error)")
        }
        // Links to the articles are made relative to the folder the picture is saved in.
        let linkBase = output == "-" ? nil : (output as NSString).deletingLastPathComponent
        let renderer = Renderer(builder: DOTBuilder(view: view, linkBase: linkBase), dpi: dpi)
        let bytes: [UInt8]
        do {
            bytes = try renderer.render(graph: shown, layout: layout, format: chosen,
                                        context: graph, highlight: filter.focusIDs(in: shown))
        } catch {
            throw CommandError(description: "\(output): \(error)")
        }
        try OutputWriter.write(Data(bytes), to: output)
    }
}
