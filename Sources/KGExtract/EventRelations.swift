import KGModel
import KGText

/// Event arguments and actor-to-actor relations: who did it, to whom, where and when; who
/// accuses, denies or aids whom.
extension RelationFinder {

    func events(_ ctx: Context) -> [Relation] {
        // Most sentences have no event: then none of the sentence-wide tables below is needed.
        guard ctx.mentions.contains(where: { $0.type == .event }) else { return [] }
        var out: [Relation] = []
        let lower = ctx.lower
        let flags = ctx.flags
        let dateMentions = doc.dates[ctx.sentence.index]
        // The source of a claim is who tells it, not who did it.
        let actor: (ResolvedMention) -> Bool = { $0.type.isActor && !ctx.sources.contains($0.id) }
        let allTriggers = ctx.mentions.filter { $0.type == .event }.map(\.candidate.tokens.lowerBound)
        // Triggers inside a relative clause (", where Russian peacekeepers are deployed,") are
        // asides: a date or place that opens the sentence belongs to the main clause's event.
        let relative = relativeClauses(lower, flags)
        let mainTriggers = allTriggers.filter { t in !relative.contains { $0.contains(t) } }
        let triggers = allTriggers
        /// With several events in a sentence, a place or date belongs to the nearest trigger.
        func nearest(_ k: Int, is t: Int) -> Bool {
            let candidates = mainTriggers.isEmpty || relative.contains(where: { $0.contains(k) }) ? allTriggers : mainTriggers
            return candidates.contains(t) && candidates.allSatisfy { abs($0 - k) >= abs(t - k) }
        }
        /// A place follows its event ("a raid in Yekaterinburg"): it belongs to the closest
        /// trigger before it, and only to one after it when none comes before.
        func owner(ofPlaceAt k: Int, is t: Int) -> Bool {
            // The greatest trigger before `k`, in one pass (a filtered copy cost an allocation a place).
            var before: Int?
            for x in triggers where x < k && (before == nil || x > before!) { before = x }
            if let before { return before == t }
            return nearest(k, is: t)
        }
        let quoted = quotedTokens(ctx)
        let fronted = frontedPlace(ctx)
        // Token offsets, for placing each date among the tokens: made once, not once per event.
        let tokenStarts = dateMentions.isEmpty ? [] : ctx.sentence.tokens.map(\.start)
        for e in ctx.mentions where e.type == .event {
            let t = e.candidate.tokens.lowerBound
            // What is said inside a quotation is the quote's content, not the speech event's
            // circumstances: arguments stay on the trigger's side of the quotation marks.
            let sameSide: (ResolvedMention) -> Bool = { quoted[$0.candidate.tokens.lowerBound] == quoted[t] }
            let end = e.candidate.tokens.upperBound
            // A trigger after an auxiliary is a verb ("has reportedly set up", "is expanding"); a
            // participle after a passive one is passive ("were detained").
            // The auxiliary's lists read from its word's bits (`auxiliaryFlags`), not hashed.
            let auxFlags = auxiliaryFlags(before: t, ctx)
            let isVerb = lower[t].hasSuffix("ed") || auxFlags.contains(.auxiliary)
            let passive = isVerb && auxFlags.contains(.passiveAuxiliary) && !lower[t].hasSuffix("ing")
            let kind = e.candidate.eventClass?.name ?? ""
            let statement = lists.statementKinds.contains(kind)
            // A statement's source is its author: for statements the speaker may be the agent.
            let actor: (ResolvedMention) -> Bool = statement ? { $0.type.isActor } : actor
            var agents: [ResolvedMention] = []
            var target: ResolvedMention?
            let clause = (end..<min(end + 7, lower.count)).prefix { !flags[$0].contains(.clauseBreak) }
            // "by" after another verb is that verb's ("its detention was confirmed by the UN"),
            // unless the verb carries the event out ("the recruitment order was issued by X").
            if let by = clause.first(where: { lower[$0] == "by" }),
               !flags[end..<by].contains(where: { $0.contains(.auxiliary) }) || flags[end..<by].contains(where: { $0.contains(.lightVerb) }),
               let a = ctx.firstAfter(by + 1, within: 3, where: actor) {
                // "a joint statement by the Ministry of Defense and the State Security Service".
                agents = [a] + ctx.coordinated(after: a, where: actor)
            } else if t >= 2, ["of", "for"].contains(lower[t - 1]),
                      let accuse = (max(0, t - 12)..<(t - 1)).last(where: { flags[$0].contains(.accuseWord) }),
                      let a = ctx.firstAfter(accuse + 1, within: t - 1 - accuse, where: actor) {
                // "accused the Rapid Support Forces of shelling": the accused is the claimed agent.
                agents = [a]
            } else if let between = clause.first(where: { lower[$0] == "between" }) {
                // "a shooting from small arms between the armed forces of Azerbaijan and Armenia":
                // both sides act.
                agents = Array(ctx.mentions.filter { m in
                    actor(m) && m.candidate.tokens.lowerBound > between && m.candidate.tokens.lowerBound <= between + 10
                }.prefix(2))
            } else if statement, end < lower.count, ["of", "from"].contains(lower[end]),
                      let a = ctx.firstAfter(end + 1, within: 6, where: actor) {
                // "the trilateral statement of the President of Azerbaijan, the Prime Minister of
                // Armenia and the President of Russia": every author in the list.
                agents = [a] + authorsListed(after: a, ctx, where: actor)
            }
            let reporting = statement || kind == "report"
            // "the shooting came from illegal Armenian armed groups": where fire comes from is who fired.
            let assault = e.candidate.eventClass?.cameo.map(rules.directedRoots.contains) ?? false
            if agents.isEmpty, assault,
               let cue = EventRules.originList.match(lower, at: end),
               let a = ctx.firstAfter(end + cue.count, within: 4, where: { actor($0) && $0.type != .place }) {
                agents = [a]
            }
            // "At an Oct. 27 briefing, Hovhannisyan said …": a statement set before the main clause
            // is the speaker's.
            if agents.isEmpty, reporting, let comma = (end..<min(end + 6, lower.count)).first(where: { lower[$0] == "," }),
               (max(0, t - 6)..<t).contains(where: { flags[$0].contains(.statementSetting) && ($0 == 0 || lower[$0 - 1] == ",") }),
               let speaker = ctx.mentions.first(where: { m in ctx.sources.contains(m.id) && m.candidate.tokens.lowerBound > comma }) {
                agents = [speaker]
            }
            // "its increasingly catastrophic war": the owner of the pronoun, the subject before it.
            // "their detention" is what was done to them, so the pronoun gives no agent there.
            if agents.isEmpty, !rules.patientPossessorClasses.contains(kind),
               let p = (max(0, t - 3)..<t).last(where: { flags[$0].contains(.possessivePronoun) }),
               ((p + 1)..<t).allSatisfy({ lower[$0].first?.isLetter == true && !flags[$0].contains(.locativePreposition) }),
               let a = ctx.subjectBefore(p, within: 10, where: { actor($0) && $0.type != .event && sameSide($0) }) {
                agents = [a]
            }
            // "joint military exercises with the United States": the partner acts too.
            if t > 0, lower[t - 1] == "joint" || (t > 1 && lower[t - 2] == "joint"), end < lower.count, lower[end] == "with",
               let partner = ctx.firstAfter(end + 1, within: 3, where: actor) {
                if agents.isEmpty, let a = ctx.subjectBefore(t, within: 10, where: { actor($0) && $0.type != .event && sameSide($0) }) {
                    agents = [a]
                }
                if !agents.contains(where: { $0.id == partner.id }) { agents.append(partner) }
            }
            // "The Israeli military said it targeted Hamas": a pronoun subject in reported speech is
            // the speaker.
            if agents.isEmpty, isVerb, !passive, t > 0, ["it", "they", "he", "she", "we"].contains(lower[t - 1]),
               let speaker = ctx.sources.first, let m = ctx.mentions.first(where: { $0.id == speaker }),
               m.candidate.tokens.upperBound < t {
                agents = [m]
            }
            // "Oleksiy Danilov, secretary of the Security Council, told Ukrainska Pravda": the
            // subject stands before the apposition that a comma right before the verb closes.
            var beforeVerb = t - 1
            while beforeVerb >= 0, lower[beforeVerb].hasSuffix("ly") || flags[beforeVerb].contains(.auxiliary) { beforeVerb -= 1 }
            if agents.isEmpty, !passive, isVerb || flags[t].contains(.speechVerb), beforeVerb > 0, lower[beforeVerb] == ",",
               let near = ctx.nearestBefore(t, within: 12, where: { actor($0) && $0.type != .event && sameSide($0) }),
               let outer = ctx.subjectBefore(t, within: 12, where: { actor($0) && $0.type != .event && sameSide($0) }),
               outer.id != near.id, let open = (0..<near.candidate.tokens.lowerBound).last(where: { lower[$0] == "," }),
               open + 1 < lower.count, !["where", "when"].contains(lower[open + 1]) {
                agents = [outer]
            }
            if passive && !reporting {
                target = ctx.nearestBefore(t, within: 6) { $0.type != .event && sameSide($0) }
            } else if agents.isEmpty, let a = ctx.nearestBefore(t, within: 10, where: { actor($0) && $0.type != .event && sameSide($0) }) {
                let between = lower[a.candidate.tokens.upperBound..<t]
                let betweenFlags = flags[a.candidate.tokens.upperBound..<t]
                // A verb's subject is its agent. A noun's agent stands right before it ("Russian
                // security forces' raid", "Azerbaijan's offensive") or is the subject of a light
                // verb that governs it ("X conducted a raid"). "Armenian forces repelled an
                // attack": whoever repels it did not carry it out.
                let adjacent = between.allSatisfy { isPossessiveMarker($0) || ["the", "a", "an"].contains($0) } && between.count <= 2
                // "X, the president of Y, issued an open letter": the comma that closes an
                // apposition does not part the subject from its verb.
                let apposition = between.first == "," && a.candidate.tokens.lowerBound > 0 && lower[a.candidate.tokens.lowerBound - 1] == ","
                let governed = betweenFlags.contains { $0.contains(.lightVerb) } && !between.dropFirst(apposition ? 1 : 0).contains(",")
                // "X, where Russian peacekeepers are deployed, fired at …": a verb's subject is not
                // inside a clause the comma closes.
                let clauseBreak = isVerb && between.dropFirst(apposition ? 1 : 0).contains(",")
                    // "Russia reports peacekeepers killed": who reports a deed did not do it.
                    || betweenFlags.contains { $0.contains(.speechVerb) }
                // "the case of Armenian servicemen detained in December": a participle right after
                // the object of a preposition is a reduced passive; that noun is who underwent it.
                let opening = a.candidate.tokens.lowerBound - 1
                let reducedPassive = isVerb && between.isEmpty && !auxFlags.contains(.auxiliary) && opening >= 0
                    && !flags[opening].isDisjoint(with: [.locativePreposition, .objectPreposition])
                if reducedPassive {
                    if target == nil { target = a }
                } else if !betweenFlags.contains(where: { $0.contains(.counterVerb) }), !clauseBreak, isVerb || adjacent || governed {
                    agents = [a]
                }
            }
            // "A vehicle carrying Russian peacekeepers came under fire": what comes under it is the target.
            if target == nil, t >= 2, lower[t - 1] == "under", ["came", "come", "comes", "coming"].contains(lower[t - 2]) {
                target = ctx.nearestBefore(t - 2, within: 6) { $0.type != .event && $0.type != .place && sameSide($0) }
            }
            // "an open letter to Vladimir Putin": a statement's addressee.
            if target == nil, reporting, let to = clause.first(where: { lower[$0] == "to" }) {
                target = ctx.firstAfter(to + 1, within: 5) { $0.type.isActor }
                // "to UN Secretary General Antonio Guterres": the person, not the body of the title.
                if let body = target, body.type != .official, body.type != .person,
                   let person = ctx.mentions.first(where: { m in
                       (m.type == .official || m.type == .person) && m.candidate.tokens.lowerBound > body.candidate.tokens.lowerBound
                           && (m.candidate.titleTokens?.lowerBound ?? m.candidate.tokens.lowerBound) <= body.candidate.tokens.upperBound + 1
                   }) {
                    target = person
                }
            }
            // "demanded that Yerevan stop": a demand is addressed to the that-clause's subject.
            if target == nil, rules.addressedClasses.contains(kind), end + 1 < lower.count, lower[end] == "that" {
                target = ctx.mention(startingAt: end + 1, within: 2) { $0.type.isActor }
            }
            // "attacks in the direction of Berdzor", "advanced towards Lachin": where an assault
            // heads is its target, and also where it takes place.
            var directional = false
            if target == nil, let root = e.candidate.eventClass?.cameo, rules.directedRoots.contains(root),
               let cue = EventRules.directionList.match(lower, at: end),
               let goal = ctx.firstAfter(end + cue.count, within: 3, where: { $0.type != .event && $0.type != .person && $0.type != .official }) {
                target = goal
                directional = true
            }
            if target == nil, end < lower.count {
                // "said at the Valdai club": for a statement, "at" gives the venue, not a target.
                if flags[end].contains(.targetPreposition), !(reporting && lower[end] == "at") {
                    // "fired at units of the Azerbaijani army": past a partitive to the force itself.
                    target = ctx.firstAfter(end + 1, within: 5) { $0.type != .event }
                } else if isVerb && !reporting {
                    // A direct object follows the verb at once ("attacked Armenia"); after a
                    // preposition ("killed in Nagorno-Karabakh") it is a circumstance, not a target.
                    target = ctx.firstAfter(end, within: 2) { m in
                        m.type != .event && (m.candidate.tokens.lowerBound == end || ["the", "a"].contains(lower[end]))
                    }
                }
            }
            // "In a statement released by the ministry, officials said the patrol was hit near
            // Dzhanyatag": where the reported thing happened is not where the statement was made.
            // "the bulletin … on the activities of the contingent in the zone of the conflict": what
            // a report is about is not where it was made either.
            let content = reporting ? (end..<lower.count).first { k in
                ctx.flags[k].contains(.speechVerb) || lower[k] == "that"
                    || (flags[k].contains(.topicPreposition) && k + 2 < lower.count && ["the", "a", "an"].contains(lower[k + 1])
                        && !ctx.sentence.tokens[k + 2].isCapitalized)
            } ?? lower.count : lower.count
            // Place: after a locative, nearest the trigger, preferring what follows it.
            // The tests are pure; the word-list test of `locative` runs last, after the cheap ones.
            // Asked of the class once, not of each place the filter passes.
            let destination = rules.destinationClasses.contains(kind)
            let places = ctx.mentions.filter { m in
                m.candidate.tokens.lowerBound < content
                    && (m.type == .place || m.type == .state) && (directional || m.id != target?.id) && !agents.contains(where: { $0.id == m.id })
                    && sameSide(m)
                    && owner(ofPlaceAt: m.candidate.tokens.lowerBound, is: t)
                    // "the flight was performed to Yerevan": a shipment's destination town is where it goes.
                    && locative(before: m.candidate.tokens.lowerBound, lower, flags, allowingTo: m.type == .place && destination)
            }
            var place = places.first { $0.candidate.tokens.lowerBound >= end } ?? places.last
            // "the Sumgait pogroms", "the Srebrenica massacre": a place named right before the event.
            if place == nil, let p = ctx.nearestBefore(t, within: 1, where: { $0.type == .place }), sameSide(p) {
                place = p
            }
            // "recruitment of servicemen from several regions of Russia": where recruits, evacuees
            // or withdrawing troops come from is where it happens.
            if place == nil, rules.originClasses.contains(kind),
               let from = (end..<min(end + 6, lower.count)).first(where: { lower[$0] == "from" }),
               let p = ctx.firstAfter(from + 1, within: 5, where: { $0.type == .place || $0.type == .state }), sameSide(p) {
                place = p
            }
            // "Russian peacekeepers were deployed": troops moved carry out their own deployment.
            if passive, agents.isEmpty, Self.words.deploymentClasses.contains(kind), let troops = target, troops.type == .agency {
                agents = [troops]
                target = nil
            }
            // "attacks on the breakaway region of Nagorno-Karabakh": an assault on a place happens there.
            if place == nil, assault, let target, target.type == .place { place = target }
            for agent in agents { out.append(relation(e.id, .hasAgent, agent.id, ctx)) }
            // "“…,” he said on Oct. 25": the speaker the pronoun stands for made the statement.
            if agents.isEmpty, reporting, t > 0, flags[t - 1].contains(.speakerPronoun), flags[t].contains(.speechVerb),
               let speaker = ctx.sources.first {
                out.append(relation(e.id, .hasAgent, speaker, ctx))
            }
            // "In the city of Khankendi, the headquarters has been deployed in Nagorno-Karabakh":
            // a place that opens the sentence is where the main clause's event happens too.
            if let fronted, fronted.id != place?.id,
               allTriggers.first(where: { $0 > fronted.candidate.tokens.upperBound }) == t {
                out.append(relation(e.id, .hasPlace, fronted.id, ctx))
            }
            if let target, !agents.contains(where: { $0.id == target.id }) { out.append(relation(e.id, .hasTarget, target.id, ctx)) }
            if let place {
                out.append(relation(e.id, .hasPlace, place.id, ctx))
                // "…, including North Ossetia, Adygea, Rostov and the occupied Crimea": the places
                // listed after it are the event's places too.
                for p in listedPlaces(after: place, ctx) where p.id != place.id {
                    out.append(relation(e.id, .hasPlace, p.id, ctx))
                }
                // "its presence in Armenia … at the base in Gyumri": a city of the event's country
                // named in the same clause narrows where it happens; both are its places.
                if place.type == .state {
                    for p in places where p.id != place.id && p.type == .place && gazetteerState(of: p) == place.candidate.name {
                        out.append(relation(e.id, .hasPlace, p.id, ctx))
                    }
                }
            }
            let startOffset = e.candidate.start
            let ownDates = dateMentions.filter { d in
                let k = tokenStarts.firstIndex { $0 >= d.range.lowerBound } ?? lower.count
                // "(as of July 14, 2021)" dates a report's snapshot, not a happening; for the
                // report itself it is its date.
                let snapshot = !reporting && EventRules.snapshotPhrases.contains { p in
                    k - p.count >= 0 && lower[(k - p.count)..<k].elementsEqual(p)
                }
                // Like a place, a date follows its event ("air strikes on Rafah on Monday, killing …").
                return !snapshot && owner(ofPlaceAt: k, is: t) && (k >= quoted.count || quoted[k] == quoted[t])
            }
            if var date = ownDates.min(by: { abs($0.range.lowerBound - startOffset) < abs($1.range.lowerBound - startOffset) }) {
                // "“Today, the enemy attacked,” he told reporters" after "At an Oct. 27 briefing":
                // the quotation's today is the briefing's day.
                if date.deictic, t < quoted.count, quoted[t], let day = ctx.speechDay,
                   let again = DateFinder(reference: day).find(in: ctx.sentence.tokens).first(where: { $0.range == date.range }) {
                    date = again
                }
                out.append(Relation(subject: e.id, predicate: .hasDate, object: .date(date.date), evidence: [ctx.evidence]))
            }
        }
        return out
    }

