import KGModel
import KGText

/// News names a body once and then describes it: "Ukraine’s Main Intelligence Directorate (HUR)"
/// becomes "the Ukrainian intelligence service", "the Defense Ministry's intelligence arm" and
/// "the Directorate". A description is linked to the named body only when the article has
/// exactly one body that fits it; otherwise it stays its own entity (or no entity at all).
struct DescriptionLinker {
    struct Words: Decodable, Sendable {
        var descriptionHeads: WordSet
        var genericWords: Set<String>
        var titleSynonyms: [String: [String]]
    }

    static let words = ResourceLoader.decode(Words.self, named: "coreference", in: .module)
    /// `titleSynonyms` as token sequences.
    static let synonymPhrases: [([String], Set<String>)] = words.titleSynonyms.sorted { $0.key < $1.key }
        .map { (Lexicon.phraseKey($0.key), Set($0.value)) }

    /// A named body of the article: what its name says and whose it is.
    struct Named {
        let candidate: Candidate
        let state: String?
        /// The name's words, lowercased: asked only of bodies a description might fit, so made
        /// then, not for every body of every article.
        var words: Set<String> {
            let name = candidate.name
            // For ASCII, on bytes: splitting by Characters and lowercasing each part cost about
            // 12,000 instructions a name. An ASCII Character is its byte, and lowercasing maps A-Z.
            guard utf8IsASCII(name) else { return Set(name.split(separator: " ").map { $0.lowercased() }) }
            return Set(name.utf8.split(separator: 0x20).map { word in
                String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
            })
        }
    }

    let doc: AnalyzedDocument
    /// The document's lexicon: the bundled data plus any `--lexicon` files.
    var lex: Lexicon { doc.lexicon }

    func link(_ sentences: inout [[Candidate]]) {
        let named = namedBodies(sentences)
        // Officials named with an office, in text order; a title only looks at those before it.
        let officials = sentences.joined().filter { $0.type == .official && $0.role != nil }
        // "the" by its word id, asked once: ids number lowercased words, so the same answer
        // as comparing each lowercased token with "the", which both passes below did.
        let the = lex.vocabulary.id("the")
        let listWords = lex.mentionWords
        // One buffer for every sentence: an array made per sentence allocated and grew each time.
        var afterThe: [Int] = []
        for s in sentences.indices {
            let tokens = doc.sentences[s].tokens
            let ids = doc.wordIDs[s], lower = doc.lower[s]
            // The positions right after a "the", in order: the two passes below look only there.
            afterThe.removeAll(keepingCapacity: true)
            for k in 1..<max(1, tokens.count) where the != 0 ? ids[k - 1] == the : lower[k - 1] == "the" { afterThe.append(k) }
            var added: [Candidate] = []
            for k in sentences[s].indices {
                let c = sentences[s][k]
                guard c.type == .agency else { continue }
                // "the Ukrainian intelligence service": a state's body, described in lowercase words.
                if let kind = descriptionWords(c, tokens), let body = unique(named, kind: kind, state: Self.state(of: c), before: c.start) {
                    sentences[s][k] = relinked(c, to: body.candidate)
                    continue
                }
                // "the Ukrainian Defense Ministry's intelligence arm": a description owned by a body.
                let j = c.tokens.upperBound
                guard j < tokens.count, isPossessiveMarker(tokens[j].lowercased) else { continue }
                var e = j + 1
                while e < tokens.count, e - j <= 3, tokens[e].kind == .word, !tokens[e].isCapitalized,
                      !Self.words.descriptionHeads.contains(tokens[e - 1].lowercased) || e == j + 1 { e += 1 }
                while e > j + 1, !Self.words.descriptionHeads.contains(tokens[e - 1].lowercased) { e -= 1 }
                guard e > j + 2, !sentences[s].contains(where: { $0.tokens.overlaps((j + 1)..<e) }) else { continue }
                let kind = Set(tokens[(j + 1)..<(e - 1)].map(\.lowercased)).subtracting(Self.words.genericWords)
                guard !kind.isEmpty, let body = unique(named, kind: kind, state: Self.state(of: c), before: c.start) else { continue }
                var m = relinked(body.candidate, to: body.candidate)
                m.sentence = s
                m.tokens = (j + 1)..<e
                m.start = tokens[j + 1].start
                m.end = tokens[e - 1].end
                m.surface = doc.source.cleanText(m.start..<m.end)
                added.append(m)
            }
            if !afterThe.isEmpty {
                added += definiteHeads(s, tokens, sentences[s], named, afterThe, listWords)
                added += definiteTitles(s, tokens, sentences[s], officials: officials, afterThe)
            }
            if !added.isEmpty {
                sentences[s] += added
                sentences[s].sort { $0.start < $1.start }
            }
        }
    }

