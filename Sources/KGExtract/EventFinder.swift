import KGModel
import KGText

/// Events found by their trigger words ("raid", "attacked", "press conference").
/// An event needs at least one argument nearby (an actor, a place or a date); a bare
/// "war" or "statement" in passing is not reported as a happening.
struct EventFinder {
    let doc: AnalyzedDocument
    /// The document's lexicon: the bundled data plus any `--lexicon` files.
    var lex: Lexicon { doc.lexicon }
    let events = EventLexicon.shared
    let rules = EventRules.shared
    let interviewPhrases = EventRules.interviewPhrases
    /// The lexicon's word lists asked per trigger, read once per document (through `lex` each
    /// read went through a key path and copied the set).
    let words: RelationWords

    init(doc: AnalyzedDocument) {
        self.doc = doc
        self.words = RelationWords(doc.lexicon)
    }

    func find(_ candidates: [[Candidate]]) -> [[Candidate]] {
        // The last unnamed event of each kind: "the recruitment" two sentences on is the same one.
        var recent: [String: (key: String, sentence: Int, days: Set<String>, named: Bool)] = [:]
        // A named event's key → the key of the unnamed telling it continues.
        var namedAlias: [String: String] = [:]
        // Events found to be one after their first telling: old key → the key they join.
        var rekey: [String: String] = [:]
        var lastEvent: (key: String, sentence: Int)?
        // Read once, not at every token: `lex.eventTriggers` through the document's lexicon
        // copied the table (retaining its storage) on each access.
        let triggers = lex.eventTriggers
        let interviewList = EventRules.interviewList
        let consequenceList = EventRules.consequenceList
        // One buffer for every sentence's taken tokens: a new array per sentence cost an
        // allocation each (0.76M of 14.2M Ir of `find` on the seeds x10).
        var taken: [Bool] = []
        // Every event key of the document starts so: made once, where each key's interpolation
        // appended the id again.
        let keyPrefix = "event:" + doc.id + ":"
        let found = doc.sentences.map { sentence in
            let tokens = sentence.tokens
            let lower = doc.lower[sentence.index]
            let ids = doc.wordIDs[sentence.index]
            let flags = doc.flags[sentence.index]
            let mentions = candidates[sentence.index]
            // Tokens inside a mention or its title, as flags: a Set of them cost a hash per token.
            taken.removeAll(keepingCapacity: true)
            taken.append(contentsOf: repeatElement(false, count: tokens.count))
            for m in mentions {
                for k in m.tokens { taken[k] = true }
                for k in m.titleTokens ?? 0..<0 { taken[k] = true }
            }
            let sentenceDates = doc.dates[sentence.index]
            let hasDate = !sentenceDates.isEmpty
            // The sentence's days, made at its first event (the same for all of its events).
            var sentenceDays: Set<String>?
            // Whether the sentence tells a consequence ("as a result"): asked only of a sentence with
            // an event of a consequence class, and then once.
            var consequenceFound: Bool?
            func consequence() -> Bool {
                if let c = consequenceFound { return c }
                let c = consequenceList.occurs(in: lower, flags: flags, start: .consequenceStart)
                consequenceFound = c
                return c
            }
            var out: [Candidate] = []
            var i = 0
            while i < tokens.count {
                defer { i += 1 }
                guard !taken[i], tokens[i].kind == .word else { continue }
                var match = triggers.longestMatch(ids, at: i)
                // "Putin said at the Valdai club on Oct. 20": a dated utterance is a statement event.
                // The date must be the utterance's own: no other event word between the verb and it
                // ("said the talks would resume on Monday" dates the talks, not the saying).
                if match == nil, flags[i].contains(.speechVerb), sentenceDates.contains(where: { d in
                    d.range.lowerBound > tokens[i].start && d.range.lowerBound - tokens[i].end < 60
                        && !doc.source.clean[tokens[i].end..<d.range.lowerBound].contains(where: { [",", ";", "\u{201C}", "\""].contains($0) })
                        && !tokens.indices.contains(where: { k in
                            k > i && tokens[k].start < d.range.lowerBound && triggers[id: ids[k]] != nil
                        })
                }) {
                    match = (EventLexicon.statement, 1)
                }
                // "Pashinyan told POLITICO last week": speech to a news outlet is an interview.
                if match == nil, let phrase = interviewList.match(lower, at: i, startsPhrase: flags[i].contains(.interviewStart)),
                   let outlet = mentions.first(where: { $0.type == .organization && $0.tokens.lowerBound >= i + phrase.count && $0.tokens.lowerBound <= i + phrase.count + 3 }),
                   !lower[(i + phrase.count)..<outlet.tokens.lowerBound].contains(where: { [",", "that"].contains($0) }) {
                    match = (EventLexicon.interview, phrase.count)
                }
                guard let (cls, n) = match else { continue }
                // "treaty obligation", "war crimes": the event word only modifies the noun after it.
                if i + n < lower.count, flags[i + n].contains(.compoundHead) { continue }
                // "the place of deployment", "the threat of war": a bare event word after "of" names
                // a kind of happening that the noun before is about, not one that took place.
                if i >= 2, lower[i - 1] == "of", flags[i - 2].contains(.kindHead) { continue }
                if isAttributiveParticiple(i, n, tokens) || isPassiveReport(cls, i, lower, flags) { continue }
                let kind = cls.name
                // One event per clause: a second trigger right after the first describes the same thing
                // ("offensive operation").
                if let last = out.last(where: { $0.type == .event }), last.tokens.upperBound + 2 >= i,
                   !lower[last.tokens.upperBound..<i].contains(where: { [",", ";", "(", ")"].contains($0) }) { continue }
                // "air strikes on Rafah, killing 20 people": a participle after a comma tells what
                // the event did, not a second event.
                if out.contains(where: { $0.type == .event }), i > 0, tokens[i - 1].text == ",", lower[i].hasSuffix("ing") { continue }
                let hasArgument = hasDate || mentions.contains { abs($0.tokens.lowerBound - i) <= 8 && $0.type != .event }
                guard hasArgument else { continue }
                let r = i..<(i + n)
                let (name, named) = eventName(kind: kind, trigger: r, tokens: tokens, flags: flags, mentions: mentions)
                // Within an article, the same kind of event at the same named place or target is
                // one event told twice ("deployed in Nagorno-Karabakh" … "deployment in Nagorno-Karabakh").
                var key = named ? keyPrefix + kind + ":" + Self.words(of: name, droppingFirst: n)
                    : keyPrefix + String(tokens[i].start)
                // …unless the two sentences give it different dates ("shelled El Fasher on July 6 …
                // shelled it again on July 13").
                let days = sentenceDays ?? Set(sentenceDates.map { $0.date.iso })
                sentenceDays = days
                if named { key = namedAlias[key] ?? key }
                // A verb with its own subject tells its own happening ("Pashinyan told POLITICO …
                // Danilov told Ukrainska Pravda"); whether it is an earlier one is the merger's call.
                if let last = recent[kind], days.isEmpty || last.days.isEmpty || !days.isDisjoint(with: last.days),
                   !hasOwnSubject(i, lower, flags, mentions) {
                    if !named, sentence.index - last.sentence <= 3 {
                        key = last.key
                    } else if named, !last.named, sentence.index - last.sentence <= 1, namedAlias[key] == nil {
                        // "… were detained. The details of their detention in the Khojavend region":
                        // the next sentence names the place of the event just told.
                        namedAlias[key] = last.key
                        key = last.key
                    }
                }
                // Asked twice below: looked up once.
                let consequenceClass = rules.consequenceClasses.contains(kind)
                if consequenceClass, consequence(), let previous = lastEvent,
                   sentence.index - previous.sentence <= 1 {
                    key = previous.key
                }
                // "came under fire and its crew was killed", "shelled the town and killed twelve": a
                // death joined to an assault in the same clause is that assault's toll, so the two
                // are one event (the one the deaths were first told as).
                if consequenceClass, !consequence(), !hasOwnSubject(i, lower, flags, mentions),
                   let prev = out.last(where: { $0.type == .event }), prev.key != key,
                   let root = prev.eventClass?.cameo, rules.tollRoots.contains(root) {
                    let gap = lower[prev.tokens.upperBound..<i]
                    if gap.contains("and"), !gap.contains(where: { [";", ":", "."].contains($0) }) { rekey[prev.key] = key }
                }
                recent[kind] = (key, sentence.index, days, named)
                lastEvent = (key, sentence.index)
                // "the Russian invasion", "Azerbaijani shelling": the demonym before an event
                // names the state that carries it out, and becomes its mention.
                if i > 0, !taken[i - 1], tokens[i - 1].isCapitalized, let state = lex.demonyms[id: ids[i - 1]],
                   lex.stateNames.contains(state) {
                    let d = tokens[i - 1]
                    out.append(Candidate(sentence: sentence.index, tokens: (i - 1)..<i, start: d.start, end: d.end, type: .state,
                                         key: "state:" + state, name: state, surface: d.text, priority: 3))
                }
                out.append(Candidate(sentence: sentence.index, tokens: r, start: tokens[i].start,
                                     end: tokens[i + n - 1].end, type: .event,
                                     key: key, name: name,
                                     surface: doc.source.cleanText(tokens[i].start..<tokens[i + n - 1].end),
                                     priority: 1, eventClass: cls))
                i += n - 1
            }
            return out
        }
        guard !rekey.isEmpty else { return found }
        func final(_ key: String) -> String {
            var k = key
            var seen: Set<String> = [k]
            while let next = rekey[k], seen.insert(next).inserted { k = next }
            return k
        }
        return found.map { row in
            row.map { c in
                var c = c
                if c.type == .event { c.key = final(c.key) }
                return c
            }
        }
    }