    /// "In the city of Khankendi, …", "Near Gao, …": a place in a locative phrase that opens the
    /// sentence and ends at a comma.
    func frontedPlace(_ ctx: Context) -> ResolvedMention? {
        let lower = ctx.lower
        guard let first = lower.first, ["in", "at", "near", "outside", "inside"].contains(first),
              let comma = lower.prefix(8).firstIndex(of: ","),
              let m = ctx.mentions.last(where: { $0.candidate.tokens.upperBound == comma }),
              m.type == .place, locative(before: m.candidate.tokens.lowerBound, lower, ctx.flags) else { return nil }
        return m
    }

    /// Token ranges of relative clauses: from ", where/which/who" to the next comma.
    /// The marks are read from the words' bits (`.comma`, `.clauseStop`); the pronouns are three
    /// to five bytes long, and a small string's length is read from its bits, so most words
    /// after a comma are passed over without a comparison.
    func relativeClauses(_ lower: [String], _ flags: [WordFlags]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for k in lower.indices.dropLast() where flags[k].contains(.comma) {
            let n = lower[k + 1].utf8.count
            guard n >= 3, n <= 5, ["where", "which", "who", "whom", "whose"].contains(lower[k + 1]) else { continue }
            let close = (k + 2..<lower.count).first { !flags[$0].isDisjoint(with: [.comma, .clauseStop]) } ?? lower.count
            out.append(k..<close)
        }
        return out
    }

