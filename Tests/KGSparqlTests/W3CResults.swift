import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KGRDF
@testable import KGSparql

/// Expected results of a W3C test, read from .srx, .srj, .tsv or an RDF result file, and the
/// comparison with what the engine returned: multisets of solutions (or triples), with blank
/// nodes matched up to renaming.
enum Expected {
    case bindings([String], [[String: RDFTerm]])
    case boolean(Bool)
    case graph([[RDFTerm]])
}

struct UnreadableResult: Error, CustomStringConvertible { let description: String }

enum ResultReader {
    static func read(_ path: String) throws -> Expected {
        let ext = (path as NSString).pathExtension
        switch ext {
        case "srx": return try srx(path)
        case "srj": return try srj(path)
        case "tsv": return try tsv(path)
        case "ttl", "nt":
            let triples = try rdf(path)
            let rs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
            if triples.contains(where: { $0[1] == .iri(rdfNS + "type") && $0[2] == .iri(rs + "ResultSet") }) {
                return resultSetGraph(triples, rs)
            }
            return .graph(triples)
        default:
            throw UnreadableResult(description: "result format .\(ext) not read")
        }
    }

    static func rdf(_ path: String) throws -> [[RDFTerm]] {
        var out: [[RDFTerm]] = []
        let syntax: RDFSyntax = path.hasSuffix(".nt") ? RDFSyntax(fileExtension: "nt")! : RDFSyntax(fileExtension: "ttl")!
        try RDFReader.read(file: path, syntax: syntax) { _, t in out.append([term(t.subject), term(t.predicate), term(t.object)]) }
        return out
    }

    static func term(_ t: Term) -> RDFTerm {
        switch t {
        case .iri(let v): return .iri(v)
        case .blank(let b): return .blank(b)
        case .literal(let v, let d, let l): return .literal(v, datatype: d ?? "", lang: l ?? "")
        }
    }

    /// SPARQL 1.0's RDF encoding of result sets (rs:ResultSet).
    static func resultSetGraph(_ triples: [[RDFTerm]], _ rs: String) -> Expected {
        func objects(_ s: RDFTerm, _ p: String) -> [RDFTerm] { triples.filter { $0[0] == s && $0[1] == .iri(rs + p) }.map { $0[2] } }
        guard let set = triples.first(where: { $0[2] == .iri(rs + "ResultSet") })?[0] else { return .bindings([], []) }
        if let b = objects(set, "boolean").first { return .boolean(b.value == "true") }
        let vars = objects(set, "resultVariable").map(\.value)
        var rows: [[String: RDFTerm]] = []
        for solution in objects(set, "solution") {
            var row: [String: RDFTerm] = [:]
            for binding in objects(solution, "binding") {
                if let name = objects(binding, "variable").first, let value = objects(binding, "value").first {
                    row[name.value] = value
                }
            }
            rows.append(row)
        }
        return .bindings(vars, rows)
    }

    static func srj(_ path: String) throws -> Expected {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw UnreadableResult(description: "bad JSON") }
        if let b = root["boolean"] as? Bool { return .boolean(b) }
        let vars = ((root["head"] as? [String: Any])?["vars"] as? [String]) ?? []
        let bindings = ((root["results"] as? [String: Any])?["bindings"] as? [[String: Any]]) ?? []
        let rows = bindings.map { b in
            b.compactMapValues { v -> RDFTerm? in
                guard let o = v as? [String: Any], let type = o["type"] as? String, let value = o["value"] as? String else { return nil }
                switch type {
                case "uri": return .iri(value)
                case "bnode": return .blank(value)
                default: return .literal(value, datatype: o["datatype"] as? String ?? "", lang: o["xml:lang"] as? String ?? "")
                }
            }
        }
        return .bindings(vars, rows)
    }

    static func tsv(_ path: String) throws -> Expected {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard let head = lines.first else { return .bindings([], []) }
        let vars = head.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.dropFirst()) }
        var rows: [[String: RDFTerm]] = []
        for line in lines.dropFirst() {
            var row: [String: RDFTerm] = [:]
            for (k, cell) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated() where !cell.isEmpty && k < vars.count {
                var parsed: RDFTerm? = nil
                try RDFReader.read(string: "<x:s> <x:p> \(cell) .", syntax: RDFSyntax(fileExtension: "ttl")!, baseIRI: "x:") { _, t in parsed = term(t.object) }
                row[vars[k]] = parsed
            }
            rows.append(row)
        }
        return .bindings(vars, rows)
    }

    static func srx(_ path: String) throws -> Expected {
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: path))!
        let delegate = SRXDelegate()
        parser.delegate = delegate
        guard parser.parse() else { throw UnreadableResult(description: "bad XML in \(path)") }
        if let b = delegate.boolean { return .boolean(b) }
        return .bindings(delegate.vars, delegate.rows)
    }
}

