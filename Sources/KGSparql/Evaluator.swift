/// Expressions evaluated in Swift in one SQL function call per row (`sp_eval`, `sp_evalb`):
/// `CONTAINS(LCASE(STR(?n)), "x")` is one call, and only its final value becomes a term id,
/// where a call per operator would intern every intermediate string.
struct SwiftExpression {
    let expression: Expression
    /// The variables the expression reads, in the order the SQL passes their columns.
    let variables: [String]
}

enum Evaluator {
    /// Whether `e` can be evaluated from its variables' values alone (no EXISTS).
    static func evaluable(_ e: Expression) -> Bool {
        switch e {
        case .variable, .constant: return true
        case .exists: return false
        case .or(let a, let b), .and(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b):
            return evaluable(a) && evaluable(b)
        case .not(let a), .negate(let a), .plus(let a): return evaluable(a)
        case .inList(let x, let list, _): return evaluable(x) && list.allSatisfy(evaluable)
        case .call(_, let args): return args.allSatisfy(evaluable)
        }
    }

    static func variables(_ e: Expression) -> [String] {
        var out: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .variable(let v): if !out.contains(v) { out.append(v) }
            case .constant, .exists: break
            case .or(let a, let b), .and(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b): walk(a); walk(b)
            case .not(let a), .negate(let a), .plus(let a): walk(a)
            case .inList(let x, let list, _): walk(x); list.forEach(walk)
            case .call(_, let args): args.forEach(walk)
            }
        }
        walk(e)
        return out
    }

    static let zero = RDFTerm.literal("0", datatype: XSD.integer)

    /// The value of `e`, nil for an error or an unbound variable (§17.2).
    static func eval(_ e: Expression, _ env: [String: RDFTerm], fresh: () -> String) -> RDFTerm? {
        func ev(_ x: Expression) -> RDFTerm? { eval(x, env, fresh: fresh) }
        func bool(_ x: Expression) -> Bool? { ev(x).flatMap(Semantics.ebv) }
        switch e {
        case .variable(let v): return env[v]
        case .constant(let t): return t
        case .or(let a, let b):
            let x = bool(a), y = bool(b)
            if x == true || y == true { return .boolean(true) }
            return x == false && y == false ? .boolean(false) : nil
        case .and(let a, let b):
            let x = bool(a), y = bool(b)
            if x == false || y == false { return .boolean(false) }
            return x == true && y == true ? .boolean(true) : nil
        case .not(let a): return bool(a).map { .boolean(!$0) }
        case .compare(let op, let a, let b):
            guard let x = ev(a), let y = ev(b) else { return nil }
            return Semantics.compare(op, x, y).map(RDFTerm.boolean)
        case .arithmetic(let op, let a, let b):
            guard let x = ev(a), let y = ev(b) else { return nil }
            return Semantics.arithmetic(op, x, y)
        case .negate(let a): return ev(a).flatMap { Semantics.arithmetic("-", zero, $0) }
        case .plus(let a): return ev(a).flatMap { $0.numeric != nil ? $0 : nil }
        case .inList(let x, let list, let negated):
            // True if any member is equal; else an error if any comparison was one; else false.
            guard let value = ev(x) else { return nil }
            var sawError = false
            for member in list {
                guard let m = ev(member), let eq = Semantics.equals(value, m) else { sawError = true; continue }
                if eq { return .boolean(!negated) }
            }
            return sawError ? nil : .boolean(negated)
        case .call(let name, let args):
            switch name {
            case "bound":
                if case .variable(let v) = args[0] { return .boolean(env[v] != nil) }
                return nil
            case "coalesce":
                for a in args { if let t = ev(a) { return t } }
                return nil
            case "if":
                guard let c = bool(args[0]) else { return nil }
                return ev(c ? args[1] : args[2])
            case "sameterm":
                guard let x = ev(args[0]), let y = ev(args[1]) else { return nil }
                return .boolean(x == y)
            default:
                return Functions.call(name, args.map(ev), freshBlank: fresh)
            }
        case .exists:
            return nil
        }
    }
}
