import KGModel
import KGText

/// Links the mentions of one document that name the same thing differently: a surname to the
/// full name said earlier, "Defense Ministry" to the state's ministry named nearby, an acronym
/// defined in parentheses ("Main Intelligence Directorate (HUR)") to its expansion.
struct Coreference {
    let doc: AnalyzedDocument

    func link(_ bySentence: [[Candidate]]) -> [[Candidate]] {
        var sentences = bySentence
        addAcronyms(&sentences)
        DescriptionLinker(doc: doc).link(&sentences)
        addOtherNames(&sentences)
        propagateNames(&sentences)
        let all = sentences.flatMap { $0 }
        let index = Index(all)
        for s in sentences.indices {
            for k in sentences[s].indices {
                let type = sentences[s][k].type
                guard type == .person || type == .official || type == .agency else { continue }
                var c = sentences[s][k]
                if c.type == .person || c.type == .official { linkSurname(&c, index) }
                if c.type == .agency, c.ownerState == nil, c.key.hasPrefix("agency:?") { linkOwner(&c, all: all) }
                if c.type == .agency { linkNumbered(&c, index) }
                sentences[s][k] = c
            }
        }
        return sentences
    }

    /// What the linkers ask of all the document's mentions, gathered once: asking each mention
    /// of a person or agency to scan every other mention was quadratic in the article's length.
    private struct Index {
        /// Last word of a multi-word person's or official's name → their keys.
        var surnames: [String: Set<String>] = [:]
        /// The distinct keys of agency mentions.
        var agencyKeys: [String] = []
        /// The mentions, and key → the position in them of the first mention with it: a
        /// position, not a copy of the candidate, is what the table stores and moves.
        let all: [Candidate]
        var firstPosition: [String: Int] = [:]
        /// Agency key → the one key of `agencyKeys` that extends it with a space ("agency:Russia|base"
        /// → "agency:Russia|base 102nd"), or nil when none or several do. Found once per distinct
        /// key: asked per mention, the scan of every key made a prefix string and compared it
        /// with each (about 2,300 instructions a mention).
        var numbered: [String: String?] = [:]

        init(_ all: [Candidate]) {
            self.all = all
            var agencies = Set<String>()
            // One hash per mention: asking `first[key] == nil` and then storing hashed twice.
            firstPosition.reserveCapacity(all.count)
            agencies.reserveCapacity(all.count)
            for (k, c) in all.enumerated() {
                firstPosition.insertIfAbsent(c.key, k)
                if c.type == .person || c.type == .official, let last = lastOfSeveralWords(c.name) {
                    surnames[last, default: []].insert(c.key)
                }
                if c.type == .agency, agencies.insert(c.key).inserted { agencyKeys.append(c.key) }
            }
            numbered.reserveCapacity(agencyKeys.count)
            for key in agencyKeys { numbered[key] = Self.numbered(key, agencyKeys) }
        }

        /// The first mention with this key.
        func first(_ key: String) -> Candidate? { firstPosition[key].map { all[$0] } }

        /// `linkNumbered`'s search: the one key starting with `key` and a space, or nil.
        static func numbered(_ key: String, _ keys: [String]) -> String? {
            let prefix = key + " "
            var found: String?
            for k in keys where k.hasPrefix(prefix) {
                guard found == nil else { return nil }
                found = k
            }
            return found
        }
    }

    /// "Aliyev" → "Ilham Aliyev" when the document names exactly one such person.
    private func linkSurname(_ c: inout Candidate, _ index: Index) {
        guard let word = onlyWord(c.name) else { return }
        let fuller = index.surnames[word] ?? []
        guard fuller.count == 1, let key = fuller.first, let full = index.first(key) else { return }
        c.key = key
        c.name = full.name
    }

