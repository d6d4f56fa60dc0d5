import CSerd
import Foundation

/// RDF syntaxes Serd reads.
public enum RDFSyntax: String, CaseIterable, Sendable {
    case nt, nq, ttl, trig

    /// By file extension: .nt, .nq, .ttl, .trig (and .n3 read as Turtle).
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "nt", "ntriples": self = .nt
        case "nq", "nquads": self = .nq
        case "ttl", "turtle", "n3": self = .ttl
        case "trig": self = .trig
        default: return nil
        }
    }

    var serd: SerdSyntax {
        switch self {
        case .nt: SERD_NTRIPLES
        case .nq: SERD_NQUADS
        case .ttl: SERD_TURTLE
        case .trig: SERD_TRIG
        }
    }
}

public struct RDFParseError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Parses RDF through Serd's C reader, statement by statement: nothing is held in memory but
/// the statement at hand, so a file of millions of triples streams into a store.
public enum RDFReader {
    /// Calls `handler` with each statement's graph (nil: the default graph) and triple.
    /// Relative IRIs and CURIEs are resolved against `baseIRI` (default: the file's URI) and
    /// the file's prefixes. `blankPrefix` is put before every blank node label, so that labels
    /// from two files loaded into one store do not meet. Throws `RDFParseError` with line and
    /// column for bad syntax, and rethrows what `handler` throws.
    public static func read(file path: String, syntax: RDFSyntax, baseIRI: String? = nil, blankPrefix: String? = nil,
                            _ handler: (Term?, Triple) throws -> Void) throws {
        guard let file = fopen(path, "rb") else {
            throw RDFParseError(file: path, line: 0, column: 0, message: "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        let base = baseIRI ?? URL(fileURLWithPath: path).absoluteURL.absoluteString
        try parse(name: path, syntax: syntax, baseIRI: base, blankPrefix: blankPrefix, handler) { reader, name in
            serd_reader_read_file_handle(reader, file, name)
        }
    }

    /// The same, for text in memory (`name` appears in error messages).
    public static func read(string text: String, syntax: RDFSyntax, baseIRI: String, name: String = "input",
                            blankPrefix: String? = nil, _ handler: (Term?, Triple) throws -> Void) throws {
        var bytes = Array(text.utf8)
        bytes.append(0)
        try bytes.withUnsafeBufferPointer { buffer in
            try parse(name: name, syntax: syntax, baseIRI: baseIRI, blankPrefix: blankPrefix, handler) { reader, _ in
                serd_reader_read_string(reader, buffer.baseAddress!)
            }
        }
    }

    private static func parse(name: String, syntax: RDFSyntax, baseIRI: String, blankPrefix: String?,
                              _ handler: (Term?, Triple) throws -> Void,
                              run: (OpaquePointer, UnsafePointer<UInt8>) -> SerdStatus) throws {
        try withoutActuallyEscaping(handler) { handler in
            let state = ReaderState(name: name, expand: syntax == .ttl || syntax == .trig, handler: handler)
            guard let env = serd_env_new(nil) else { throw RDFParseError(file: name, line: 0, column: 0, message: "serd_env_new failed") }
            state.env = env
            defer { serd_env_free(env) }
            // Serd copies the base IRI and the blank prefix, so borrowed bytes are enough.
            let baseBytes = Array(baseIRI.utf8) + [0]
            baseBytes.withUnsafeBufferPointer { b in
                var node = serd_node_from_substring(SERD_URI, b.baseAddress, b.count - 1)
                _ = serd_env_set_base_uri(env, &node)
            }
            let context = Unmanaged.passUnretained(state).toOpaque()
            guard let reader = serd_reader_new(syntax.serd, context, nil, readerBase, readerPrefix, readerStatement, nil) else {
                throw RDFParseError(file: name, line: 0, column: 0, message: "serd_reader_new failed")
            }
            defer { serd_reader_free(reader) }
            serd_reader_set_strict(reader, true)
            serd_reader_set_error_sink(reader, readerError, context)
            if let blankPrefix {
                (Array(blankPrefix.utf8) + [0]).withUnsafeBufferPointer { serd_reader_add_blank_prefix(reader, $0.baseAddress) }
            }
            let status: SerdStatus = withExtendedLifetime(state) {
                (Array(name.utf8) + [0]).withUnsafeBufferPointer { run(reader, $0.baseAddress!) }
            }
            if let error = state.handlerError { throw error }
            if let error = state.parseError { throw error }
            if status != SERD_SUCCESS && status != SERD_FAILURE {
                throw RDFParseError(file: name, line: 0, column: 0, message: "serd status \(status.rawValue)")
            }
        }
    }
}

/// Reached from Serd's C callbacks through the handle pointer.
private final class ReaderState {
    let name: String
    let expand: Bool
    let handler: (Term?, Triple) throws -> Void
    var env: OpaquePointer?
    var handlerError: (any Error)?
    var parseError: RDFParseError?

    init(name: String, expand: Bool, handler: @escaping (Term?, Triple) throws -> Void) {
        self.name = name
        self.expand = expand
        self.handler = handler
    }

    func string(_ node: UnsafePointer<SerdNode>) -> String {
        guard let buf = node.pointee.buf else { return "" }
        return String(decoding: UnsafeBufferPointer(start: buf, count: node.pointee.n_bytes), as: UTF8.self)
    }

    /// An IRI node's absolute text: Turtle's relative IRIs and CURIEs go through the env.
    func iri(_ node: UnsafePointer<SerdNode>) -> String? {
        if !expand, node.pointee.type == SERD_URI { return string(node) }
        var expanded = serd_env_expand_node(env, node)
        defer { serd_node_free(&expanded) }
        guard expanded.buf != nil else { return nil }
        return withUnsafePointer(to: &expanded) { string($0) }
    }

    func term(_ node: UnsafePointer<SerdNode>) -> Term? {
        switch node.pointee.type {
        case SERD_URI, SERD_CURIE: return iri(node).map(Term.iri)
        case SERD_BLANK: return .blank(string(node))
        case SERD_LITERAL: return .literal(string(node), datatype: nil, language: nil)
        default: return nil
        }
    }
}

private func readerBase(_ handle: UnsafeMutableRawPointer?, _ uri: UnsafePointer<SerdNode>) -> SerdStatus {
    let state = Unmanaged<ReaderState>.fromOpaque(handle!).takeUnretainedValue()
    return serd_env_set_base_uri(state.env!, uri)
}

private func readerPrefix(_ handle: UnsafeMutableRawPointer?, _ name: UnsafePointer<SerdNode>,
                          _ uri: UnsafePointer<SerdNode>) -> SerdStatus {
    let state = Unmanaged<ReaderState>.fromOpaque(handle!).takeUnretainedValue()
    return serd_env_set_prefix(state.env!, name, uri)
}

private func readerStatement(_ handle: UnsafeMutableRawPointer?, _ flags: SerdStatementFlags,
                             _ graph: UnsafePointer<SerdNode>?, _ subject: UnsafePointer<SerdNode>,
                             _ predicate: UnsafePointer<SerdNode>, _ object: UnsafePointer<SerdNode>,
                             _ datatype: UnsafePointer<SerdNode>?, _ language: UnsafePointer<SerdNode>?) -> SerdStatus {
    let state = Unmanaged<ReaderState>.fromOpaque(handle!).takeUnretainedValue()
    guard let s = state.term(subject), let p = state.term(predicate) else { return SERD_ERR_BAD_SYNTAX }
    let o: Term
    if object.pointee.type == SERD_LITERAL {
        let lang = language.map { state.string($0) }
        let dt = datatype.flatMap { state.iri($0) }
        o = .literal(state.string(object), datatype: lang == nil ? dt : nil, language: lang)
    } else {
        guard let t = state.term(object) else { return SERD_ERR_BAD_SYNTAX }
        o = t
    }
    let g = graph.flatMap { $0.pointee.buf == nil ? nil : state.term($0) }
    do {
        try state.handler(g, Triple(s, p, o))
        return SERD_SUCCESS
    } catch {
        state.handlerError = error
        return SERD_FAILURE
    }
}

private func readerError(_ handle: UnsafeMutableRawPointer?, _ error: UnsafePointer<SerdError>) -> SerdStatus {
    guard let handle else { return error.pointee.status }
    let state = Unmanaged<ReaderState>.fromOpaque(handle).takeUnretainedValue()
    var buffer = [CChar](repeating: 0, count: 512)
    _ = kgraph_serd_error_message(error, &buffer, buffer.count)
    let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    if state.parseError == nil {
        state.parseError = RDFParseError(file: state.name, line: Int(error.pointee.line), column: Int(error.pointee.col), message: message)
    }
    return error.pointee.status
}
