import Foundation

/// SPARQL operator and function semantics over RDF terms (§17). These run in Swift, called
/// from SQLite as SQL functions; a nil result is an expression error (unbound in BIND, false
/// in FILTER).

enum Numeric {
    case integer(Int)
    case decimal(Decimal)
    case double(Double)
    case float(Double)

    var rank: Int {
        switch self { case .integer: 0; case .decimal: 1; case .float: 2; case .double: 3 }
    }

    var asDouble: Double {
        switch self {
        case .integer(let i): Double(i)
        case .decimal(let d): NSDecimalNumber(decimal: d).doubleValue
        case .double(let d), .float(let d): d
        }
    }

    var asDecimal: Decimal {
        switch self {
        case .integer(let i): Decimal(i)
        case .decimal(let d): d
        case .double(let d), .float(let d): Decimal(d)
        }
    }

    func promoted(to rank: Int) -> Numeric {
        switch rank {
        case 0: return self
        case 1: return .decimal(asDecimal)
        case 2: return .float(asDouble)
        default: return .double(asDouble)
        }
    }

    var term: RDFTerm {
        switch self {
        case .integer(let i): return .literal(String(i), datatype: XSD.integer)
        case .decimal(let d): return .literal(decimalLexical(d), datatype: XSD.decimal)
        case .double(let d): return .literal(doubleLexical(d), datatype: XSD.double)
        case .float(let d): return .literal(doubleLexical(d), datatype: XSD.float)
        }
    }
}

func decimalLexical(_ d: Decimal) -> String {
    var s = NSDecimalNumber(decimal: d).stringValue
    if !s.contains(".") { s += ".0" }
    return s
}

func doubleLexical(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-INF" : "INF" }
    // Canonical xsd:double: mantissa with one digit before the point, then E and the exponent.
    if d == 0 { return d.sign == .minus ? "-0.0E0" : "0.0E0" }
    let exponent = Int(floor(log10(abs(d))))
    var mantissa = d / pow(10, Double(exponent))
    var e = exponent
    if abs(mantissa) >= 10 { mantissa /= 10; e += 1 }
    var m = String(mantissa)
    if !m.contains(".") { m += ".0" }
    return "\(m)E\(e)"
}