    /// Authors listed after the first: actors joined by commas or "and", with only titles and
    /// "of the Republic of" between them ("…, the Prime Minister of the Republic of Armenia and …").
    func authorsListed(after first: ResolvedMention, _ ctx: Context, where ok: (ResolvedMention) -> Bool) -> [ResolvedMention] {
        let lower = ctx.lower
        let tokens = ctx.sentence.tokens
        var out: [ResolvedMention] = []
        var k = first.candidate.tokens.upperBound
        while out.count < 4 {
            guard let next = ctx.mentions.first(where: { $0.candidate.tokens.lowerBound >= k && $0.candidate.tokens.lowerBound - k <= 10 && ok($0) }) else { break }
            let gap = k..<next.candidate.tokens.lowerBound
            let joined = gap.contains { [",", "and"].contains(lower[$0]) }
            let onlyTitles = gap.allSatisfy { [",", "and", "the", "of"].contains(lower[$0]) || tokens[$0].isCapitalized || isPossessiveMarker(lower[$0]) }
            guard joined, onlyTitles, next.id != first.id, !out.contains(where: { $0.id == next.id }) else { break }
            out.append(next)
            k = next.candidate.tokens.upperBound
        }
        return out
    }

    /// The places of a list opened by "including" or "such as" right after `place`.
    func listedPlaces(after place: ResolvedMention, _ ctx: Context) -> [ResolvedMention] {
        let lower = ctx.lower
        let cues = EventRules.listPhrases
        func cue(endingBefore e: Int) -> Bool {
            cues.contains { c in e - c.count >= 0 && lower[(e - c.count)..<e].elementsEqual(c) }
        }
        var k = place.candidate.tokens.upperBound
        if cue(endingBefore: place.candidate.tokens.lowerBound) {
            // The place is the list's first item: "…, including Mopti, Segou and Kayes".
            while k < lower.count, [",", "and", "or"].contains(lower[k]) { k += 1 }
        } else {
            if k < lower.count, lower[k] == "," { k += 1 }
            guard let c = EventRules.listCueList.match(lower, at: k) else {
                return []
            }
            k += c.count
        }
        var out: [ResolvedMention] = []
        // Items: a place, then a comma or "and" (or both), maybe "the" and a lowercase modifier.
        while let m = ctx.mentions.first(where: { $0.candidate.tokens.lowerBound >= k && $0.candidate.tokens.lowerBound <= k + 2 }),
              m.type == .place || m.type == .state {
            let skipped = lower[k..<m.candidate.tokens.lowerBound]
            guard skipped.allSatisfy({ ["the", "and", ","].contains($0) || $0.first?.isLowercase == true }) else { break }
            out.append(m)
            k = m.candidate.tokens.upperBound
            while k < lower.count, [",", "and", "or"].contains(lower[k]) { k += 1 }
        }
        return out
    }

