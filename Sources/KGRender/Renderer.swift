import CGraphviz
import Foundation
import KGModel

/// An output format Graphviz can write.
public enum RenderFormat: String, CaseIterable, Sendable {
    case svg, png, pdf
    /// DOT as Graphviz writes it after layout (`dot -Tdot`): the input plus node positions
    /// and edge splines. For the DOT source without layout use `DOTBuilder().build(_:)`.
    case dot

    /// The format for a file name extension such as `svg`, `.PNG` or `gv`; nil if unknown.
    public init?(fileExtension: String) {
        var ext = fileExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        if ext == "gv" { ext = "dot" }
        self.init(rawValue: ext)
    }
}

/// A Graphviz layout engine.
public enum Layout: String, CaseIterable, Sendable {
    case dot, neato, fdp, sfdp, circo, twopi

    /// Whole-graph pictures of up to this many entities get `dot`; larger ones `sfdp`, with
    /// overlap removal. Above it, `dot`'s layered drawing turns into one long column of
    /// loose nodes beside a tangle (the seeds, 141 entities: 2,400 × 5,700 px against sfdp's
    /// 2,800 × 2,000), and its time grows steeply with crossings.
    public static let dotNodeLimit = 100
    /// The actors and timeline views need `dot` (clusters, date columns) and keep it longer.
    public static let structuredNodeLimit = 150
    /// Above this many entities the force-directed engines draw straight edges, because
    /// spline routing there grows roughly cubically.
    public static let splineNodeLimit = 60
    /// Up to this many entities, the force-directed engines get every edge label as a node of
    /// its own, so overlap removal keeps it clear; above, labels are drawn where they fit.
    public static let labelNodeLimit = 400

    /// The engine for a whole-graph picture of `count` entities when the caller does not choose.
    public static func suggested(forNodeCount count: Int) -> Layout {
        count <= dotNodeLimit ? .dot : .sfdp
    }

    public static func suggested(for graph: Graph) -> Layout {
        suggested(forNodeCount: graph.entities.count)
    }
}

/// Why rendering failed. `message` is one line meant for the user.
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Kind: Sendable, Equatable {
        /// The DOT source did not parse.
        case parse
        /// The layout engine failed or is not installed.
        case layout
        /// Writing the output format failed or its plugin is not installed.
        case render
        /// Graphviz could not be initialised at all.
        case unavailable
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Renders graphs through libgvc, in process. It never runs the `dot` executable.
///
/// `Renderer` is a cheap value; all instances share one Graphviz context and one lock, so it
/// is safe to call from any number of threads or tasks at once (calls are serialized).
public struct Renderer: Sendable {
    public var builder: DOTBuilder
    /// Pixels per inch of PNG output; nil keeps Graphviz's 96. Ignored by the vector formats.
    public var dpi: Double?

    public init(builder: DOTBuilder = DOTBuilder(), dpi: Double? = nil) {
        self.builder = builder
        self.dpi = dpi
    }

    /// Lays out `dot` with `layout` and returns the output bytes in `format`.
    public func render(dot: String, layout: Layout, format: RenderFormat) throws -> [UInt8] {
        var attributes: [String: String] = [:]
        if format == .png, let dpi { attributes["dpi"] = dotNumber(dpi) }
        return try GraphvizEngine.shared.render(dot: dot, layout: layout.rawValue, format: format.rawValue,
                                                graphAttributes: attributes)
    }

    /// Builds DOT for `graph` and renders it; `layout` defaults to the builder's suggestion.
    /// `context` and `highlight` are passed to `DOTBuilder.build`.
    public func render(graph: Graph, layout: Layout? = nil, format: RenderFormat,
                       context: Graph? = nil, highlight: Set<String> = []) throws -> [UInt8] {
        let layout = layout ?? builder.suggestedLayout(for: graph)
        return try render(dot: builder.build(graph, for: layout, context: context, highlight: highlight),
                          layout: layout, format: format)
    }
}

/// The one place that calls libgvc and libcgraph.
///
/// Graphviz keeps global state (the DOT parser, the error buffer, the numeric locale it swaps
/// in during layout, plugin caches), and concurrent layouts crash even with separate
/// contexts. So there is one context for the process and every call into the C libraries
/// happens under `lock`. That lock is what makes the `@unchecked Sendable` sound: `context`
/// is only touched while holding it.
final class GraphvizEngine: @unchecked Sendable {
    static let shared = GraphvizEngine()

    private let lock = NSLock()
    /// `GVC_t *`; nil if Graphviz could not initialise. Created once and never freed: plugin
    /// loading is the expensive part, and the process needs it until it exits.
    private let context: OpaquePointer?

    private init() {
        context = gvContext()
    }

    /// Advice for the most common broken installation, where the plugin list is missing.
    private static let pluginHint =
        "Graphviz plugins may be missing or unregistered (on Debian/Ubuntu run `libgvc6-config-update -c` as root)"

    func render(dot: String, layout: String, format: String, graphAttributes: [String: String] = [:]) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }

        guard let context else {
            throw RenderError(kind: .unavailable, message: "graphviz could not be initialised")
        }

        // Collect Graphviz's messages instead of letting it print to stderr: at AGMAX every
        // message goes to its internal buffer, and `aglasterr()` returns the last one, which
        // we put into the thrown error.
        let previousLevel = agseterr(AGMAX)
        defer { _ = agseterr(previousLevel) }
        _ = agreseterrors()

        // The parser copies what it needs, so the temporary C string may die after the call.
        // kg_memread, not agmemread: see CGraphviz/shim.h for why the allocator matters.
        guard let graph = dot.withCString({ kg_memread($0) }) else {
            throw RenderError(kind: .parse, message: "graphviz could not parse the DOT source"
                + Self.detail())
        }
        // gvFreeLayout is safe even when gvLayout failed or never ran; it must precede agclose.
        defer {
            gvFreeLayout(context, graph)
            agclose(graph)
        }

        // Settings that depend on the output format, not the picture (PNG's dpi), are set here
        // so the DOT source stays the same for every format.
        for (name, value) in graphAttributes.sorted(by: { $0.key < $1.key }) {
            let n = strdup(name), v = strdup(value)
            defer { free(n); free(v) }
            _ = agattr(graph, AGRAPH, n, v)
        }

        kg_reseed_random()
        guard gvLayout(context, graph, layout) == 0 else {
            throw RenderError(kind: .layout, message: "layout \(layout) failed" + Self.detailAndHint())
        }

        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let status = gvRenderData(context, graph, format, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else {
            throw RenderError(kind: .render, message: "graphviz could not write \(format)" + Self.detailAndHint())
        }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// The last Graphviz message as `: message`, or "" when there was none this call.
    /// Only called with `lock` held.
    private static func detail() -> String {
        guard agerrors() > 0, let text = aglasterr() else { return "" }
        var message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        // "not recognized" messages list every installed plugin; a line is enough.
        if message.count > 300 { message = message.prefix(300) + "…" }
        return message.isEmpty ? "" : ": " + message
    }

    /// `detail()` plus the plugin advice when Graphviz says an engine or format is unknown
    /// ("not recognized", "renderer for … is unavailable") or says nothing, which is what a missing plugin or plugin list looks like.
    private static func detailAndHint() -> String {
        let detail = detail()
        guard detail.isEmpty || detail.contains("not recognized") || detail.contains("unavailable") else {
            return detail
        }
        return detail + "; " + pluginHint
    }
}