    /// Whether the trigger at `i` is a verb whose subject, an actor, stands right before it
    /// (past adverbs, auxiliaries and the comma that closes an apposition).
    /// The word lists are read from the words' bits (`flags`), not hashed.
    private func hasOwnSubject(_ i: Int, _ lower: [String], _ flags: [WordFlags], _ mentions: [Candidate]) -> Bool {
        guard lower[i].hasSuffix("ed") || flags[i].contains(.speechVerb) || rules.interviewVerbs.contains(lower[i]) else { return false }
        var k = i - 1
        while k >= 0, lower[k].hasSuffix("ly") || lower[k] == "," || flags[k].contains(.auxiliary) {
            // "soldiers were targeted": before a passive participle stands who underwent it.
            if flags[k].contains(.passiveAuxiliary), lower[i].hasSuffix("ed") { return false }
            k -= 1
        }
        return mentions.contains { $0.tokens.upperBound == k + 1 && $0.type.isActor }
    }

    /// "Captured people were sent…", "the detained servicemen": a participle that opens a noun
    /// phrase describes the people, it does not tell a new happening. It stands after the start
    /// of a clause or a determiner and before a lowercase noun.
    private func isAttributiveParticiple(_ i: Int, _ n: Int, _ tokens: [Token]) -> Bool {
        guard n == 1, tokens[i].lowercased.hasSuffix("ed"), i + 1 < tokens.count, tokens[i + 1].kind == .word else { return false }
        let next = tokens[i + 1].lowercased
        guard tokens[i + 1].text == next, !rules.nonNominals.contains(next), !next.hasSuffix("ly") else { return false }
        return i == 0 || [":", "\u{201C}", "\""].contains(tokens[i - 1].text) || rules.determiners.contains(tokens[i - 1].lowercased)
    }

