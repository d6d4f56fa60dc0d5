import KGModel
import KGText

/// Typed relations read from one document's sentences, each with its sentence as evidence and
/// the sources the sentence cites as attribution.
struct RelationFinder {
    let doc: AnalyzedDocument
    /// The document's lexicon: the bundled data plus any `--lexicon` files.
    var lex: Lexicon { doc.lexicon }
    /// Its word lists the rules ask most, and the event rules, read once per document.
    let lists: RelationWords
    var rules: EventRules { lists.rules }

    init(doc: AnalyzedDocument) {
        self.doc = doc
        self.lists = RelationWords(doc.lexicon)
    }

    /// What one sentence offers the rules: its tokens, its mentions and its sources.
    struct Context {
        let sentence: Sentence
        let lower: [String]
        /// Each token's word lists (`AnalyzedDocument.flags`).
        let flags: [WordFlags]
        let mentions: [ResolvedMention]
        var sources: [String] = []
        let evidence: Evidence
        /// The day of the speech reported in the sentence before, for "today" inside a quotation.
        var speechDay: DateLiteral?

        func mention(startingAt k: Int, within n: Int = 2, where ok: (ResolvedMention) -> Bool = { _ in true }) -> ResolvedMention? {
            mentions.first { $0.candidate.tokens.lowerBound >= k && $0.candidate.tokens.lowerBound < k + n && ok($0) }
        }

        func nearestBefore(_ k: Int, within n: Int = 12, where ok: (ResolvedMention) -> Bool) -> ResolvedMention? {
            mentions.last { $0.candidate.tokens.upperBound <= k && k - $0.candidate.tokens.upperBound < n && ok($0) }
        }

        /// The subject of the verb or noun at `k`: the nearest actor before it, except one inside
        /// an apposition ("Armenia, once a close ally of the Kremlin, decided to send aid"),
        /// where the subject is what stands before the opening comma.
        func subjectBefore(_ k: Int, within n: Int = 12, where ok: (ResolvedMention) -> Bool) -> ResolvedMention? {
            guard let m = nearestBefore(k, within: n, where: ok) else { return nil }
            // The last two commas before `k`, found walking back by their bit: filtering the
            // window into an array cost an allocation per call.
            var close: Int?, open: Int?
            var j = k - 1
            while j >= max(0, k - n - 8) {
                if flags[j].contains(.comma) {
                    if close == nil { close = j } else { open = j; break }
                }
                j -= 1
            }
            guard let close, let open,
                  m.candidate.tokens.lowerBound > open, m.candidate.tokens.upperBound <= close,
                  let outer = nearestBefore(open + 1, within: 4, where: ok) else { return m }
            return outer
        }

        /// The mentions joined to `m` by "and" or a comma ("the Ministry of Defense and the State
        /// Security Service"), at most two more.
        func coordinated(after m: ResolvedMention, where ok: (ResolvedMention) -> Bool) -> [ResolvedMention] {
            var out: [ResolvedMention] = []
            var last = m
            while out.count < 2 {
                var j = last.candidate.tokens.upperBound
                guard j < lower.count, ["and", ","].contains(lower[j]) else { break }
                j += 1
                if j < lower.count, lower[j] == "the" { j += 1 }
                guard let next = mentions.first(where: { $0.candidate.tokens.lowerBound == j }), ok(next), next.id != m.id else { break }
                out.append(next)
                last = next
            }
            return out
        }

        /// The first mention at or after token `k` that passes `ok`. A state in the possessive gives
        /// way to what it owns: "Ukraine’s Main Intelligence Directorate" is the directorate.
        func firstAfter(_ k: Int, within n: Int = 8, where ok: (ResolvedMention) -> Bool) -> ResolvedMention? {
            guard let m = mentions.first(where: { $0.candidate.tokens.lowerBound >= k && $0.candidate.tokens.lowerBound - k < n && ok($0) }) else {
                return nil
            }
            let next = m.candidate.tokens.upperBound
            if next < lower.count, isPossessiveMarker(lower[next]),
               let owned = mentions.first(where: { $0.candidate.tokens.lowerBound == next + 1 }), ok(owned) {
                return owned
            }
            return m
        }
    }

