import KGModel
import KGText

/// State bodies named by pattern: "Russian peacekeepers", "Russia’s Defense Ministry",
/// "Ministry of Defense of the Russian Federation", "armed forces of Azerbaijan",
/// "102nd Russian military base". One state and one unit make one identity, so the many ways
/// news names a ministry or an army become one entity.
extension MentionFinder {
    func agencyKey(state: String?, unit: String) -> String {
        // Written into one new string (`concatenated`): four `+` made four strings (about 2,000 instructions a key).
        let unit = Self.lowercasedUnit(unit)
        guard let state else { return concatenated("agency:?", doc.id, "|", unit) }
        return concatenated("agency:", state, "|", unit)
    }

    /// `unit.lowercased()`; units are lexicon values, lowercase ASCII already, and for those
    /// the call (about 400 instructions) is the string itself.
    static func lowercasedUnit(_ unit: String) -> String {
        let lowerASCII = unit.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } }
        return lowerASCII == true ? unit : unit.lowercased()
    }

    /// `function` with each word but "of", "and", "the" and "for" capitalized, as
    /// `split(separator: " ")` and `prefix(1).uppercased()` made it; for ASCII, on bytes:
    /// splitting by Characters cost about 3,600 instructions a name.
    static func titleCasedFunction(_ function: Substring) -> String {
        func isSmall(_ w: Substring) -> Bool { w == "of" || w == "and" || w == "the" || w == "for" }
        guard utf8IsASCII(function) else {
            return function.split(separator: " ")
                .map { isSmall($0) ? String($0) : $0.prefix(1).uppercased() + $0.dropFirst() }
                .joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(function.utf8.count)
        for word in function.utf8.split(separator: 0x20) {
            if !out.isEmpty { out.append(0x20) }
            let small = isSmall(Substring(decoding: word, as: UTF8.self))
            for (n, b) in word.enumerated() {
                out.append(n == 0 && !small && b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func agencyName(state: String?, unit: String, surface: String) -> String {
        guard let state else { return surface }
        let demonym = lex.demonymOf[state] ?? state
        if unit.hasPrefix("ministry of ") {
            // "ministry of defense" → "Ministry of Defense": the unit key is lowercase.
            return "\(demonym) Ministry of \(Self.titleCasedFunction(unit.dropFirst("ministry of ".count)))"
        }
        return concatenated(demonym, " ", unit)
    }

    func unitCandidate(_ r: Range<Int>, state: String?, unit: String, priority: Int = 4) -> Candidate {
        let surface = text(r)
        var c = make(r, .agency, key: agencyKey(state: state, unit: unit),
                     name: agencyName(state: state, unit: unit, surface: surface), priority: priority)
        c.ownerState = state
        return c
    }

    /// The longest force noun or "<function> ministry" starting at `i`: its unit and end.
    func forceNoun(at i: Int) -> (String, Int)? {
        guard i < tokens.count, flags[i].contains(.unitFirstWord) else { return nil }
        // No unit of more words than the longest starting with this word: the flag covers
        // ministry functions too, and each phrase lookup hashes a key.
        let longest = lex.forceNouns.longest(from: ids[i])
        for n in stride(from: min(3, tokens.count - i, longest), through: 1, by: -1) {
            if let unit = lex.forceNouns[ids: ids[i..<(i + n)]] { return (unit, i + n) }
        }
        if let (function, end) = ministryFunction(at: i), end < tokens.count, lower[end] == "ministry" {
            return ("ministry of " + function, end + 1)
        }
        return nil
    }

    func ministryFunction(at i: Int) -> (String, Int)? {
        guard i < tokens.count, flags[i].contains(.unitFirstWord) else { return nil }
        let longest = lex.ministryFunctionTable.longest(from: ids[i])
        for n in stride(from: min(3, tokens.count - i, longest), through: 1, by: -1) {
            if let f = lex.ministryFunctionTable[ids: ids[i..<(i + n)]] { return (f, i + n) }
        }
        return nil
    }

    /// "of [the] <state>" at `i`: the state and the index after it.
    func ofState(at i: Int) -> (String, Int)? {
        guard i < tokens.count, lower[i] == "of" else { return nil }
        var j = i + 1
        if j < tokens.count, lower[j] == "the" { j += 1 }
        guard j < tokens.count, let (state, end) = stateQualifier(at: j), !isPossessive(end - 1) else { return nil }
        return (state, end)
    }

    func agencyMatches(at i: Int, into out: inout [Candidate]) {
        // Every pattern below starts with a capitalized word, a unit's first word or an
        // ordinal: other words (most) are answered here, before any lookup.
        let firstByte = tokens[i].isCapitalized || flags[i].contains(.unitFirstWord) ? nil : tokens[i].text.utf8.first
        if let b = firstByte, !(b >= 0x30 && b <= 0x39) { return }
        // An ordinal opens a numbered unit: "102nd Russian military base".
        var start = i
        var ordinal: String?
        // The first byte answers "starts with an ASCII digit" without decoding a scalar.
        if let first = tokens[i].text.utf8.first, first >= 0x30, first <= 0x39,
           ["st", "nd", "rd", "th"].contains(where: { tokens[i].lowercased.hasSuffix($0) }) {
            ordinal = tokens[i].text
            start = i + 1
        }
        guard start < tokens.count else { return }

        // <state qualifier> <force noun | function ministry | Ministry of function>
        if let (state, j) = stateQualifier(at: start), j < tokens.count {
            if let (unit, end) = forceNoun(at: j), !tokens[j].isCapitalized || unit.hasPrefix("ministry") || tokens[j].isCapitalized {
                let u = ordinal.map { "\(unit) \($0)" } ?? unit
                var c = unitCandidate(i..<end, state: state, unit: u)
                c.ownerTokens = start..<j
                if let ordinal { c.name = "\(ordinal) \(agencyName(state: state, unit: unit, surface: c.surface))" }
                out.append(c)
            } else if lower[j] == "ministry", let (function, end) = ministryFunction(at: j + 2), lower[j + 1] == "of" {
                var c = unitCandidate(i..<end, state: state, unit: "ministry of " + function)
                c.ownerTokens = start..<j
                out.append(c)
            }
        }
        guard ordinal == nil else { return }

        // Ministry of <function> [of <state>]
        if tokens[i].text == "Ministry", i + 1 < tokens.count, lower[i + 1] == "of",
           let (function, end) = ministryFunction(at: i + 2) {
            if let (state, stateEnd) = ofState(at: end) {
                out.append(unitCandidate(i..<stateEnd, state: state, unit: "ministry of " + function))
            } else {
                out.append(unitCandidate(i..<end, state: nil, unit: "ministry of " + function, priority: 3))
            }
        }
        // <Function> Ministry, without a state: resolved to the document's ministry later.
        if tokens[i].isCapitalized, let (function, end) = ministryFunction(at: i), end < tokens.count, lower[end] == "ministry" {
            out.append(unitCandidate(i..<(end + 1), state: nil, unit: "ministry of " + function, priority: 3))
        }
        // <force noun> of [the] <state>: "armed forces of Azerbaijan"
        // The flag asked here first: most words are no unit, and the call cost more than the test.
        if flags[i].contains(.unitFirstWord), let (unit, end) = forceNoun(at: i), let (state, stateEnd) = ofState(at: end) {
            var s = i
            // "illegal armed formations of Armenia": keep a lowercase modifier before it.
            if i > 0, tokens[i - 1].kind == .word, !tokens[i - 1].isCapitalized, lower[i - 1] == "illegal" { s = i - 1 }
            out.append(unitCandidate(s..<stateEnd, state: state, unit: unit))
        }
    }

    /// Capitalized phrases ending in an organization or agency head: "Main Intelligence
    /// Directorate", "State Security Service of Azerbaijan", "Valdai discussion club".
    func headedPhrase(at i: Int, into out: inout [Candidate]) {
        guard tokens[i].kind == .word, tokens[i].isCapitalized, !isStopName(i) else { return }
        if i > 0, tokens[i - 1].isCapitalized, !isPossessive(i - 1) { return }
        var best: Candidate?
        var j = i
        var lowercaseRun = 0
        let c = words.connectors
        while j < tokens.count, j - i < 8 {
            // Fields read in place: a copy of the token retained and released its two strings.
            if tokens[j].kind != .word { break }
            let capitalized = tokens[j].isCapitalized
            if !capitalized {
                // "Ministry of Defense and the State Security Service": a coordination of two
                // complete names is two bodies, not one.
                if isWord(j, c.and, "and"), (j + 1 < tokens.count && isWord(j + 1, c.the, "the"))
                    || (i..<j).contains(where: { isIn([.agencyHead, .organizationHead], $0) }) {
                    break
                }
                // Compared in turn, as the array literal's `contains` did, without the array;
                // by id (`isWord`).
                if isWord(j, c.of, "of") || isWord(j, c.and, "and") || isWord(j, c.for, "for")
                    || isWord(j, c.the, "the") || isWord(j, c.on, "on") {
                    j += 1
                    continue
                }
                // Lowercase words may only be modifiers of the head ("Valdai discussion club"),
                // never the verbs and articles of a clause ("Russia has a base").
                lowercaseRun += 1
                // Speech verbs by their `WordFlags` bit, the other lists by `MentionWords`.
                if lowercaseRun > 2 || flags[j].contains(.speechVerb) || isIn([.clauseWord, .actorVerb, .oneWordTrigger], j) { break }
            }
            let isAgency = isIn(.agencyHead, j)
            // A lowercase head ("Valdai discussion club") only follows an unknown proper name; after
            // a state it is ordinary prose ("Armenia several times").
            // Lowercase "news" or "media" describes the name before it ("Ukrainska Pravda news site").
            // Asked last, of heads only: hashing every lowercase word of the window into
            // `describingHeads` cost more than the rest of the walk.
            if (isAgency || isIn(.organizationHead, j)), j > i,
               capitalized || (lex.gazetteer.oneWord(ids[i]) == nil && lex.demonyms.oneWord(ids[i]) == nil
                               && !lex.describingHeads.contains(lower[j])) {
                let r = i..<(j + 1)
                let name = text(r)
                let qualifier = stateQualifier(at: i)
                var owner: String? = qualifier?.0
                // "Russia’s Southern Military District": the possessive before the name gives the state.
                if owner == nil, isAgency, i >= 2, isPossessive(i - 1), let (state, end) = stateQualifier(at: i - 2), end == i {
                    owner = state
                }
                var end = j + 1
                if let (state, stateEnd) = ofState(at: end), isAgency {
                    owner = state
                    end = stateEnd
                }
                let full = i..<end
                var c = make(full, isAgency ? .agency : .organization,
                             key: (isAgency ? "agency:" : "org:") + normalizeKey(text(full)),
                             name: end > j + 1 ? text(full) : name, priority: 2)
                c.ownerState = owner
                if owner != nil, owner == qualifier?.0, let q = qualifier { c.ownerTokens = i..<q.1 }
                best = c
            }
            j += 1
        }
        if let best { out.append(best) }
    }
}
