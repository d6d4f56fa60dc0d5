import Foundation
import GRDB

/// The SQL functions the generated SQL calls for what SQLite cannot do by itself: SPARQL's
/// operators over typed literals, its built-ins, its ORDER BY order and its aggregates. Each
/// takes and returns term ids (see `TermTable`); NULL is unbound or an error.
extension TermTable {
    func register(in db: Database) {
        let table = self
        @Sendable func term(_ v: DatabaseValue) -> RDFTerm? { Int64.fromDatabaseValue(v).flatMap(table.term) }
        @Sendable func name(_ v: DatabaseValue) -> String { String.fromDatabaseValue(v) ?? "" }

        db.add(function: DatabaseFunction("sp_call", argumentCount: nil, pure: false) { values in
            let args = values.dropFirst().map(term)
            return Functions.call(name(values[0]), Array(args), freshBlank: table.freshBlank).map(table.id)
        })
        @Sendable func evaluate(_ values: [DatabaseValue]) -> RDFTerm? {
            guard let k = Int.fromDatabaseValue(values[0]), k < table.expressions.count else { return nil }
            let e = table.expressions[k]
            var env: [String: RDFTerm] = [:]
            for (i, v) in e.variables.enumerated() where i + 1 < values.count {
                if let t = term(values[i + 1]) { env[v] = t }
            }
            return Evaluator.eval(e.expression, env, fresh: table.freshBlank)
        }
        db.add(function: DatabaseFunction("sp_eval", argumentCount: nil, pure: false) { values in
            evaluate(values).map(table.id)
        })
        db.add(function: DatabaseFunction("sp_evalb", argumentCount: nil, pure: false) { values in
            evaluate(values).flatMap(Semantics.ebv).map { $0 ? 1 : 0 }
        })
        db.add(function: DatabaseFunction("sp_arith", argumentCount: 3, pure: true) { values in
            guard let a = term(values[1]), let b = term(values[2]) else { return nil }
            return Semantics.arithmetic(name(values[0]), a, b).map(table.id)
        })
        db.add(function: DatabaseFunction("sp_cmp", argumentCount: 3, pure: true) { values in
            guard let a = term(values[1]), let b = term(values[2]) else { return nil }
            return Semantics.compare(name(values[0]), a, b).map { $0 ? 1 : 0 }
        })
        db.add(function: DatabaseFunction("sp_ebv", argumentCount: 1, pure: true) { values in
            guard let a = term(values[0]) else { return nil }
            return Semantics.ebv(a).map { $0 ? 1 : 0 }
        })
        db.add(function: DatabaseFunction("sp_bool", argumentCount: 1, pure: true) { values in
            guard let b = Int64.fromDatabaseValue(values[0]) else { return nil }
            return table.id(.boolean(b != 0))
        })
        db.add(function: DatabaseFunction("sp_int", argumentCount: 1, pure: true) { values in
            guard let n = Int.fromDatabaseValue(values[0]) else { return nil }
            return table.id(Numeric.integer(n).term)
        })
        db.add(function: DatabaseFunction("sp_okey", argumentCount: 1, pure: true) { values in
            orderKey(term(values[0]))
        })
        db.add(function: DatabaseFunction("sp_agg", argumentCount: 3, pure: true) { values in
            let ids = (String.fromDatabaseValue(values[1]) ?? "").split(separator: ",").compactMap { Int64($0) }
            let terms = ids.compactMap(table.term)
            return aggregate(name(values[0]), terms, separator: name(values[2])).map(table.id)
        })
    }
}

/// A byte string whose memcmp order is SPARQL's ORDER BY order: unbound, blank nodes, IRIs,
/// numbers by value, then other literals by lexical form.
func orderKey(_ t: RDFTerm?) -> Data {
    var out = Data([UInt8(Semantics.orderClass(t))])
    guard let t else { return out }
    if let n = t.numeric {
        let d = n.asDouble
        let bits = d.bitPattern
        let key = d.sign == .minus ? ~bits : bits ^ 0x8000_0000_0000_0000
        withUnsafeBytes(of: key.bigEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: Array(t.datatype.utf8))
        return out
    }
    out.append(contentsOf: Array(t.value.utf8))
    out.append(0)
    out.append(contentsOf: Array(t.lang.utf8))
    out.append(0)
    out.append(contentsOf: Array(t.datatype.utf8))
    return out
}

func aggregate(_ name: String, _ terms: [RDFTerm], separator: String) -> RDFTerm? {
    switch name {
    case "sum", "avg":
        var total = RDFTerm.literal("0", datatype: XSD.integer)
        for t in terms {
            guard let s = Semantics.arithmetic("+", total, t) else { return nil }
            total = s
        }
        if name == "sum" { return total }
        if terms.isEmpty { return total }
        return Semantics.arithmetic("/", total, .literal(String(terms.count), datatype: XSD.integer))
    case "min", "max":
        guard var best = terms.first else { return nil }
        for t in terms.dropFirst() {
            let c = orderKey(t).lexicographicallyPrecedes(orderKey(best))
            if name == "min" ? c : (!c && orderKey(t) != orderKey(best)) { best = t }
        }
        return best
    case "sample":
        return terms.first
    case "group_concat":
        // SPARQL 1.1 §18.5.1.7: the result is a simple literal, whatever the inputs' tags.
        var parts: [String] = []
        for t in terms {
            guard t.isStringLike else { return nil }
            parts.append(t.value)
        }
        return .literal(parts.joined(separator: separator))
    default:
        return nil
    }
}