    func find(_ resolved: [[ResolvedMention]], into relations: inout RelationSet, table: inout EntityTable) {
        var accusers: [String] = []
        var deniers: [(denier: String, denied: String)] = []
        var paragraphSources: [String] = []
        var lastSpeaker: String?
        var lastSource: String?
        var previousEnd = 0
        var lastSpeechDay: (sentence: Int, date: DateLiteral)?
        // States the article names, for the gazetteer's "this city is in that country"; each
        // event's CAMEO root and class, for the inferred stances. One pass over the mentions, the
        // first of each key kept: filtering the joined rows went through generic flattening
        // (0.9M of 620M Ir on the seeds x10 for the states alone).
        var namedStates: [String: String] = [:]
        var cameo: [String: String] = [:]
        var classes: [String: String] = [:]
        for row in resolved {
            for m in row {
                if m.type == .state, namedStates[m.candidate.name] == nil { namedStates[m.candidate.name] = m.id }
                guard let cls = m.candidate.eventClass else { continue }
                if let root = cls.cameo, cameo[m.id] == nil { cameo[m.id] = root }
                if classes[m.id] == nil { classes[m.id] = cls.name }
            }
        }
        // Whether a mention with no event class counts as a statement (`statementKinds` holding
        // ""): asked once, not for every mention of every sentence with a relation.
        let emptyKindIsStatement = lists.statementKinds.contains("")
        var located = Set<String>()
        // The document's relations as positions in `relations`, in the order first found
        // (`documentPositions`): reading them back must not scan the whole corpus.
        relations.beginDocument()
        // The state the gazetteer gives each place name, looked up once per document.
        var gazetteerStates: [String: String?] = [:]
        for sentence in doc.sentences {
            let range = sentence.range
            var ctx = Context(sentence: sentence, lower: doc.lower[sentence.index], flags: doc.flags[sentence.index],
                              mentions: resolved[sentence.index],
                              evidence: Evidence(doc: doc.id, start: range.lowerBound, end: range.upperBound))
            // Reported speech runs on through a paragraph: after "According to X, …" the next
            // sentences are still X's account unless they name their own source.
            let newParagraph = doc.source.clean[previousEnd..<range.lowerBound].contains("\n")
            let previousParagraphSources = paragraphSources
            if newParagraph { paragraphSources = [] }
            previousEnd = range.upperBound
            ctx.sources = sources(ctx, lastSpeaker: lastSpeaker, lastSource: lastSource)
            if let speaker = ctx.sources.last(where: { id in ctx.mentions.contains { $0.id == id && ($0.type == .official || $0.type == .person) } }) {
                lastSpeaker = speaker
            }
            if let source = ctx.sources.last { lastSource = source }
            // "“We have a list of such weapons. …”" as a paragraph of its own right after the
            // speaker's: a quotation with no attribution continues whoever was quoted before.
            if ctx.sources.isEmpty, newParagraph, let first = sentence.tokens.first, ["\u{201C}", "\""].contains(first.text),
               let speaker = lastSpeaker, previousParagraphSources.contains(speaker) {
                ctx.sources = [speaker]
            }
            if let day = lastSpeechDay, day.sentence == sentence.index - 1 { ctx.speechDay = day.date }
            if ctx.sources.isEmpty {
                ctx.sources = paragraphSources
            } else {
                paragraphSources = ctx.sources
            }
            accusers += ctx.sources
            // Most stages find nothing in most sentences: an empty list is not appended.
            var found = structural(ctx, table: &table)
            func take(_ more: [Relation]) {
                if found.isEmpty { found = more } else if !more.isEmpty { found += more }
            }
            take(gazetteerLocations(ctx, namedStates: namedStates, done: &located, states: &gazetteerStates))
            take(events(ctx))
            take(interactions(ctx, accusers: &accusers, deniers: &deniers))
            // Most sentences state no relation: then nothing below changes, and the sentence's
            // text (each relation's evidence quotes it) need not be copied out.
            guard !found.isEmpty else { continue }
            // Every relation of the sentence was made with `ctx.evidence`, without its text; set
            // in place, where each relation's one-element list is its own (no copy).
            let text = doc.source.text(range)
            for i in found.indices { found[i].evidence[0].text = text }
            // This sentence's statements, demands, letters and other speech events.
            let speeches = Set(ctx.mentions.filter { m in
                guard let cls = m.candidate.eventClass else { return emptyKindIsStatement }
                return lists.statementKinds.contains(cls.name)
            }.map(\.id))
            // "The Foreign Ministry demanded …. The statement notes …": the author of the last
            // statement, demand or letter is whom "the statement" speaks for.
            if !speeches.isEmpty, let author = found.last(where: { r in
                r.predicate == .hasAgent && speeches.contains(r.subject)
            })?.object.entityID {
                lastSource = author
            }
            // "At an Oct. 27 briefing, X said …": the day a speech was given, to date the next
            // sentence's quotation.
            if !speeches.isEmpty, let day = found.last(where: { r in
                r.predicate == .hasDate && speeches.contains(r.subject)
            }), case .date(let d) = day.object, d.day != nil {
                lastSpeechDay = (sentence.index, d)
            }
            // A speech event's own circumstances (its date, its place) are the article's report of
            // the speech, not something the speaker claims.
            let speechAgents = speeches.isEmpty ? [:] : Dictionary(grouping: found.filter { r in
                r.predicate == .hasAgent && speeches.contains(r.subject)
            }, by: \.subject).mapValues { Set($0.compactMap(\.object.entityID)) }
            // By index, changed in place: `for var r in found` copied each relation.
            for i in found.indices {
                // Who holds an office or which state a ministry belongs to is background the
                // sentence names, not a claim its source makes.
                // Nor is what the gazetteer knows (`source`): no one in the article asserts it.
                if !ctx.sources.isEmpty, found[i].attributedTo.isEmpty, !Self.isNaming(found[i].predicate),
                   found[i].attributes.isEmpty || found[i].attributes["source"] == nil {
                    let subject = found[i].subject, object = found[i].object
                    found[i].attributedTo = ctx.sources.filter { $0 != subject && object != .entity($0) && !(speechAgents[subject]?.contains($0) ?? false) }
                }
                relations.add(found[i])
            }
        }
        // Telling of another side's hostile act is accusing it.
        let documentRelations = relations.relations(at: relations.documentPositions)
        let inferred = InferredStance(cameo: cameo)
        // Identity keys asked of the table as the rules need them: the whole table grows with the corpus.
        let accusations = inferred.accusations(in: documentRelations) { table.key(of: $0) }
        let deployments = inferred.deployments(in: documentRelations, classes: classes) { table.key(of: $0) }
        for r in accusations + deployments { relations.add(r) }
        // Whoever denies a source's claims disputes everything the document attributes to it.
        guard !deniers.isEmpty else { return }
        let positions = relations.documentPositions
        relations.update(positions) { r in
            guard r.attributes["source"] == nil else { return }
            for (denier, denied) in deniers where r.attributedTo.contains(denied) && !r.disputedBy.contains(denier) {
                r.disputedBy.append(denier)
            }
        }
    }

