import Foundation

/// SPARQL built-in functions (§17.4) and XSD casts, over terms. `BOUND`, `COALESCE`, `IF`,
/// `sameTerm`, `EXISTS` and the logical operators never get here: they become SQL directly.
enum Functions {
    static func call(_ name: String, _ args: [RDFTerm?], freshBlank: () -> String) -> RDFTerm? {
        if name.contains(":") { return cast(name, args) }
        func a(_ k: Int) -> RDFTerm? { k < args.count ? args[k] : nil }
        switch name {
        case "str":
            guard let t = a(0), t.kind != .blank else { return nil }
            return .literal(t.value)
        case "lang":
            guard let t = a(0), t.kind == .literal else { return nil }
            return .literal(t.lang)
        case "datatype":
            guard let t = a(0), t.kind == .literal else { return nil }
            if !t.lang.isEmpty { return .iri(XSD.langString) }
            return .iri(t.datatype.isEmpty ? XSD.string : t.datatype)
        case "langmatches":
            guard let t = a(0), let r = a(1), t.isSimpleOrString, r.isSimpleOrString else { return nil }
            return .boolean(langMatches(t.value, r.value))
        case "iri":
            guard let t = a(0) else { return nil }
            if t.kind == .iri { return t }
            guard t.isSimpleOrString else { return nil }
            if let base = a(1), base.kind == .iri { return .iri(resolveIRI(t.value, against: base.value)) }
            return .iri(t.value)
        case "bnode":
            if args.isEmpty { return .blank(freshBlank()) }
            guard let t = a(0), t.isSimpleOrString else { return nil }
            return .blank("b" + stableKey(t.value))
        case "rand": return Numeric.double(Double.random(in: 0..<1)).term
        case "now":
            let f = ISO8601DateFormatter()
            return .literal(f.string(from: Date()), datatype: XSD.dateTime)
        case "uuid": return .iri("urn:uuid:" + UUID().uuidString.lowercased())
        case "struuid": return .literal(UUID().uuidString.lowercased())
        case "isiri": return a(0).map { .boolean($0.kind == .iri) }
        case "isblank": return a(0).map { .boolean($0.kind == .blank) }
        case "isliteral": return a(0).map { .boolean($0.kind == .literal) }
        case "isnumeric": return a(0).map { .boolean($0.numeric != nil) }
        case "abs", "ceil", "floor", "round":
            guard let n = a(0)?.numeric else { return nil }
            return rounding(name, n).term
        case "strlen":
            guard let t = a(0), t.isStringLike else { return nil }
            return Numeric.integer(t.value.unicodeScalars.count).term
        case "ucase", "lcase":
            guard let t = a(0), t.isStringLike else { return nil }
            return .literal(name == "ucase" ? t.value.uppercased() : t.value.lowercased(), datatype: t.datatype, lang: t.lang)
        case "encode_for_uri":
            guard let t = a(0), t.isStringLike else { return nil }
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
            return .literal(t.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? t.value)
        case "concat":
            var out = ""
            var lang: String? = nil
            var allString = true
            for (k, t) in args.enumerated() {
                guard let t, t.isStringLike else { return nil }
                out += t.value
                if k == 0 { lang = t.lang } else if lang != t.lang { lang = nil }
                if !t.datatype.isEmpty { allString = false }
            }
            _ = allString
            return .literal(out, lang: lang ?? "")
        case "contains", "strstarts", "strends", "strbefore", "strafter":
            guard let x = a(0), let y = a(1), compatible(x, y) else { return nil }
            switch name {
            case "contains": return .boolean(y.value.isEmpty || x.value.contains(y.value))
            case "strstarts": return .boolean(x.value.hasPrefix(y.value))
            case "strends": return .boolean(x.value.hasSuffix(y.value))
            case "strbefore":
                if y.value.isEmpty { return .literal("", datatype: x.datatype, lang: x.lang) }
                guard let r = x.value.range(of: y.value) else { return .literal("") }
                return .literal(String(x.value[..<r.lowerBound]), datatype: x.datatype, lang: x.lang)
            default:
                if y.value.isEmpty { return .literal(x.value, datatype: x.datatype, lang: x.lang) }
                guard let r = x.value.range(of: y.value) else { return .literal("") }
                return .literal(String(x.value[r.upperBound...]), datatype: x.datatype, lang: x.lang)
            }
        case "substr":
            guard let t = a(0), t.isStringLike, let s = a(1)?.numeric?.asDouble else { return nil }
            let chars = Array(t.value.unicodeScalars)
            let start = (s).rounded()
            let len = args.count > 2 ? (a(2)?.numeric?.asDouble.rounded() ?? .nan) : Double.infinity
            if len.isNaN || start.isNaN { return nil }
            var out = String.UnicodeScalarView()
            for (k, c) in chars.enumerated() {
                let pos = Double(k + 1)
                if pos >= start && pos < start + len { out.append(c) }
            }
            return .literal(String(out), datatype: t.datatype, lang: t.lang)
        case "strlang":
            guard let t = a(0), t.isSimpleOrString, let l = a(1), l.isSimpleOrString, !l.value.isEmpty else { return nil }
            return .literal(t.value, lang: l.value)
        case "strdt":
            guard let t = a(0), t.isSimpleOrString, let d = a(1), d.kind == .iri else { return nil }
            return .literal(t.value, datatype: d.value)
        case "regex":
            guard let t = a(0), t.isStringLike, let p = a(1), p.isSimpleOrString else { return nil }
            let flags = args.count > 2 ? a(2) : .literal("")
            guard let flags, flags.isSimpleOrString, let re = regex(p.value, flags.value) else { return nil }
            let range = NSRange(t.value.startIndex..., in: t.value)
            return .boolean(re.firstMatch(in: t.value, range: range) != nil)
        case "replace":
            guard let t = a(0), t.isStringLike, let p = a(1), p.isSimpleOrString, let r = a(2), r.isSimpleOrString else { return nil }
            let flags = args.count > 3 ? a(3) : .literal("")
            guard let flags, flags.isSimpleOrString, let re = regex(p.value, flags.value) else { return nil }
            let range = NSRange(t.value.startIndex..., in: t.value)
            let out = re.stringByReplacingMatches(in: t.value, range: range, withTemplate: r.value)
            return .literal(out, datatype: t.datatype, lang: t.lang)
        case "year", "month", "day", "hours", "minutes", "seconds", "timezone", "tz":
            guard let t = a(0), t.kind == .literal, t.datatype == XSD.dateTime || t.datatype == XSD.date else { return nil }
            return dateComponent(name, t.value)
        default:
            return nil
        }
    }