    /// A ministry or force named without its state takes the state of the nearest mention of
    /// the same unit that has one, preferring earlier ones.
    private func linkOwner(_ c: inout Candidate, all: [Candidate]) {
        let unit = c.key.split(separator: "|", maxSplits: 1).last.map(String.init) ?? ""
        // "the Ministry of Defense and the State Security Service of Azerbaijan": a state named
        // after the last of coordinated bodies owns each of them.
        let tokens = doc.sentences[c.sentence].tokens
        var j = c.tokens.upperBound
        if j < tokens.count, tokens[j].lowercased == "and" {
            j += 1
            if j < tokens.count, tokens[j].lowercased == "the" { j += 1 }
            if let partner = all.first(where: { $0.sentence == c.sentence && $0.tokens.lowerBound == j && $0.type == .agency }),
               let state = partner.ownerState, partner.tokens.count > 2, tokens[partner.tokens.upperBound - 2].lowercased == "of",
               doc.lexicon.gazetteer[[tokens[partner.tokens.upperBound - 1].lowercased]] == .state(state) {
                let owned = MentionFinder(doc: doc, sentence: doc.sentences[c.sentence]).unitCandidate(c.tokens, state: state, unit: unit)
                c.key = owned.key
                c.name = owned.name
                c.ownerState = state
                return
            }
        }
        let same = all.filter { $0.ownerState != nil && $0.key.hasSuffix("|" + unit) && $0.type == .agency }
        let before = same.last { $0.start < c.start }
        if let match = before ?? same.first {
            c.key = match.key
            c.name = match.name
            c.ownerState = match.ownerState
            return
        }
        // "Moscow confirmed … In a statement released by the Defense Ministry": without another
        // mention of the unit, it belongs to the state named in this or the two sentences before.
        guard let state = all.last(where: { $0.type == .state && $0.start < c.start && c.sentence - $0.sentence <= 2 }) else { return }
        let finder = MentionFinder(doc: doc, sentence: doc.sentences[c.sentence])
        let owned = finder.unitCandidate(c.tokens, state: state.name, unit: unit)
        c.key = owned.key
        c.name = owned.name
        c.ownerState = state.name
    }

    /// "the Russian base" after "the 102nd Russian military base": when a document names exactly
    /// one numbered unit of a kind, the plain mentions of that kind are it.
    private func linkNumbered(_ c: inout Candidate, _ index: Index) {
        // A key the index has not seen (`linkOwner` may have just made it) is searched for here.
        let numbered = index.numbered[c.key] ?? Index.numbered(c.key, index.agencyKeys)
        guard let key = numbered, let full = index.first(key) else { return }
        c.key = key
        c.name = full.name
    }

    /// "Lachin (which Armenians call Berdzor)", "Khankendi, also known as Stepanakert": the other
    /// name, a capitalized word or two, is a mention of the same place or body.
    private func addOtherNames(_ sentences: inout [[Candidate]]) {
        for (s, sentence) in doc.sentences.enumerated() {
            let t = sentence.tokens
            // The document's lowercased words, not a copy made per sentence.
            let lower = doc.lower[s]
            var added = false
            for c in sentences[s] where c.type != .event && c.type != .person && c.type != .official {
                var j = c.tokens.upperBound
                if j < t.count, lower[j] == "(" || lower[j] == "," { j += 1 }
                // "which Armenians call", "also known as", "known as", "called"
                if j + 2 < t.count, lower[j] == "which", ["call", "calls", "called", "name", "names"].contains(lower[j + 2]) {
                    j += 3
                } else if j + 2 < t.count, lower[j] == "also", lower[j + 1] == "known", lower[j + 2] == "as" {
                    j += 3
                } else if j + 1 < t.count, lower[j] == "known", lower[j + 1] == "as" {
                    j += 2
                } else {
                    continue
                }
                var e = j
                while e < t.count, e - j < 2, t[e].isCapitalized { e += 1 }
                guard e > j, !sentences[s].contains(where: { $0.tokens.overlaps(j..<e) }) else { continue }
                var alias = c
                alias.tokens = j..<e
                alias.start = t[j].start
                alias.end = t[e - 1].end
                alias.surface = doc.source.cleanText(alias.start..<alias.end)
                alias.extraAliases = []
                alias.ownerTokens = nil
                sentences[s].append(alias)
                added = true
            }
            // A sentence's mentions arrive sorted; only an added one can put them out of order.
            if added { sentences[s].sort { $0.start < $1.start } }
        }
    }