final class SRXDelegate: NSObject, XMLParserDelegate {
    var vars: [String] = []
    var rows: [[String: RDFTerm]] = []
    var boolean: Bool?
    private var row: [String: RDFTerm] = [:]
    private var name = ""
    private var kind = ""
    private var attrs: [String: String] = [:]
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        text = ""
        switch element {
        case "variable": vars.append(attributes["name"] ?? "")
        case "result": row = [:]
        case "binding": name = attributes["name"] ?? ""
        case "uri", "bnode", "literal": kind = element; attrs = attributes
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "uri": row[name] = .iri(text)
        case "bnode": row[name] = .blank(text)
        case "literal": row[name] = .literal(text, datatype: attrs["datatype"] ?? "", lang: attrs["xml:lang"] ?? "")
        case "result": rows.append(row)
        case "boolean": boolean = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
        default: break
        }
    }
}

/// Multiset equality of rows (or triples) where blank nodes on each side may be renamed
/// consistently; a small backtracking search, fine for test-sized results.
enum Isomorphism {
    static func equal(_ a: [[RDFTerm?]], _ b: [[RDFTerm?]]) -> Bool {
        guard a.count == b.count else { return false }
        func hasBlank(_ r: [RDFTerm?]) -> Bool { r.contains { $0?.kind == .blank } }
        // Rows without blank nodes must match exactly, as multisets.
        let plainA = a.filter { !hasBlank($0) }.map(key).sorted(), plainB = b.filter { !hasBlank($0) }.map(key).sorted()
        guard plainA == plainB else { return false }
        let blankA = a.filter(hasBlank), blankB = b.filter(hasBlank)
        guard blankA.count == blankB.count else { return false }
        var used = [Bool](repeating: false, count: blankB.count)
        var map: [String: String] = [:], reverse: [String: String] = [:]
        func match(_ i: Int) -> Bool {
            if i == blankA.count { return true }
            for j in 0..<blankB.count where !used[j] {
                let savedMap = map, savedReverse = reverse
                if unify(blankA[i], blankB[j], &map, &reverse) {
                    used[j] = true
                    if match(i + 1) { return true }
                    used[j] = false
                }
                map = savedMap
                reverse = savedReverse
            }
            return false
        }
        return match(0)
    }

    static func key(_ r: [RDFTerm?]) -> String { r.map { $0?.description ?? "-" }.joined(separator: " ") }

    static func unify(_ x: [RDFTerm?], _ y: [RDFTerm?], _ map: inout [String: String], _ reverse: inout [String: String]) -> Bool {
        for (s, t) in zip(x, y) {
            switch (s, t) {
            case (nil, nil): continue
            case (let s?, let t?) where s.kind == .blank && t.kind == .blank:
                if let m = map[s.value], m != t.value { return false }
                if let r = reverse[t.value], r != s.value { return false }
                map[s.value] = t.value
                reverse[t.value] = s.value
            case (let s?, let t?) where s == t: continue
            default: return false
            }
        }
        return true
    }
}
