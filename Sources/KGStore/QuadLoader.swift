import Foundation
import GRDB
import KGRDF

extension QuadStore {
    /// Loads an RDF file (N-Triples, N-Quads, Turtle or TriG, by `format` or else the file's
    /// extension) in one transaction, streaming statements from Serd into prepared inserts.
    /// Statements without a graph go to `graph` (nil: the default graph). Blank node labels
    /// get a prefix unique to this load, so two files' `_:b1` stay two nodes. Returns the
    /// number of quads added (repeats are not added twice).
    @discardableResult
    public func load(nquadsOrTurtle path: String, format: RDFSyntax? = nil, graph: Term? = nil,
                     baseIRI: String? = nil) throws -> Int {
        guard let syntax = format ?? RDFSyntax(fileExtension: (path as NSString).pathExtension) else {
            throw RDFParseError(file: path, line: 0, column: 0, message: "unknown RDF syntax: use .nt, .nq, .ttl or .trig, or give the format")
        }
        return try dbQueue.write { db in
            let loader = try BulkInserter(db)
            let defaultID = try graph.map { try loader.id(TermRow($0)) } ?? Self.defaultGraph
            let serial = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM terms") ?? 0
            try RDFReader.read(file: path, syntax: syntax, baseIRI: baseIRI, blankPrefix: "l\(serial)x") { g, t in
                let gid = try g.map { try loader.id(TermRow($0)) } ?? defaultID
                try loader.add(gid, loader.id(TermRow(t.subject)), loader.id(TermRow(t.predicate)), loader.id(TermRow(t.object)))
            }
            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM quads") ?? 0
            try loader.flush(rebuildIndexes: loader.pendingCount > 50_000 && loader.pendingCount > existing)
            return loader.added
        }
    }
}