    /// A name found once is found everywhere in the article: "Rafah", recognized after "strikes
    /// on", is also the "Rafah" of the headline. Only multi-letter capitalized names, matched as
    /// whole tokens where no other mention stands.
    private func propagateNames(_ sentences: inout [[Candidate]]) {
        // Known names grouped by their first word's text, each with the tokens that spell it:
        // a `[[String]]`-keyed dictionary built an array of words and hashed every word for
        // each mention and for each try at each token. Words are compared only within a group.
        struct Known {
            let sentence: Int
            let words: Range<Int>
            let candidate: Candidate
        }
        struct Group {
            var longest = 0
            var names: [Known] = []
        }
        func spells(_ k: Known, _ t: [Token], _ r: Range<Int>) -> Bool {
            guard k.words.count == r.count else { return false }
            let own = doc.sentences[k.sentence].tokens
            return zip(k.words, r).allSatisfy { own[$0].text == t[$1].text }
        }
        var known: [String: Group] = [:]
        // Room for every mention: growing the table step by step rehashed its keys.
        known.reserveCapacity(sentences.reduce(0) { $0 + $1.count })
        // By position, reading fields in place: iterating the joined lists copied every
        // candidate (a retain and a release each); only the names kept are copied.
        for s in sentences.indices {
            for m in sentences[s].indices where sentences[s][m].type != .event && sentences[s][m].titleTokens == nil {
                let sentence = sentences[s][m].sentence
                let t = doc.sentences[sentence].tokens
                let r = sentences[s][m].tokens
                // The first scalar uppercase, and more than two scalars in all the words: a token's
                // scalar count is its offsets' difference, without walking its text.
                guard let first = r.first, let lead = t[first].text.unicodeScalars.first, lead.isUppercaseScalar,
                      r.reduce(0, { $0 + t[$1].end - t[$1].start }) > 2
                else { continue }
                // The first mention with these words wins, as the dictionary of words kept it.
                func add(_ group: inout Group) {
                    guard !group.names.contains(where: { spells($0, t, r) }) else { return }
                    group.names.append(Known(sentence: sentence, words: r, candidate: sentences[s][m]))
                    group.longest = max(group.longest, r.count)
                }
                add(&known[t[first].text, default: Group()])
            }
        }
        guard !known.isEmpty else { return }
        // The word ids of the names' first words (`doc.wordIDs`), as 1,024 bits by id: a word
        // whose bit is clear is not one of them, since equal words have equal lowercased forms
        // and so equal ids. Asked before the dictionary, which hashed each capitalized word.
        var firstIDs = [UInt64](repeating: 0, count: 16)
        for group in known.values {
            let k = group.names[0]
            let id = Int(doc.wordIDs[k.sentence][k.words.lowerBound]) & 1023
            firstIDs[id >> 6] |= 1 << UInt64(id & 63)
        }
        // Taken tokens as flags, not a Set: asked of every token. One buffer for all sentences.
        var taken: [Bool] = []
        for (s, sentence) in doc.sentences.enumerated() {
            let ids = doc.wordIDs[s]
            let t = sentence.tokens
            taken.removeAll(keepingCapacity: true)
            taken.append(contentsOf: repeatElement(false, count: t.count))
            for c in sentences[s] {
                for i in c.tokens { taken[i] = true }
                for i in c.titleTokens ?? 0..<0 { taken[i] = true }
            }
            var added = false
            var k = 0
            while k < t.count {
                // Every known name starts with an uppercase letter: a word starting with any
                // other ASCII byte is ruled out without hashing it.
                // A taken word starts no match (each range tried would contain it). The bits
                // are asked first: reading the text's first byte is a call, they are an array read.
                let id = Int(ids[k]) & 1023
                guard !taken[k], firstIDs[id >> 6] & (1 << UInt64(id & 63)) != 0,
                      let lead = t[k].text.utf8.first, lead >= 0x80 || (lead >= 0x41 && lead <= 0x5A),
                      let group = known[t[k].text] else {
                    k += 1
                    continue
                }
                var matched = false
                for n in stride(from: min(group.longest, t.count - k), through: 1, by: -1) {
                    let r = k..<(k + n)
                    guard !r.contains(where: { taken[$0] }),
                          let source = group.names.first(where: { spells($0, t, r) })?.candidate else { continue }
                    var c = source
                    c.sentence = s
                    c.tokens = r
                    c.start = t[k].start
                    c.end = t[k + n - 1].end
                    c.extraAliases = []
                    c.ownerTokens = nil
                    sentences[s].append(c)
                    for i in r { taken[i] = true }
                    k += n
                    matched = true
                    added = true
                    break
                }
                if !matched { k += 1 }
            }
            // Mentions arrive sorted (a stable sort of a sorted list changes nothing).
            if added { sentences[s].sort { $0.start < $1.start } }
        }
    }