    /// "The details are reported in a joint statement": a passive reporting verb points at a
    /// report told elsewhere (the statement is its own trigger); it is not a new report.
    private func isPassiveReport(_ cls: EventLexicon.EventClass, _ i: Int, _ lower: [String], _ flags: [WordFlags]) -> Bool {
        guard words.statementKinds.contains(cls.name) || cls.name == "report", lower[i].hasSuffix("ed") else { return false }
        // `EventRules.auxiliary(before:)`, read as the word's bits.
        var v = i - 1
        while v >= 0, lower[v].hasSuffix("ly") { v -= 1 }
        return v >= 0 ? flags[v].contains(.passiveAuxiliary) : rules.passiveAuxiliaries.contains("")
    }

    /// "raid in Yekaterinburg", "attack on Berdzor", "statement": the trigger and, when a
    /// place or target follows closely, its preposition and name.
    /// `named`: whether a place or target was added; the name is then longer than the trigger's
    /// words (so unequal to them), which the caller compared with a second join.
    private func eventName(kind: String, trigger: Range<Int>, tokens: [Token], flags: [WordFlags], mentions: [Candidate]) -> (name: String, named: Bool) {
        // A one-word trigger (most) is its text: joining a one-element list made an array first.
        let word = trigger.count == 1 ? tokens[trigger.lowerBound].text : tokens[trigger].map(\.text).joined(separator: " ")
        let j = trigger.upperBound
        guard j < tokens.count else { return (word, false) }
        let prep = tokens[j].lowercased
        // The prepositions' lists as the word's bits (`flags[j]` is `prep`'s).
        if !flags[j].isDisjoint(with: [.locativePreposition, .targetPreposition]),
           let next = mentions.first(where: { $0.tokens.lowerBound == j + 1 || $0.tokens.lowerBound == j + 2 }) {
            return ("\(word) \(prep) \(next.name)", true)
        }
        return (word, false)
    }

    /// `name.split(separator: " ").dropFirst(n).joined(separator: " ")`. An ASCII name is split
    /// on the space byte (in ASCII a byte is a Character; Character-wise splitting cost 11,000
    /// instructions a name); any other name as before.
    static func words(of name: String, droppingFirst n: Int) -> String {
        let u = name.utf8
        guard u.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else {
            return name.split(separator: " ").dropFirst(n).joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var words = 0
        var inWord = false
        for b in u {
            if b == 0x20 { inWord = false; continue }
            if !inWord {
                inWord = true
                words += 1
                if words > n + 1 { out.append(0x20) }
            }
            if words > n { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
