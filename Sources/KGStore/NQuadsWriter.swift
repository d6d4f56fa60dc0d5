import CSerd
import Foundation
import GRDB
import KGRDF

extension QuadStore {
    /// Every quad as N-Quads, written by Serd: one line per quad, the default graph's without
    /// a graph label. Streams rows from the database; `sink` receives the text in chunks.
    public func writeNQuads(_ sink: (UnsafeRawBufferPointer) -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in try writeNQuads(output: NQuadsOutput(sink: sink)) }
    }

    private func writeNQuads(output: NQuadsOutput) throws {
        try withExtendedLifetime(output) {
            guard let env = serd_env_new(nil) else { throw StoreError.io(path ?? ":memory:", "serd_env_new failed") }
            defer { serd_env_free(env) }
            let context = Unmanaged.passUnretained(output).toOpaque()
            guard let writer = serd_writer_new(SERD_NQUADS, SERD_STYLE_ASCII, env, nil, nquadsSink, context) else {
                throw StoreError.io(path ?? ":memory:", "serd_writer_new failed")
            }
            defer { serd_writer_free(writer) }
            try dbQueue.read { db in
                // Terms are read once each into NUL-terminated byte arrays that Serd nodes borrow.
                var cache: [Int64: EncodedTerm] = [:]
                func encoded(_ id: Int64) throws -> EncodedTerm {
                    if let t = cache[id] { return t }
                    guard let term = try QuadStore.term(id: id, in: db) else {
                        throw StoreError.corrupt(path ?? ":memory:", "a quad names missing term \(id)")
                    }
                    let t = EncodedTerm(term)
                    cache[id] = t
                    return t
                }
                let rows = try Row.fetchCursor(db, sql: "SELECT g, s, p, o FROM quads ORDER BY g, s, p, o")
                while let r = try rows.next() {
                    let g: Int64 = r[0]
                    let graph = g == QuadStore.defaultGraph ? nil : try encoded(g)
                    let s = try encoded(r[1]), p = try encoded(r[2]), o = try encoded(r[3])
                    let status = EncodedTerm.with(graph) { gn in
                        s.withNode { sn in
                            p.withNode { pn in
                                o.withObject { on, dt, lang in
                                    serd_writer_write_statement(writer, 0, gn, sn, pn, on, dt, lang)
                                }
                            }
                        }
                    }
                    guard status == SERD_SUCCESS else {
                        throw StoreError.io(path ?? ":memory:", "serd could not write a quad (status \(status.rawValue))")
                    }
                }
            }
            _ = serd_writer_finish(writer)
        }
    }

    /// All quads as one N-Quads text.
    public func nquads() throws -> Data {
        var data = Data()
        try writeNQuads { data.append(contentsOf: $0) }
        return data
    }
}

/// A term's bytes, kept alive for Serd nodes that borrow them.
private final class EncodedTerm {
    let type: SerdType
    let value: [UInt8]
    let datatype: [UInt8]?
    let language: [UInt8]?

    init(_ term: Term) {
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) + [0] }
        switch term {
        case .iri(let i):
            (type, value, datatype, language) = (SERD_URI, bytes(i), nil, nil)
        case .blank(let b):
            (type, value, datatype, language) = (SERD_BLANK, bytes(b), nil, nil)
        case .literal(let v, let dt, let lang):
            // A language tag implies rdf:langString; Serd takes one or the other.
            (type, value, datatype, language) = (SERD_LITERAL, bytes(v), lang == nil ? dt.map(bytes) : nil, lang.map(bytes))
        }
    }

    private static func node<R>(_ bytes: [UInt8], _ type: SerdType, _ body: (UnsafePointer<SerdNode>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            var node = serd_node_from_substring(type, buffer.baseAddress, buffer.count - 1)
            return withUnsafePointer(to: &node) { body($0) }
        }
    }

    func withNode<R>(_ body: (UnsafePointer<SerdNode>) -> R) -> R {
        Self.node(value, type, body)
    }

    static func with<R>(_ term: EncodedTerm?, _ body: (UnsafePointer<SerdNode>?) -> R) -> R {
        guard let term else { return body(nil) }
        return term.withNode { body($0) }
    }

    func withObject<R>(_ body: (UnsafePointer<SerdNode>, UnsafePointer<SerdNode>?, UnsafePointer<SerdNode>?) -> R) -> R {
        withNode { v in
            func optional(_ bytes: [UInt8]?, _ type: SerdType, _ inner: (UnsafePointer<SerdNode>?) -> R) -> R {
                guard let bytes else { return inner(nil) }
                return Self.node(bytes, type) { inner($0) }
            }
            return optional(datatype, SERD_URI) { d in optional(language, SERD_LITERAL) { l in body(v, d, l) } }
        }
    }
}

private final class NQuadsOutput {
    let sink: (UnsafeRawBufferPointer) -> Void
    init(sink: @escaping (UnsafeRawBufferPointer) -> Void) { self.sink = sink }
}

private func nquadsSink(_ buffer: UnsafeRawPointer, _ length: Int, _ stream: UnsafeMutableRawPointer) -> Int {
    let output = Unmanaged<NQuadsOutput>.fromOpaque(stream).takeUnretainedValue()
    output.sink(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}