    /// "X (ACR)" defines ACR as X for the rest of the document.
    private func addAcronyms(_ sentences: inout [[Candidate]]) {
        var defined: [String: Candidate] = [:]
        for (s, sentence) in doc.sentences.enumerated() {
            let t = sentence.tokens
            for c in sentences[s] where c.type != .event {
                let j = c.tokens.upperBound
                guard j + 2 < t.count, t[j].text == "(", t[j + 2].text == ")", t[j + 1].isAcronym else { continue }
                defined[t[j + 1].text] = c
            }
        }
        guard !defined.isEmpty else { return }
        // The first bytes of the acronyms: a token starting with another is not hashed.
        var firstBytes = [Bool](repeating: false, count: 256)
        for key in defined.keys { if let b = key.utf8.first { firstBytes[Int(b)] = true } }
        for (s, sentence) in doc.sentences.enumerated() {
            // Flags, not a Set of every mention's token indices.
            var taken = [Bool](repeating: false, count: sentence.tokens.count)
            for c in sentences[s] { for k in c.tokens where k < taken.count { taken[k] = true } }
            var added = false
            for k in sentence.tokens.indices where !taken[k] {
                let tok = sentence.tokens[k]
                guard let b = tok.text.utf8.first, firstBytes[Int(b)], let target = defined[tok.text] else { continue }
                var c = target
                c.sentence = s
                c.tokens = k..<(k + 1)
                c.start = tok.start
                c.end = tok.end
                c.surface = tok.text
                c.role = nil
                c.titleTokens = nil
                c.extraAliases = []
                sentences[s].append(c)
                added = true
            }
            if added { sentences[s].sort { $0.start < $1.start } }
        }
    }
}

extension Dictionary {
    /// Stores `value` under `key` unless the key has one, hashing it once: the `default:`
    /// subscript's modify inserts the default when the key is missing.
    fileprivate mutating func insertIfAbsent(_ key: Key, _ value: Value) {
        func touch(_ v: inout Value) {}
        touch(&self[key, default: value])
    }
}

/// The last of a name's space-separated words when it has more than one (`split(separator: " ")`).
/// Without a space byte there is one word at most; ASCII names are split on bytes.
private func lastOfSeveralWords(_ name: String) -> String? {
    guard utf8Has(name, 0x20) else { return nil }
    guard utf8IsASCII(name) else {
        let words = name.split(separator: " ")
        return words.count > 1 ? words.last.map(String.init) : nil
    }
    let (count, last) = spaceSeparatedWords(name)
    return count > 1 ? last : nil
}

/// How many space-separated words an ASCII name has (`utf8.split(separator: 0x20).count`,
/// which omits empty ones) and its last: counted in one pass over the bytes, where the split
/// allocated an array of the words for each name (about 1,800 instructions a name).
private func spaceSeparatedWords(_ name: String) -> (count: Int, last: String?) {
    let bytes = name.utf8
    var count = 0
    var lastStart = bytes.startIndex, lastEnd = bytes.startIndex
    var i = bytes.startIndex
    while i < bytes.endIndex {
        guard bytes[i] != 0x20 else { i = bytes.index(after: i); continue }
        let start = i
        while i < bytes.endIndex, bytes[i] != 0x20 { i = bytes.index(after: i) }
        count += 1
        lastStart = start
        lastEnd = i
    }
    return (count, count > 0 ? String(decoding: bytes[lastStart..<lastEnd], as: UTF8.self) : nil)
}

/// The name itself when it is one word (`split(separator: " ")` gives one part).
private func onlyWord(_ name: String) -> String? {
    guard utf8Has(name, 0x20) else { return name.isEmpty ? nil : name }
    if utf8IsASCII(name) {
        let (count, last) = spaceSeparatedWords(name)
        return count == 1 ? last : nil
    }
    let words = name.split(separator: " ")
    return words.count == 1 ? words.first.map(String.init) : nil
}