    /// For each token, whether it lies inside quotation marks.
    func quotedTokens(_ ctx: Context) -> [Bool] {
        // Compared as UTF-8 bytes: a `switch` on the text compared each token with three
        // strings. None of the marks is equivalent to any other sequence, so bytes decide.
        // Read from the lowercased words (the marks have no case): mapping the tokens copied
        // each one with its strings. Only words of one or three bytes are read further.
        // Only a quotation mark (its bit, `.quoteMark`) changes the state: other words take it as it is.
        var inside = false
        var out = [Bool](repeating: false, count: ctx.lower.count)
        let flags = ctx.flags
        for (k, w) in ctx.lower.enumerated() {
            guard flags[k].contains(.quoteMark) else {
                out[k] = inside
                continue
            }
            let u = w.utf8
            switch u.count {
            case 1 where u.first == 0x22:
                inside.toggle()
                out[k] = true
                continue
            case 3:
                var bytes = u.makeIterator()
                if bytes.next() == 0xE2, bytes.next() == 0x80 {
                    switch bytes.next() {
                    case 0x9C: inside = true; out[k] = true; continue   // “
                    case 0x9D: inside = false; out[k] = true; continue  // ”
                    default: break
                    }
                }
            default: break
            }
            out[k] = inside
        }
        return out
    }