    /// Nouns for what a source publishes: "a statement released by X" names X as the source.
    static let statementNouns = EventRules.shared.statementNouns

    static let publishedParticiples = EventRules.shared.publishedParticiples

    /// The predicates that name what something is part of or holds (partOf, officialOf,
    /// memberOf): compared, where a `Set` of them hashed each relation's predicate.
    static func isNaming(_ p: KGModel.Predicate) -> Bool { p == .partOf || p == .officialOf || p == .memberOf }

    func relation(_ s: String, _ p: Predicate, _ o: String, _ ctx: Context, attributes: [String: String] = [:]) -> Relation {
        Relation(subject: s, predicate: p, object: .entity(o), attributes: attributes, evidence: [ctx.evidence])
    }

    // MARK: Attribution

    /// "according to X", "citing X", "X said", "…, X told reporters", "X published".
    /// `lastSpeaker` is the person quoted last, for "he said"; `lastSource` whoever was cited
    /// last, for "the statement notes".
    func sources(_ ctx: Context, lastSpeaker: String?, lastSource: String?) -> [String] {
        var out: [String] = []
        let lower = ctx.lower
        let flags = ctx.flags
        // Read once, not at every token (through the lexicon each access copied the list).
        let cues = lex.attributionCues
        // A token none of whose bits a branch below asks about (with "reads" as `.readsWord`)
        // gives no source; skipping it with one test spares the branches (a cue list with an
        // empty phrase, which would match anywhere, keeps every token).
        let cueAnywhere = cues.phrases.contains { $0.isEmpty }
        let asked: WordFlags = [.attributionCueStart, .publishedParticiple, .speechVerb, .publishVerb, .readsWord]
        for k in lower.indices where cueAnywhere || !flags[k].isDisjoint(with: asked) {
            let f = flags[k]
            let w = lower[k]
            var source: ResolvedMention?
            if let cue = cues.match(lower, at: k, startsPhrase: f.contains(.attributionCueStart)) {
                source = ctx.firstAfter(k + cue.count, within: 4) { $0.type.isActor }
            } else if w == "reads" || (f.contains(.publishedParticiple) && k + 1 < lower.count && lower[k + 1] == "by"
                                       && flags[max(0, k - 3)..<k].contains(where: { $0.contains(.statementNoun) })) {
                // "…, reads the bulletin of X"; "in a statement released by X".
                source = ctx.firstAfter(k + 1, within: 8) { $0.type.isActor }
            } else if f.contains(.speechVerb) {
                source = ctx.nearestBefore(k, within: 3) { $0.type.isActor }
                    ?? ctx.firstAfter(k + 1, within: 1) { $0.type.isActor }
                if source == nil, k > 0 {
                    // "he told reporters": the person quoted last. "The statement notes": whoever
                    // the article cited last.
                    if flags[k - 1].contains(.speakerPronoun), let id = lastSpeaker, !out.contains(id) {
                        out.append(id)
                    } else if flags[max(0, k - 2)..<k].contains(where: { $0.contains(.statementNoun) }) || (k == 1 && lower[0] == "it"),
                              let id = lastSource, !out.contains(id) {
                        out.append(id)
                    }
                }
            } else if f.contains(.publishVerb), k + 1 < lower.count, lower[k + 1] != "by" {
                source = ctx.nearestBefore(k, within: 3) { $0.type.isActor && $0.type != .place }
            }
            if let id = source?.id, !out.contains(id) { out.append(id) }
        }
        // "Azernews reports, citing Ukraine's intelligence": the outlet relays the speaker; it is
        // the provenance, not who makes the claim.
        guard out.count > 1 else { return out }
        let media = Set(ctx.mentions.filter { lex.mediaKeys.contains($0.candidate.key) }.map(\.id))
        if out.contains(where: { !media.contains($0) }) { out.removeAll { media.contains($0) } }
        return out
    }
}