    /// "the Directorate", "the Service": a body's head word, capitalized after "the", is the one
    /// body of the article whose name ends with it.
    private func definiteHeads(_ s: Int, _ tokens: [Token], _ existing: [Candidate], _ named: [Named],
                               _ afterThe: [Int], _ listWords: MentionWords) -> [Candidate] {
        var out: [Candidate] = []
        let ids = doc.wordIDs[s]
        for k in afterThe where tokens[k].isCapitalized {
            let head = tokens[k].lowercased
            guard listWords.contains([.agencyHead, .organizationHead], id: ids[k], word: head),
                  k + 1 >= tokens.count || !(tokens[k + 1].isCapitalized || tokens[k + 1].lowercased == "of"),
                  !existing.contains(where: { $0.tokens.contains(k) }) else { continue }
            let fits = named.filter { $0.candidate.start < tokens[k].start && lastWordLowercased($0.candidate.name) == head }
            guard Set(fits.map(\.candidate.key)).count == 1, let body = fits.last else { continue }
            var m = body.candidate
            m.sentence = s
            m.tokens = k..<(k + 1)
            m.start = tokens[k].start
            m.end = tokens[k].end
            m.surface = tokens[k].text
            m.extraAliases = []
            m.ownerTokens = nil
            m.titleTokens = nil
            m.role = nil
            out.append(m)
        }
        return out
    }

    /// "the president said", "the head of state stated": an office with "the" and no name after
    /// it is the official last named with that office, when the article named one.
    private func definiteTitles(_ s: Int, _ tokens: [Token], _ existing: [Candidate], officials: [Candidate],
                                _ afterThe: [Int]) -> [Candidate] {
        // The document's lowercased words, not a copy per sentence.
        let lower = doc.lower[s]
        let ids = doc.wordIDs[s]
        let synonymPhrases = Self.synonymPhrases
        var out: [Candidate] = []
        for k in afterThe where !tokens[k].isCapitalized {
            guard !existing.contains(where: { $0.tokens.contains(k) }) else { continue }
            var matched: (roles: Set<String>, end: Int)?
            // The first word compared before the phrase: most words start none.
            for (t, roles) in synonymPhrases where k + t.count <= lower.count && (t.isEmpty || lower[k] == t[0])
                && lower[k..<(k + t.count)].elementsEqual(t) {
                matched = (roles, k + t.count)
            }
            // `lex.titles` is keyed by first words, all numbered: a word no title starts is
            // answered by the title table's first-word lengths without hashing it.
            if matched == nil, lex.titleTable.longest(from: ids[k]) > 0, let title = lex.titles[lower[k]]?.first(where: { k + $0.count <= lower.count && lower[k..<(k + $0.count)].elementsEqual($0) }) {
                matched = ([title.joined(separator: " ")], k + title.count)
            }
            // "the president of France" names someone else; "the president Emmanuel Macron" is a name.
            guard let (roles, end) = matched, end >= lower.count || !(tokens[end].isCapitalized || lower[end] == "of") else { continue }
            guard let official = officials.last(where: { c in
                c.type == .official && c.start < tokens[k].start && c.role.map { roles.contains($0.lowercased()) } == true
            }) else { continue }
            var m = official
            m.sentence = s
            m.tokens = k..<end
            m.start = tokens[k].start
            m.end = tokens[end - 1].end
            m.surface = doc.source.cleanText(m.start..<m.end)
            m.extraAliases = []
            m.ownerTokens = nil
            m.titleTokens = nil
            m.role = nil
            out.append(m)
        }
        return out
    }