    static func stableKey(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    static func compatible(_ x: RDFTerm, _ y: RDFTerm) -> Bool {
        guard x.isStringLike, y.isStringLike else { return false }
        return y.lang.isEmpty || x.lang == y.lang
    }

    static func langMatches(_ tag: String, _ range: String) -> Bool {
        if range == "*" { return !tag.isEmpty }
        let t = tag.lowercased(), r = range.lowercased()
        return t == r || t.hasPrefix(r + "-")
    }

    static func regex(_ pattern: String, _ flags: String) -> NSRegularExpression? {
        var options: NSRegularExpression.Options = []
        for f in flags {
            switch f {
            case "i": options.insert(.caseInsensitive)
            case "s": options.insert(.dotMatchesLineSeparators)
            case "m": options.insert(.anchorsMatchLines)
            case "x": options.insert(.allowCommentsAndWhitespace)
            case "q": options.insert(.ignoreMetacharacters)
            default: return nil
            }
        }
        return try? NSRegularExpression(pattern: pattern, options: options)
    }

    static func rounding(_ name: String, _ n: Numeric) -> Numeric {
        switch n {
        case .integer(let i): return .integer(name == "abs" ? abs(i) : i)
        case .decimal(let d):
            var r = Decimal(), x = d
            switch name {
            case "abs": return .decimal(d < 0 ? -d : d)
            case "ceil": NSDecimalRound(&r, &x, 0, .up)
            case "floor": NSDecimalRound(&r, &x, 0, .down)
            default:
                // XPath's round goes half up (towards positive infinity).
                var y = d + Decimal(string: "0.5")!
                NSDecimalRound(&r, &y, 0, .down)
            }
            return .decimal(r)
        case .double(let d), .float(let d):
            let v: Double
            switch name {
            case "abs": v = abs(d)
            case "ceil": v = d.rounded(.up)
            case "floor": v = d.rounded(.down)
            default: v = (d + 0.5).rounded(.down)
            }
            if case .float = n { return .float(v) }
            return .double(v)
        }
    }

    static func dateComponent(_ name: String, _ v: String) -> RDFTerm? {
        let datePart = v.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard datePart.count == 3 else { return nil }
        var time = ""
        var zone: String? = nil
        if let t = v.firstIndex(of: "T") {
            time = String(v[v.index(after: t)...])
        } else {
            time = String(v.dropFirst(10))
        }
        if time.hasSuffix("Z") { zone = "Z"; time.removeLast() } else if time.count >= 6, let s = time.suffix(6).first, s == "+" || s == "-" {
            zone = String(time.suffix(6)); time.removeLast(6)
        }
        let hms = time.split(separator: ":").map(String.init)
        switch name {
        case "year": return Numeric.integer(datePart[0]).term
        case "month": return Numeric.integer(datePart[1]).term
        case "day": return Numeric.integer(datePart[2]).term
        case "hours": return hms.count == 3 ? Int(hms[0]).map { Numeric.integer($0).term } : nil
        case "minutes": return hms.count == 3 ? Int(hms[1]).map { Numeric.integer($0).term } : nil
        case "seconds": return hms.count == 3 ? Decimal(string: hms[2]).map { Numeric.decimal($0).term } : nil
        case "tz": return .literal(zone ?? "")
        default:
            guard let zone else { return nil }
            if zone == "Z" { return .literal("PT0S", datatype: XSD.ns + "dayTimeDuration") }
            let sign = zone.hasPrefix("-") ? "-" : ""
            let parts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            var s = sign + "PT" + (parts[0] > 0 ? "\(parts[0])H" : "")
            if parts[1] > 0 { s += "\(parts[1])M" }
            if parts[0] == 0 && parts[1] == 0 { s = "PT0S" }
            return .literal(s, datatype: XSD.ns + "dayTimeDuration")
        }
    }

    /// XSD casts: `xsd:integer(?x)` and friends (§17.5).
    static func cast(_ datatype: String, _ args: [RDFTerm?]) -> RDFTerm? {
        guard args.count == 1, let t = args[0] else { return nil }
        if t.kind == .blank { return nil }
        if t.kind == .iri { return datatype == XSD.string ? .literal(t.value) : nil }
        let v = t.value.trimmingCharacters(in: .whitespaces)
        switch datatype {
        case XSD.string: return .literal(t.value)
        case XSD.boolean:
            if let n = t.numeric { return .boolean(n.asDouble != 0 && !n.asDouble.isNaN) }
            guard t.isSimpleOrString || t.datatype == XSD.boolean else { return nil }
            switch v { case "true", "1": return .boolean(true); case "false", "0": return .boolean(false); default: return nil }
        case XSD.integer:
            if t.datatype == XSD.boolean { return t.booleanValue.map { Numeric.integer($0 ? 1 : 0).term } }
            if let n = t.numeric {
                switch n {
                case .integer(let i): return Numeric.integer(i).term
                case .decimal(let d):
                    var r = Decimal(), x = d
                    NSDecimalRound(&r, &x, 0, d < 0 ? .up : .down)
                    return .literal(NSDecimalNumber(decimal: r).stringValue, datatype: XSD.integer)
                case .double(let d), .float(let d):
                    guard d.isFinite, abs(d) < 9.2e18 else { return nil }
                    return Numeric.integer(Int(d)).term
                }
            }
            guard t.isSimpleOrString else { return nil }
            let probe = RDFTerm.literal(v, datatype: XSD.integer)
            return probe.numeric.map { _ in probe }
        case XSD.decimal:
            if t.datatype == XSD.boolean { return t.booleanValue.map { Numeric.decimal($0 ? 1 : 0).term } }
            if let n = t.numeric {
                if case .double(let d) = n, !d.isFinite { return nil }
                if case .float(let d) = n, !d.isFinite { return nil }
                return Numeric.decimal(n.asDecimal).term
            }
            guard t.isSimpleOrString, !v.contains("e"), !v.contains("E") else { return nil }
            return RDFTerm.literal(v, datatype: XSD.decimal).numeric.map { $0.term }
        case XSD.double, XSD.float:
            let make: (Double) -> RDFTerm = { datatype == XSD.double ? Numeric.double($0).term : Numeric.float($0).term }
            if t.datatype == XSD.boolean { return t.booleanValue.map { make($0 ? 1 : 0) } }
            if let n = t.numeric { return make(n.asDouble) }
            guard t.isSimpleOrString else { return nil }
            return RDFTerm.literal(v, datatype: XSD.double).numeric.map { make($0.asDouble) }
        case XSD.dateTime:
            guard t.isSimpleOrString || t.datatype == XSD.dateTime, Semantics.dateSeconds(v) != nil, v.contains("T") else { return nil }
            return .literal(v, datatype: XSD.dateTime)
        default:
            return nil
        }
    }
}
