import KGModel
import KGText

/// Finds candidate mentions in one sentence. Several matchers propose spans (state agencies and
/// forces, officials with their titles, gazetteer names, capitalized phrases with an
/// organization or agency head); overlaps are resolved longest first, then by priority, as in
/// spaCy's entity ruler. Capitalized words nobody claimed are classified by their context.
struct MentionFinder {
    let lex: Lexicon
    let doc: AnalyzedDocument
    let sentence: Sentence
    let tokens: [Token]
    let lower: [String]
    /// The words' ids in the lexicon's vocabulary, for phrase lookups.
    let ids: [Int32]
    /// The words' lists (`AnalyzedDocument.flags`).
    let flags: [WordFlags]
    /// The lexicon's word lists by word id, for the questions asked at every token.
    let words: MentionWords

    init(doc: AnalyzedDocument, sentence: Sentence) {
        self.doc = doc
        self.lex = doc.lexicon
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.lower = doc.lower[sentence.index]
        self.ids = doc.wordIDs[sentence.index]
        self.flags = doc.flags[sentence.index]
        self.words = doc.lexicon.mentionWords
    }

    /// `lex.stopNames.contains(tokens[k].text)`, most words ruled out by `MentionWords`.
    @inline(__always)
    func isStopName(_ k: Int) -> Bool {
        words.mayBe(.stopNameForm, id: ids[k]) && lex.stopNames.contains(tokens[k].text)
    }

    /// `lex.notPersonNames.contains(tokens[k].text)`, the same way.
    @inline(__always)
    func isNotPersonName(_ k: Int) -> Bool {
        words.mayBe(.notPersonNameForm, id: ids[k]) && lex.notPersonNames.contains(tokens[k].text)
    }

    /// `lower[k] == word`, where `id` is the word's vocabulary id (`MentionWords.connectors`):
    /// ids number lowercased words by string equality, so equal ids are equal words. A word
    /// the vocabulary lacks (id 0) is compared as a string.
    @inline(__always)
    func isWord(_ k: Int, _ id: Int32, _ word: String) -> Bool {
        id != 0 ? ids[k] == id : lower[k] == word
    }

    /// Whether word `k` of the sentence is in one of `lists` (`MentionWords`).
    @inline(__always)
    func isIn(_ lists: MentionWords.Lists, _ k: Int) -> Bool {
        words.contains(lists, id: ids[k], word: lower[k])
    }

    func find() -> [Candidate] {
        var proposals: [Candidate] = []
        // The matchers append to one list: returning an array from each at each token, most
        // of them empty, cost an append and a release per matcher per token.
        for i in tokens.indices {
            // A lowercase word starts only numbered names, units and titles: the matchers that
            // need a capital are not called for it (their own first test, asked here).
            if tokens[i].isCapitalized {
                gazetteerMatches(at: i, into: &proposals)
                agencyMatches(at: i, into: &proposals)
                headedPhrase(at: i, into: &proposals)
            } else {
                // One test of the first byte for both: a lowercase word starting with no digit
                // and no unit opens neither a gazetteer name nor a state body.
                let digit = startsWithNumber(tokens[i].text)
                if digit, tokens[i].kind == .word { gazetteerMatches(at: i, into: &proposals) }
                if digit || flags[i].contains(.unitFirstWord) { agencyMatches(at: i, into: &proposals) }
            }
            // The calls' own first tests, asked here: calling the matchers to be told no at
            // most tokens cost about 140 instructions a token each in callgrind.
            if mayStartTitle(i), let official = titledName(at: i) { proposals.append(official) }
        }
        var (chosen, taken) = resolveOverlaps(proposals)
        // Let go of the proposals: while they share their boxes with the chosen, setting
        // the chosen's ids below copied each box (`Candidate`'s copy on write).
        proposals = []
        chosen += fallbackNames(excluding: chosen, taken: &taken)
        chosen.sort { $0.start < $1.start }
        // In place: `map(applyMetonymy).map(withIDs)` made two arrays, and each method passed
        // as a closure copied the finder (eight references retained and released per mention).
        for k in chosen.indices {
            if chosen[k].type == .place { chosen[k] = applyMetonymy(chosen[k]) }
            addIDs(&chosen[k])
        }
        return chosen
    }

    /// A mention of a lexicon entry carries the entry's Wikidata id and CAMEO code.
    func addIDs(_ c: inout Candidate) {
        guard let ids = lex.ids[c.key] else { return }
        c.wikidata = ids.wikidata
        c.cameo = ids.cameo
    }

    // MARK: Helpers

    func text(_ r: Range<Int>) -> String {
        guard let first = r.first, let last = r.last else { return "" }
        return doc.source.cleanText(tokens[first].start..<tokens[last].end)
    }

