import KGModel
import KGText

/// Officials found by their titles, and the capitalized names no other matcher claimed.
extension MentionFinder {
    /// A title at `i`: the role as written and the index after it. Handles "Maj. Gen.".
    func title(at i: Int) -> (String, Int)? {
        // Neither a title nor a rank abbreviation starts here (most words): both loops below
        // would find nothing.
        guard mayStartTitle(i) else { return nil }
        let titleLongest = lex.titleTable.longest(from: ids[i])
        // Longest first, as `lex.titles` lists them.
        for n in stride(from: min(titleLongest, tokens.count - i), through: 1, by: -1)
        where lex.titleTable[ids: ids[i..<(i + n)]] != nil {
            return (text(i..<(i + n)), i + n)
        }
        // Abbreviated ranks: "Maj. Gen.", "Lt. Col."
        var j = i
        var ranks: [String] = []
        // The length first: comparing each next word's text with "." cost more than the rest.
        while j + 1 < tokens.count, tokens[j + 1].end - tokens[j + 1].start == 1, tokens[j + 1].text == ".", let full = lex.raw.rankAbbreviations[lower[j]] {
            ranks.append(full)
            j += 2
        }
        guard !ranks.isEmpty else { return nil }
        return (ranks.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " "), j)
    }

    /// Whether a title or a rank abbreviation ("Maj." needs a one-scalar next token) may start at `i`.
    @inline(__always)
    func mayStartTitle(_ i: Int) -> Bool {
        lex.titleTable.longest(from: ids[i]) > 0 || (i + 1 < tokens.count && tokens[i + 1].end - tokens[i + 1].start == 1)
    }

    /// Name tokens at `i`: capitalized words that are not themselves states or stop words.
    func nameTokens(at i: Int, max: Int = 4) -> Range<Int>? {
        var j = i
        while j < tokens.count, j - i < max, tokens[j].kind == .word, tokens[j].isCapitalized,
              !isNotPersonName(j), lex.demonyms.oneWord(ids[j]) == nil,
              tokens[j].end - tokens[j].start > 1 {  // its scalar count, without walking the text
            // One gazetteer lookup for both kinds that end a name.
            let kind = lex.gazetteer.oneWord(ids[j])
            if case .state? = kind { break }
            if case .organization? = kind { break }
            j += 1
        }
        return j > i ? i..<j : nil
    }

    /// "[Azerbaijan] President Ilham Aliyev", "Foreign Ministry spokesperson Ani Badalyan",
    /// "Maj. Gen. Zemskov": the name is the mention; the title gives the role.
    func titledName(at i: Int) -> Candidate? {
        guard let (role, end) = title(at: i), let name = nameTokens(at: end) else { return nil }
        // A title inside a longer capitalized phrase is part of a name, not an office ("General Assembly").
        if lower[end - 1] == "general", name.count == 1, lex.agencyHeads.contains(lower[name.lowerBound]) { return nil }
        let personName = text(name)
        var c = make(name, .official, key: "person:" + normalizeKey(personName), name: personName, priority: 5)
        c.role = role.prefix(1).uppercased() + role.dropFirst()
        c.titleTokens = i..<end
        var s = i
        if let (state, _) = i > 0 ? stateQualifierEnding(at: i) : nil {
            c.ownerState = state.0
            s = state.1
            c.ownerTokens = s..<i
        }
        c.extraAliases = [text(s..<name.upperBound)]
        return c
    }

    /// A demonym or state name ending just before `i`: the state and where it starts.
    func stateQualifierEnding(at i: Int) -> ((String, Int), Int)? {
        for n in 1...3 where i - n >= 0 {
            if let (state, end) = stateQualifier(at: i - n), end == i { return ((state, i - n), i - n) }
        }
        return nil
    }

    /// Capitalized runs nobody claimed, classified by context: a person after "photographer",
    /// a place after "village of" or before "region", a person before "said", a website by its
    /// domain. A lone capitalized word with no such cue is left alone: too often it is just the
    /// first word of a sentence or a common noun in a headline.
    /// `taken`: the chosen mentions' tokens (`resolveOverlaps`); their titles are added here.
    /// One array for both passes, where each allocated and filled its own.
    func fallbackNames(excluding chosen: [Candidate], taken: inout [Bool]) -> [Candidate] {
        for c in chosen {
            for t in c.titleTokens ?? 0..<0 { taken[t] = true }
        }
        // A headline in Title Case capitalizes every word; its capitals say nothing about names.
        // Counted, not filtered into an array of tokens: that copy cost more than the rest.
        var longWords = 0, capitalizedWords = 0
        for k in tokens.indices where tokens[k].kind == .word && tokens[k].end - tokens[k].start > 3 {  // scalars, as offsets count them
            longWords += 1
            if tokens[k].isCapitalized { capitalizedWords += 1 }
        }
        let isHeadline = longWords >= 4 && capitalizedWords * 10 >= longWords * 7
        var out: [Candidate] = []
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard !taken[i], tokens[i].kind == .word else { continue }
            // A domain has at least four Characters, so four scalars: shorter words skip the call.
            // Its period asked here too (an inlined byte scan): the call cost about 115 instructions a word.
            let domain = tokens[i].end - tokens[i].start >= 4 && utf8Has(tokens[i].text, UInt8(ascii: ".")) && isDomain(tokens[i].text)
            guard !isHeadline || domain else { continue }
            if domain {
                out.append(make(i..<(i + 1), .organization, key: "org:" + normalizeKey(tokens[i].text),
                                name: tokens[i].text, priority: 1))
                continue
            }
            guard tokens[i].isCapitalized, !isNotPersonName(i), !(lower[i].utf8.last == UInt8(ascii: "s") && lex.isPeople(lower[i])),
                  lex.demonyms.oneWord(ids[i]) == nil, !isIn(.oneWordTrigger, i) else { continue }
            var j = i
            while j < tokens.count, !taken[j], tokens[j].kind == .word, tokens[j].isCapitalized,
                  !isNotPersonName(j), lex.demonyms.oneWord(ids[j]) == nil, j - i < 4 { j += 1 }
            let r = i..<j
            i = j - 1
            if let c = classify(r) { out.append(c) }
        }
        return out
    }

    func isDomain(_ s: String) -> Bool {
        // Asked of every word: most have no period, and that answers it without splitting.
        // A domain has at least four Characters ("a.bc"), so at least four bytes.
        guard s.utf8.count >= 4, utf8Has(s, UInt8(ascii: ".")) else { return false }
        let parts = s.split(separator: ".")
        guard parts.count >= 2, let tld = parts.last, (2...4).contains(tld.count),
              tld.allSatisfy({ $0.isLowercase }) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }

    func classify(_ r: Range<Int>) -> Candidate? {
        // "the Directorate said": a body's head noun alone is a reference, not a name.
        if r.contains(where: { isIn([.agencyHead, .organizationHead], $0) }) { return nil }
        // An acronym alone ("HUR said") names a body, never a person; Coreference resolves it.
        if r.count == 1, isAcronymToken(tokens[r.lowerBound]) { return nil }
        let name = text(r)
        let prev = r.lowerBound > 0 ? lower[r.lowerBound - 1] : ""
        let prev2 = r.lowerBound > 1 ? lower[r.lowerBound - 2] : ""
        let next = r.upperBound < tokens.count ? lower[r.upperBound] : ""
        // Made only as returned: both made up front cost two keys and two candidates per name.
        var person: Candidate { make(r, .person, key: "person:" + normalizeKey(name), name: name, priority: 1) }
        var place: Candidate { make(r, .place, key: "place:" + normalizeKey(name), name: name, priority: 1) }
        if lex.personCues.contains(prev) { return person }
        if prev == "of", lex.placeCues.contains(prev2) { return place }
        if ["region", "province", "district", "oblast", "village", "town", "city", "settlement"].contains(next) {
            var c = place
            c.extraAliases = [name + " " + tokens[r.upperBound].text]
            return c
        }
        if ["corridor", "pass"].contains(next) {
            let full = r.lowerBound..<(r.upperBound + 1)
            return make(full, .place, key: "place:" + normalizeKey(text(full)), name: text(full), priority: 1)
        }
        if lex.speechVerbs.contains(next) || (prev == "," && r.upperBound == tokens.count - 1) {
            return person
        }
        // "in Khndzoresk", "near Togh", "next to Tegh"; a bare "to" is too often a recipient.
        let locative = prev == "to" ? ["next", "close", "near"].contains(prev2) : lex.locativePrepositions.contains(prev)
            // "air strikes on Rafah", "the offensive against Avdiivka": the target of an attack word.
            || (["on", "against"].contains(prev) && lex.triggers[[prev2]] != nil)
        if locative, r.count <= 2 { return place }
        if r.count >= 2, r.count <= 3, r.lowerBound > 0 { return person }
        // At the start of a line: a byline ("Akbar Novruz" alone), or a speaker before a colon
        // or a speech verb ("Larisa Alaverdyan: …").
        if r.count >= 2, r.count <= 3, r.lowerBound == 0,
           r.upperBound == tokens.count || next == ":" || lex.speechVerbs.contains(next) { return person }
        return nil
    }
}
