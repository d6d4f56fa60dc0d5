import CSerd

/// N-Triples and Turtle through Serd's C writer: Serd owns the escaping, the long-string
/// choice and the CURIE abbreviation, so we never hand-write RDF syntax.
///
/// Nothing here escapes to the public API: callers see `serialize(_:format:prefixes:)`.
enum SerdSerializer {
    static func write(_ triples: [Triple], turtle: Bool, prefixes: [String: String]) throws -> String {
        guard let env = serd_env_new(nil) else { throw RDFError.serd(status: -1, message: "serd_env_new failed") }
        defer { serd_env_free(env) }
        let output = SerdOutput()
        // Turtle: group by subject/predicate and write CURIEs; UTF-8 stays readable.
        // N-Triples: Serd ignores abbreviation there; ASCII keeps the file 7-bit clean.
        let style = turtle
            ? SerdStyle(SERD_STYLE_ABBREVIATED.rawValue | SERD_STYLE_CURIED.rawValue)
            : SERD_STYLE_ASCII
        return try withExtendedLifetime(output) {
            let context = Unmanaged.passUnretained(output).toOpaque()
            guard let writer = serd_writer_new(turtle ? SERD_TURTLE : SERD_NTRIPLES, style, env, nil,
                                               collectBytes, context) else {
                throw RDFError.serd(status: -1, message: "serd_writer_new failed")
            }
            defer { serd_writer_free(writer) }
            serd_writer_set_error_sink(writer, collectError, context)

            if turtle {
                // Sorted so the @prefix block is the same on every run.
                for (name, namespace) in prefixes.sorted(by: { $0.key < $1.key }) {
                    let status = withNode(name, SERD_LITERAL) { n in
                        withNode(namespace, SERD_URI) { u in serd_writer_set_prefix(writer, n, u) }
                    }
                    try check(status, output)
                }
            }
            for t in triples {
                let status = withNode(t.subject) { s in
                    withNode(t.predicate) { p in
                        withObject(t.object) { o, datatype, language in
                            serd_writer_write_statement(writer, 0, nil, s, p, o, datatype, language)
                        }
                    }
                }
                try check(status, output)
            }
            try check(serd_writer_finish(writer), output)
            if !output.errors.isEmpty { throw RDFError.serd(status: 0, message: output.errors.joined(separator: "; ")) }
            return String(decoding: output.bytes, as: UTF8.self)
        }
    }

    private static func check(_ status: SerdStatus, _ output: SerdOutput) throws {
        guard status != SERD_SUCCESS else { return }
        let message = output.errors.isEmpty ? "serd status \(status.rawValue)" : output.errors.joined(separator: "; ")
        throw RDFError.serd(status: Int(status.rawValue), message: message)
    }

    /// Serd nodes borrow their bytes, so the bytes must outlive the call that uses the node;
    /// the NUL terminator matters because Serd's writer compares node strings with strcmp.
    private static func withNode<R>(_ text: String, _ type: SerdType, _ body: (UnsafePointer<SerdNode>) -> R) -> R {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            var node = serd_node_from_substring(type, buffer.baseAddress, buffer.count - 1)
            return withUnsafePointer(to: &node) { body($0) }
        }
    }

    private static func withOptionalNode<R>(_ text: String?, _ type: SerdType,
                                            _ body: (UnsafePointer<SerdNode>?) -> R) -> R {
        guard let text else { return body(nil) }
        return withNode(text, type) { body($0) }
    }

    /// A subject or predicate. Literals cannot be here: `validate` rejected them already.
    private static func withNode<R>(_ term: Term, _ body: (UnsafePointer<SerdNode>) -> R) -> R {
        switch term {
        case .iri(let iri): withNode(iri, SERD_URI, body)
        case .blank(let label): withNode(label, SERD_BLANK, body)
        case .literal(let value, _, _): withNode(value, SERD_LITERAL, body)
        }
    }

    private static func withObject<R>(_ term: Term,
                                      _ body: (UnsafePointer<SerdNode>, UnsafePointer<SerdNode>?, UnsafePointer<SerdNode>?) -> R) -> R {
        switch term {
        case .iri, .blank:
            return withNode(term) { body($0, nil, nil) }
        case .literal(let value, let datatype, let language):
            // A language tag implies rdf:langString; Serd takes one or the other.
            let type = language == nil ? datatype : nil
            return withNode(value, SERD_LITERAL) { v in
                withOptionalNode(type, SERD_URI) { d in
                    withOptionalNode(language, SERD_LITERAL) { l in body(v, d, l) }
                }
            }
        }
    }
}

/// Collects Serd's output and error messages; reached from the C callbacks through the
/// `stream` / `handle` context pointer, since C function pointers cannot capture. Used by one
/// thread at a time: each `write` call makes its own.
private final class SerdOutput {
    var bytes: [UInt8] = []
    var errors: [String] = []
}

/// SerdSink: appends a chunk of output to the `SerdOutput` behind `stream`.
private func collectBytes(_ buffer: UnsafeRawPointer, _ length: Int, _ stream: UnsafeMutableRawPointer) -> Int {
    let output = Unmanaged<SerdOutput>.fromOpaque(stream).takeUnretainedValue()
    output.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}

/// SerdErrorSink: records the formatted message instead of letting Serd print to stderr.
private func collectError(_ handle: UnsafeMutableRawPointer?, _ error: UnsafePointer<SerdError>) -> SerdStatus {
    guard let handle else { return error.pointee.status }
    var buffer = [CChar](repeating: 0, count: 512)
    _ = kgraph_serd_error_message(error, &buffer, buffer.count)
    let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    Unmanaged<SerdOutput>.fromOpaque(handle).takeUnretainedValue().errors.append(message)
    return error.pointee.status
}