    /// Whether a place at token `k` is introduced as a location: "in Gyumri", "near the village
    /// of Dzhanyatag". "to" and "from" mark destinations and origins, not where it happened.
    /// The word lists are read from `flags` (the words' bits), not hashed: this runs for every
    /// place and state mention near each event trigger.
    func locative(before k: Int, _ lower: [String], _ flags: [WordFlags], allowingTo: Bool = false) -> Bool {
        var j = k - 1
        while j >= 0, k - j <= 6, !flags[j].isDisjoint(with: [.locativeFiller, .placeCue, .direction]) { j -= 1 }
        guard j >= 0 else { return false }
        // A deployment may name its destination ("sent to Armenia"); an event's place may not.
        return (flags[j].contains(.locativePreposition) || lower[j] == "on") && (allowingTo || lower[j] != "to") && lower[j] != "from"
    }

    /// The bits of the word before token `t` past "-ly" adverbs (`EventRules.auxiliary`), where a
    /// verb's auxiliary stands; with none, the bits `""` would have (none of these lists is
    /// expected to hold it, but the answer stays what the lists say).
    func auxiliaryFlags(before t: Int, _ ctx: Context) -> WordFlags {
        var v = t - 1
        while v >= 0, ctx.lower[v].hasSuffix("ly") { v -= 1 }
        if v >= 0 { return ctx.flags[v] }
        var out: WordFlags = []
        if rules.auxiliaries.contains("") { out.insert(.auxiliary) }
        if rules.passiveAuxiliaries.contains("") { out.insert(.passiveAuxiliary) }
        return out
    }