    /// The lowercase words of a described body ("intelligence" of "Ukrainian intelligence
    /// service"), or nil when the mention is a name ("Ukrainian Defense Ministry").
    private func descriptionWords(_ c: Candidate, _ tokens: [Token]) -> Set<String>? {
        func isOwn(_ k: Int) -> Bool { !(c.ownerTokens?.contains(k) ?? false) && tokens[k].kind == .word }
        // Asked before the words are gathered: most agencies are names, with a capital.
        guard !c.tokens.contains(where: { isOwn($0) && tokens[$0].isCapitalized }),
              let last = c.tokens.last(where: isOwn), Self.words.descriptionHeads.contains(tokens[last].lowercased)
        else { return nil }
        let own = c.tokens.filter(isOwn)
        let kind = Set(own.dropLast().map { tokens[$0].lowercased }).subtracting(Self.words.genericWords)
        return kind.isEmpty ? nil : kind
    }

    /// The one named body, told before `offset`, whose name has every word of `kind` and whose
    /// state, when both are known, is `state`.
    private func unique(_ named: [Named], kind: Set<String>, state: String?, before offset: Int) -> Named? {
        let fits = named.filter { n in
            n.candidate.start < offset && kind.isSubset(of: n.words) && (state == nil || n.state == nil || n.state == state)
        }
        guard Set(fits.map(\.candidate.key)).count == 1 else { return nil }
        return fits.last
    }

    /// The state a body belongs to, from the mention or from its key ("agency:Mali|ministry of defense").
    static func state(of c: Candidate) -> String? {
        if let s = c.ownerState { return s }
        // The bar found among the bytes: `firstIndex(of:)` walked the key Character by Character.
        // "agency:" is seven ASCII Characters, so seven bytes.
        guard c.key.hasPrefix("agency:"), let bar = c.key.utf8.firstIndex(of: UInt8(ascii: "|")) else { return nil }
        let s = c.key[c.key.utf8.index(c.key.startIndex, offsetBy: 7)..<bar]
        return s.isEmpty || s == "?" ? nil : String(s)
    }

    private func relinked(_ c: Candidate, to body: Candidate) -> Candidate {
        var c = c
        c.key = body.key
        c.name = body.name
        c.type = body.type
        c.ownerState = body.ownerState
        c.extraAliases = []
        return c
    }

    /// Agencies and organizations the article names with capitals, with the state each belongs
    /// to: its own owner, or a state written just before it ("Ukraine’s Main Intelligence Directorate").
    private func namedBodies(_ sentences: [[Candidate]]) -> [Named] {
        var out: [Named] = []
        for (s, list) in sentences.enumerated() {
            let tokens = doc.sentences[s].tokens
            for c in list where (c.type == .agency || c.type == .organization) && c.eventClass == nil {
                guard c.tokens.contains(where: { tokens[$0].kind == .word && tokens[$0].isCapitalized && !(c.ownerTokens?.contains($0) ?? false) })
                else { continue }
                var state = Self.state(of: c)
                if state == nil, let before = list.last(where: { $0.type == .state && $0.tokens.upperBound <= c.tokens.lowerBound }),
                   c.tokens.lowerBound - before.tokens.upperBound <= 1 {
                    state = before.name
                }
                out.append(Named(candidate: c, state: state))
            }
        }
        // A body's state, once known from any of its mentions, holds for all of them ("HUR").
        var stateByKey: [String: String] = [:]
        for n in out { if let s = n.state, stateByKey[n.candidate.key] == nil { stateByKey[n.candidate.key] = s } }
        return out.map { Named(candidate: $0.candidate, state: stateByKey[$0.candidate.key]) }
    }
}

/// `name.split(separator: " ").last?.lowercased()`; for ASCII, on bytes, where splitting by
/// Characters walked the whole name for each body at each "the".
private func lastWordLowercased(_ name: String) -> String? {
    guard utf8IsASCII(name) else { return name.split(separator: " ").last?.lowercased() }
    guard let last = name.utf8.split(separator: 0x20).last else { return nil }
    return String(decoding: last.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
}