    func make(_ r: Range<Int>, _ type: EntityType, key: String, name: String, priority: Int) -> Candidate {
        Candidate(sentence: sentence.index, tokens: r, start: tokens[r.lowerBound].start,
                  end: tokens[r.upperBound - 1].end, type: type, key: key, name: name,
                  surface: text(r), priority: priority)
    }

    func isPossessive(_ i: Int) -> Bool {
        i < tokens.count && words.contains(.possessive, id: ids[i], word: lower[i])
    }

    /// A state named at `i` by demonym, name or possessive ("Russian", "Russia", "Russia’s"):
    /// the state and the index after the phrase.
    func stateQualifier(at i: Int) -> (String, Int)? {
        // Only a capitalized word opens a qualifier (every path below returned nil otherwise):
        // asked first, it spares the two table lookups for most words.
        guard i < tokens.count, tokens[i].isCapitalized else { return nil }
        // No name of more words than the longest starting with this word, in each table: most
        // capitalized words (people's names) start none, and are answered without a key.
        let demonymLongest = lex.demonyms.longest(from: ids[i])
        let gazetteerLongest = lex.gazetteer.longest(from: ids[i])
        let longest = max(demonymLongest, gazetteerLongest)
        guard longest > 0 else { return nil }
        for n in stride(from: min(3, tokens.count - i, longest), through: 1, by: -1) {
            let key = ids[i..<(i + n)]
            if n <= demonymLongest, let state = lex.demonyms[ids: key] {
                return (state, isPossessive(i + n) ? i + n + 1 : i + n)
            }
            // One lookup for both kinds: each costs a hash of the key.
            guard n <= gazetteerLongest else { continue }
            switch lex.gazetteer[ids: key] {
            case .state(let s)?, .seat(let s)?: return (s, isPossessive(i + n) ? i + n + 1 : i + n)
            default: break
            }
        }
        return nil
    }

    // MARK: Gazetteer

    func gazetteerMatches(at i: Int, into out: inout [Candidate]) {
        guard tokens[i].kind == .word, tokens[i].isCapitalized || startsWithNumber(tokens[i].text) else { return }
        let longest = lex.gazetteer.longest(from: ids[i])
        let before = out.count
        for n in stride(from: min(longest, tokens.count - i), through: 1, by: -1) {
            let r = i..<(i + n)
            // Inside a multiword name every word is capitalized, except short connectors
            // (tested in place: filtering the words into an array allocated per match). Asked
            // before the lookup, which hashes the phrase: both only skip to a shorter span.
            let c = words.connectors
            guard tokens[r.upperBound - 1].kind != .punctuation, r.allSatisfy({ k in
                guard tokens[k].kind == .word, !tokens[k].isCapitalized else { return true }
                return isWord(k, c.of, "of") || isWord(k, c.and, "and") || isWord(k, c.the, "the")
                    || isWord(k, c.for, "for") || isWord(k, c.de, "de") || isWord(k, c.al, "al")
            }), let kind = lex.gazetteer[ids: ids[r]] else { continue }
            switch kind {
            case .state(let s), .seat(let s):
                out.append(make(r, .state, key: "state:" + s, name: s, priority: 3))
            case .capital(let city, _):
                out.append(make(r, .place, key: "place:" + normalizeKey(city), name: city, priority: 3))
            case .organization(let o):
                out.append(make(r, .organization, key: "org:" + normalizeKey(o), name: o, priority: 3))
            case .agency(let name, let state):
                var c = make(r, .agency, key: "agency:" + normalizeKey(name), name: name, priority: 4)
                c.ownerState = state
                out.append(c)
            case .person(let name, let role, let state):
                var c = make(r, role == nil ? .person : .official, key: "person:" + normalizeKey(name), name: name, priority: 4)
                if let role, !role.isEmpty { c.role = role }
                c.ownerState = state
                out.append(c)
            case .place(let name, _):
                // Single common words that happen to be towns ("Police", "Mission") need a
                // capital letter mid-sentence; at the start of a sentence they are not trusted.
                if n == 1, i == 0, !lex.regionNames.contains(name) { continue }
                if isStopName(i) { continue }
                // "22 March 2024": month names are dates, even where a town shares them.
                if n == 1, isNotPersonName(i) { continue }
                // "Olexi Danilov": a small town's name next to another capitalized word is a surname.
                if n == 1, isNameNeighbour(i - 1) || isNameNeighbour(i + 1) { continue }
                out.append(make(r, .place, key: "place:" + normalizeKey(name), name: name, priority: 2))
            }
            break
        }
        // "Moscow-brokered", "Armenia-backed": the state inside a hyphenated word.
        if out.count == before, utf8Has(tokens[i].text, UInt8(ascii: "-")), let head = Self.firstHyphenPart(tokens[i].text),
           let kind = lex.gazetteer[[head.lowercased()]] {
            var state: String?
            if case .state(let s) = kind { state = s }
            if case .capital(_, let s) = kind { state = s }
            if let state {
                var c = make(i..<(i + 1), .state, key: "state:" + state, name: state, priority: 3)
                c.end = c.start + head.unicodeScalars.count
                c.surface = String(head)
                out.append(c)
            }
        }
    }