    /// Words that end a clause after a trigger, and words skipped before a place: asked of
    /// several tokens per event, where array literals compared each word with each string.
    static let clauseBreaks = EventRules.shared.clauseBreaks
    static let locativeFillers = EventRules.shared.locativeFillers

    /// Asked at every token: a `WordSet` answers most words without hashing, an array literal
    /// compared them one by one.
    static let claimDeterminers = EventRules.shared.claimDeterminers

    func interactions(_ ctx: Context, accusers: inout [String], deniers: inout [(denier: String, denied: String)]) -> [Relation] {
        var out: [Relation] = []
        let lower = ctx.lower
        let actor: (ResolvedMention) -> Bool = { $0.type.isActor }
        let flags = ctx.flags
        // A word in none of the four lists starts no interaction: passed over with one test.
        let asked: WordFlags = [.accuseWord, .denyWord, .deployWord, .aidWord]
        for k in lower.indices where !flags[k].isDisjoint(with: asked) {
            let f = flags[k]
            // "the claims", "these allegations": a noun naming a claim, not someone making one.
            let afterDeterminer = k > 0 && flags[k - 1].contains(.claimDeterminer)
            if f.contains(.accuseWord), !afterDeterminer, let s = ctx.subjectBefore(k, within: 10, where: actor) {
                var from = k + 1
                if from < lower.count, lower[from] == "that" { from += 1 }
                if let o = ctx.firstAfter(from, within: 10, where: actor), o.id != s.id {
                    out.append(relation(s.id, .accuses, o.id, ctx))
                    accusers.append(s.id)
                }
            }
            if f.contains(.denyWord), let s = ctx.subjectBefore(k, within: 12, where: actor),
               let denied = accusers.last(where: { $0 != s.id }) {
                out.append(relation(s.id, .denies, denied, ctx))
                deniers.append((s.id, denied))
            }
            // "Russia has set up a small military outpost on the border of Armenia",
            // "Russian peacekeepers are stationed in Khankendi".
            if f.contains(.deployWord), let s = ctx.subjectBefore(k, within: 8, where: { $0.type == .state || $0.type == .agency }),
               let place = ctx.mentions.first(where: { m in
                   (m.type == .place || m.type == .state) && m.id != s.id && m.candidate.tokens.lowerBound > k
                       && m.candidate.tokens.lowerBound - k <= 10 && locative(before: m.candidate.tokens.lowerBound, lower, flags, allowingTo: true)
               }), !lower[(k + 1)..<place.candidate.tokens.lowerBound].contains(where: { [",", ";"].contains($0) }) {
                out.append(relation(s.id, .deployedIn, place.id, ctx))
            }
            if f.contains(.aidWord), let s = ctx.subjectBefore(k, within: 10, where: actor),
               let to = (k + 1..<min(k + 6, lower.count)).first(where: { lower[$0] == "to" }),
               let o = ctx.firstAfter(to + 1, within: 4, where: { $0.type != .event }), o.id != s.id {
                out.append(relation(s.id, .aids, o.id, ctx))
            }
        }
        return out
    }
}