let integerDerived: Set<String> = Set(["integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                        "unsignedShort", "unsignedByte"].map { XSD.ns + $0 })

extension RDFTerm {
    var isNumericLiteral: Bool { numeric != nil }

    var numeric: Numeric? {
        guard kind == .literal, lang.isEmpty else { return nil }
        let v = value.trimmingCharacters(in: .whitespaces)
        if integerDerived.contains(datatype) {
            guard !v.isEmpty, v.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") }) else { return nil }
            if let i = Int(v.hasPrefix("+") ? String(v.dropFirst()) : v) { return .integer(i) }
            return Decimal(string: v).map { .decimal($0) }
        }
        switch datatype {
        case XSD.decimal:
            guard !v.isEmpty, v.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.".contains($0)) }),
                  v.filter({ $0 == "." }).count <= 1, v.contains(where: \.isNumber) else { return nil }
            return Decimal(string: v).map { .decimal($0) }
        case XSD.double, XSD.float:
            let d: Double?
            switch v {
            case "INF", "+INF": d = .infinity
            case "-INF": d = -.infinity
            case "NaN": d = .nan
            default:
                d = v.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) ? Double(v) : nil
            }
            guard let d else { return nil }
            return datatype == XSD.double ? .double(d) : .float(d)
        default:
            return nil
        }
    }

    var isSimpleOrString: Bool { kind == .literal && lang.isEmpty && datatype.isEmpty }
    var isStringLike: Bool { kind == .literal && (datatype.isEmpty) }

    var booleanValue: Bool? {
        guard kind == .literal, datatype == XSD.boolean else { return nil }
        switch value { case "true", "1": return true; case "false", "0": return false; default: return nil }
    }

    static func boolean(_ b: Bool) -> RDFTerm { .literal(b ? "true" : "false", datatype: XSD.boolean) }
}

enum Semantics {
    /// Effective boolean value (§17.2.2).
    static func ebv(_ t: RDFTerm) -> Bool? {
        guard t.kind == .literal else { return nil }
        if t.datatype == XSD.boolean { return t.booleanValue.map { $0 } ?? false }
        if t.isStringLike && t.lang.isEmpty { return !t.value.isEmpty }
        if let n = t.numeric {
            switch n {
            case .integer(let i): return i != 0
            case .decimal(let d): return d != 0
            case .double(let d), .float(let d): return !(d == 0 || d.isNaN)
            }
        }
        if integerDerived.contains(t.datatype) || [XSD.decimal, XSD.double, XSD.float].contains(t.datatype) { return false }
        return nil
    }

    /// `=`, `!=`, `<`, ... with SPARQL's operator mapping; nil is a type error.
    static func compare(_ op: String, _ a: RDFTerm, _ b: RDFTerm) -> Bool? {
        if op == "=" || op == "!=" {
            guard let eq = equals(a, b) else { return nil }
            return op == "=" ? eq : !eq
        }
        guard let c = order(a, b) else { return nil }
        switch op {
        case "<": return c < 0
        case ">": return c > 0
        case "<=": return c <= 0
        default: return c >= 0
        }
    }

    static func equals(_ a: RDFTerm, _ b: RDFTerm) -> Bool? {
        if let x = a.numeric, let y = b.numeric { return compareNumbers(x, y).map { $0 == 0 } }
        if a == b { return true }
        guard a.kind == .literal && b.kind == .literal else { return false }
        if !a.lang.isEmpty || !b.lang.isEmpty { return false }
        if a.datatype.isEmpty && b.datatype.isEmpty { return a.value == b.value }
        if a.datatype == XSD.boolean && b.datatype == XSD.boolean, let x = a.booleanValue, let y = b.booleanValue { return x == y }
        if a.datatype == b.datatype && [XSD.dateTime, XSD.date].contains(a.datatype) {
            if let c = order(a, b) { return c == 0 }
            return nil
        }
        // Values of two different known types are simply unequal; an ill-typed literal or an
        // unknown datatype cannot be compared by value, which is an error.
        func family(_ t: RDFTerm) -> String? {
            if t.datatype.isEmpty { return "string" }
            if t.numeric != nil { return "numeric" }
            if t.datatype == XSD.boolean && t.booleanValue != nil { return "boolean" }
            if [XSD.dateTime, XSD.date].contains(t.datatype) && dateSeconds(t.value) != nil { return t.datatype }
            return nil
        }
        if let f = family(a), let g = family(b), f != g { return false }
        return nil
    }

    static func compareNumbers(_ x: Numeric, _ y: Numeric) -> Int? {
        let r = max(x.rank, y.rank)
        switch (x.promoted(to: r), y.promoted(to: r)) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.decimal(let a), .decimal(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        default:
            let a = x.asDouble, b = y.asDouble
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        }
    }

    /// Order for `<` and friends: numbers, strings (same language), booleans, dates.
    static func order(_ a: RDFTerm, _ b: RDFTerm) -> Int? {
        if let x = a.numeric, let y = b.numeric { return compareNumbers(x, y) }
        guard a.kind == .literal, b.kind == .literal else { return nil }
        if a.isSimpleOrString && b.isSimpleOrString { return lexical(a.value, b.value) }
        if !a.lang.isEmpty && a.lang == b.lang { return lexical(a.value, b.value) }
        if a.datatype == XSD.boolean && b.datatype == XSD.boolean, let x = a.booleanValue, let y = b.booleanValue {
            return x == y ? 0 : (x ? 1 : -1)
        }
        if a.datatype == b.datatype && [XSD.dateTime, XSD.date].contains(a.datatype) {
            guard let x = dateSeconds(a.value), let y = dateSeconds(b.value) else { return nil }
            // A value without a time zone lies anywhere within ±14 hours (XSD §3.2.7.4): the
            // order is known only if the two intervals do not overlap.
            if hasZone(a.value) != hasZone(b.value) {
                let wa = hasZone(a.value) ? 0.0 : 50_400, wb = hasZone(b.value) ? 0.0 : 50_400
                if x + wa < y - wb { return -1 }
                if x - wa > y + wb { return 1 }
                return nil
            }
            return x < y ? -1 : (x > y ? 1 : 0)
        }
        return nil
    }

    static func lexical(_ a: String, _ b: String) -> Int {
        // Code point order, as XPath's default collation.
        let x = Array(a.unicodeScalars).map(\.value), y = Array(b.unicodeScalars).map(\.value)
        return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
    }

    static func hasZone(_ s: String) -> Bool {
        if s.hasSuffix("Z") { return true }
        let tail = s.suffix(6)
        return tail.count == 6 && (tail.first == "+" || (tail.first == "-" && s.count > 10)) && tail.dropFirst(3).first == ":"
    }

    static func dateSeconds(_ s: String) -> Double? {
        // yyyy-mm-dd[Thh:mm:ss[.fff]][Z|+hh:mm]
        let scalars = Array(s)
        guard scalars.count >= 10 else { return nil }
        let neg = s.hasPrefix("-")
        let body = neg ? String(s.dropFirst()) : s
        let parts = body.split(separator: "T", maxSplits: 1).map(String.init)
        let ymd = parts[0].prefix(10).split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3 else { return nil }
        var secs = Double(daysFromCivil(neg ? -ymd[0] : ymd[0], ymd[1], ymd[2])) * 86400
        var rest = parts.count > 1 ? parts[1] : String(parts[0].dropFirst(10))
        var tz = 0.0
        if rest.hasSuffix("Z") { rest.removeLast() } else if rest.count >= 6 {
            let t = rest.suffix(6)
            if t.first == "+" || t.first == "-", t.dropFirst().split(separator: ":").count == 2 {
                let hm = t.dropFirst().split(separator: ":").compactMap { Double($0) }
                tz = (hm[0] * 60 + hm[1]) * 60 * (t.first == "-" ? -1 : 1)
                rest.removeLast(6)
            }
        }
        if parts.count > 1 {
            let hms = rest.split(separator: ":").compactMap { Double($0) }
            guard hms.count == 3 else { return nil }
            secs += hms[0] * 3600 + hms[1] * 60 + hms[2]
        }
        return secs - tz
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func arithmetic(_ op: String, _ a: RDFTerm, _ b: RDFTerm) -> RDFTerm? {
        guard let x = a.numeric, let y = b.numeric else { return nil }
        var r = max(x.rank, y.rank)
        if op == "/" && r == 0 { r = 1 }
        switch (x.promoted(to: r), y.promoted(to: r)) {
        case (.integer(let p), .integer(let q)):
            let (v, overflow): (Int, Bool)
            switch op {
            case "+": (v, overflow) = p.addingReportingOverflow(q)
            case "-": (v, overflow) = p.subtractingReportingOverflow(q)
            default: (v, overflow) = p.multipliedReportingOverflow(by: q)
            }
            return overflow ? Numeric.decimal(Decimal(p) + Decimal(q)).term : Numeric.integer(v).term
        case (.decimal(let p), .decimal(let q)):
            switch op {
            case "+": return Numeric.decimal(p + q).term
            case "-": return Numeric.decimal(p - q).term
            case "*": return Numeric.decimal(p * q).term
            default: return q == 0 ? nil : Numeric.decimal(p / q).term
            }
        default:
            let p = x.asDouble, q = y.asDouble
            let v: Double
            switch op { case "+": v = p + q; case "-": v = p - q; case "*": v = p * q; default: v = p / q }
            return r == 2 ? Numeric.float(v).term : Numeric.double(v).term
        }
    }

    /// Order of ORDER BY (§15.1): unbound, blank nodes, IRIs, then literals.
    static func orderClass(_ t: RDFTerm?) -> Int {
        guard let t else { return 0 }
        switch t.kind { case .blank: return 1; case .iri: return 2; case .literal: return t.numeric != nil ? 3 : 4 }
    }
}
