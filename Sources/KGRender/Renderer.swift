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

    /// Graphs up to this many entities get `dot`; larger ones `sfdp`.
    public static let dotNodeLimit = 60

    /// The engine to use when the caller does not choose: `dot` draws the tidiest small
    /// graphs, but its time grows steeply with size and edge labels (measured on 150 entities
    /// with 300 labelled edges: `dot` 6.9 s, `sfdp` 0.1 s; with 374 edges `dot` ran for over
    /// 15 minutes), while `sfdp` stays well under a second.
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

    public init(builder: DOTBuilder = DOTBuilder()) {
        self.builder = builder
    }

    /// Lays out `dot` with `layout` and returns the output bytes in `format`.
    public func render(dot: String, layout: Layout, format: RenderFormat) throws -> [UInt8] {
        try GraphvizEngine.shared.render(dot: dot, layout: layout.rawValue, format: format.rawValue)
    }

    /// Builds DOT for `graph` and renders it; `layout` defaults to `Layout.suggested(for:)`.
    public func render(graph: Graph, layout: Layout? = nil, format: RenderFormat) throws -> [UInt8] {
        let layout = layout ?? .suggested(for: graph)
        return try render(dot: builder.build(graph, for: layout), layout: layout, format: format)
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

    func render(dot: String, layout: String, format: String) throws -> [UInt8] {
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

        // agmemread copies what it needs, so the temporary C string may die after the call.
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw RenderError(kind: .parse, message: "graphviz could not parse the DOT source"
                + Self.detail())
        }
        // gvFreeLayout is safe even when gvLayout failed or never ran; it must precede agclose.
        defer {
            gvFreeLayout(context, graph)
            agclose(graph)
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