    /// `text.split(separator: "-").first` for a text with a hyphen, nil for one without. For ASCII, found on bytes:
    /// there each Character is its byte, and splitting by Characters cost about 6,000
    /// instructions a word.
    static func firstHyphenPart(_ text: String) -> Substring? {
        guard utf8IsASCII(text) else {
            guard text.contains("-" as Character) else { return nil }
            return text.split(separator: "-").first
        }
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: "-") }) else { return nil }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "-")) ?? bytes.endIndex
        // A text the run spans whole has no hyphen, and no part split off by one.
        return start == bytes.startIndex && end == bytes.endIndex ? nil : text[start..<end]
    }

    /// `text.first?.isNumber`, which is the first scalar's numeric type: for ASCII, a digit.
    func startsWithNumber(_ text: String) -> Bool {
        guard let b = text.utf8.first else { return false }
        return b < 0x80 ? b >= 0x30 && b <= 0x39 : text.first?.isNumber == true
    }

    /// A capitalized word that no gazetteer knows: the kind that sits beside a surname.
    func isNameNeighbour(_ k: Int) -> Bool {
        guard k >= 0, k < tokens.count, tokens[k].kind == .word, tokens[k].isCapitalized,
              !isNotPersonName(k) else { return false }
        return lex.gazetteer.oneWord(ids[k]) == nil && lex.demonyms.oneWord(ids[k]) == nil
    }

    // MARK: Metonymy

    /// A capital is its state when it acts: "Moscow confirmed", "Yerevan’s commitment",
    /// "between Baku and Moscow", "an effort by Moscow".
    func applyMetonymy(_ c: Candidate) -> Candidate {
        guard c.type == .place, case .capital(_, let state)? = lex.gazetteer[ids: ids[c.tokens]] else { return c }
        let next = c.tokens.upperBound
        let prev = c.tokens.lowerBound - 1
        var acts = false
        // "talks in Cairo would continue": after a locative the capital is where, not who.
        if prev >= 0, lex.locativePrepositions.contains(lower[prev]), lower[prev] != "from" { return c }
        if next < tokens.count, lex.actorVerbs.contains(lower[next]) || isPossessive(next) { acts = true }
        if next + 1 < tokens.count, ["also", "has", "had", "is", "was"].contains(lower[next]), lex.actorVerbs.contains(lower[next + 1]) { acts = true }
        if prev >= 0, lex.actorContexts.contains(lower[prev]) { acts = true }
        if prev >= 0, lex.metonymyPrepositions.contains(lower[prev]) {
            // "between Baku and Moscow": a state or capital on the other side of the conjunction.
            let around = [prev - 1, next + 1].filter { $0 >= 0 && $0 < tokens.count }
            if lower[prev] == "by" { acts = true }
            for k in around {
                if let kind = lex.gazetteer[id: ids[k]] {
                    if case .capital = kind { acts = true }
                    if case .state = kind { acts = true }
                }
            }
        }
        if next < tokens.count, lower[next] == "and", next + 1 < tokens.count,
           case .capital? = lex.gazetteer[id: ids[next + 1]] { acts = true }
        guard acts else { return c }
        var s = c
        s.type = .state
        s.key = "state:" + state
        s.name = state
        return s
    }

    // MARK: Overlaps

    /// Longest span first; on equal length the higher priority; ties keep the earlier proposal.
    /// Also gives the tokens the chosen cover, which `fallbackNames` starts from.
    func resolveOverlaps(_ proposals: [Candidate]) -> (chosen: [Candidate], taken: [Bool]) {
        // Positions are sorted, not candidates: moving candidates retained and released each.
        let ordered = proposals.indices.sorted { a, b in
            let la = proposals[a].end - proposals[a].start, lb = proposals[b].end - proposals[b].start
            if la != lb { return la > lb }
            if proposals[a].priority != proposals[b].priority { return proposals[a].priority > proposals[b].priority }
            return a < b
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var chosen: [Candidate] = []
        chosen.reserveCapacity(proposals.count)
        for k in ordered where !proposals[k].tokens.contains(where: { taken[$0] }) {
            for t in proposals[k].tokens { taken[t] = true }
            chosen.append(proposals[k])
        }
        return (chosen, taken)
    }
}
