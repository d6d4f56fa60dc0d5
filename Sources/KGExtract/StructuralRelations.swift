import KGModel
import KGText

/// Relations that hold between bodies and places regardless of events: offices, sub-bodies,
/// membership, location and deployment.
extension RelationFinder {
    /// Unit and installation words: `Resources/structure.json`.
    struct Words: Decodable, Sendable {
        var militaryUnits: [String] { forces.units }
        var installations: [String] { bases.units }
        let deploymentClasses: WordSet
        private let forces: UnitNames
        private let bases: UnitNames

        private enum CodingKeys: String, CodingKey { case militaryUnits, installations, deploymentClasses }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            forces = UnitNames(try c.decode([String].self, forKey: .militaryUnits))
            bases = UnitNames(try c.decode([String].self, forKey: .installations))
            deploymentClasses = try c.decode(WordSet.self, forKey: .deploymentClasses)
        }

        /// Whether an agency key names a unit of a state's force ("agency:Russia|peacekeeping
        /// contingent", "agency:Russia|military base 102nd").
        func isForce(key: String) -> Bool { forces.named(in: key) }
        /// Whether it names an installation (a base, an outpost).
        func isInstallation(key: String) -> Bool { bases.named(in: key) }
    }

    static let words = ResourceLoader.decode(Words.self, named: "structure", in: .module)


    /// The state an agency or official belongs to, as an entity id. When the document never
    /// names the state itself, the word that implied it ("Russian" in "Russian peacekeepers")
    /// becomes the state's mention.
    func ownerEntity(of c: Candidate, _ ctx: Context, table: inout EntityTable) -> String? {
        guard let state = c.ownerState else { return nil }
        if let id = table.id(forKey: "state:" + state) { return id }
        guard let r = c.ownerTokens, let last = r.last else { return nil }
        // Without the possessive: "Russia" of "Russia’s".
        let end = isPossessiveMarker(ctx.lower[last]) ? last : r.upperBound
        guard end > r.lowerBound else { return nil }
        let tokens = ctx.sentence.tokens
        let start = tokens[r.lowerBound].start, stop = tokens[end - 1].end
        let mention = Candidate(sentence: c.sentence, tokens: r.lowerBound..<end, start: start, end: stop,
                                type: .state, key: "state:" + state, name: state,
                                surface: doc.source.cleanText(start..<stop), priority: 1)
        return table.add(mention, doc: doc.id)
    }

    /// A city the gazetteer places in a country the article also names: "Gyumri" and "Armenia"
    /// give Gyumri locatedIn Armenia, once per article, with `source: GeoNames` so the reader
    /// knows the sentence cited names the city but the location comes from the gazetteer.
    /// `states`: the gazetteer's state for each place name met so far in the document, so a name
    /// told again is not turned into a phrase key (built scalar by scalar) and looked up again.
    func gazetteerLocations(_ ctx: Context, namedStates: [String: String], done: inout Set<String>,
                            states: inout [String: String?]) -> [Relation] {
        var out: [Relation] = []
        // By index: iterating the mentions copied each one, places or not.
        for k in ctx.mentions.indices where ctx.mentions[k].type == .place {
            let m = ctx.mentions[k]
            guard !done.contains(m.id) else { continue }
            let state: String?
            let name = m.candidate.name
            if let known = states[name] { state = known } else { state = gazetteerState(of: m); states[name] = state }
            guard let state, let sid = namedStates[state] else { continue }
            done.insert(m.id)
            out.append(relation(m.id, .locatedIn, sid, ctx, attributes: ["source": "GeoNames"]))
        }
        return out
    }

    /// The state the gazetteer places a city or region in.
    func gazetteerState(of m: ResolvedMention) -> String? {
        switch lex.gazetteer[Lexicon.phraseKey(m.candidate.name)] {
        case .place(_, let iso?)?: return lex.stateByISO[iso]
        case .capital(_, let s)?: return s
        default: return nil
        }
    }

    /// "several regions of Russia, including North Ossetia, Adygea, Rostov": each listed place
    /// lies in the place or state the list belongs to.
    func includedPlaces(_ ctx: Context) -> [Relation] {
        var out: [Relation] = []
        let lower = ctx.lower
        // Asked of every word: the opener's bit (`listOpeners`) rules out all others with one test.
        for k in lower.indices where ctx.flags[k].contains(.listOpener) {
            let w = lower[k]
            guard w != "such" || (k + 1 < lower.count && lower[k + 1] == "as") else { continue }
            guard let whole = ctx.nearestBefore(k, within: 3, where: { $0.type == .state || $0.type == .place }),
                  whole.candidate.tokens.lowerBound >= 2, lower[whole.candidate.tokens.lowerBound - 1] == "of",
                  lists.placeCues.contains(String(lower[whole.candidate.tokens.lowerBound - 2].dropLast(lower[whole.candidate.tokens.lowerBound - 2].hasSuffix("s") ? 1 : 0)))
                    || lists.placeCues.contains(lower[whole.candidate.tokens.lowerBound - 2]) else { continue }
            // Walk the list: items separated by commas and "and", each optionally "the occupied …".
            var j = k + 1
            while true {
                while j < lower.count, Self.listFillers.contains(lower[j]) { j += 1 }
                guard j < lower.count, let part = ctx.mentions.first(where: { $0.candidate.tokens.lowerBound == j }),
                      part.type == .place else { break }
                out.append(relation(part.id, .locatedIn, whole.id, ctx))
                j = part.candidate.tokens.upperBound
            }
        }
        return out
    }

    /// Words between the items of a list of places, and between a place and the larger one it
    /// lies in: built once, where a set literal in the loop was built at every use.
    /// The words that open such a list ("such" only before "as"), as `WordFlags.listOpener`.
    static let listOpeners = EventRules.shared.listOpeners
    static let listFillers = EventRules.shared.listFillers
    static let placeGlue = EventRules.shared.placeGlue

    func structural(_ ctx: Context, table: inout EntityTable) -> [Relation] {
        var out: [Relation] = includedPlaces(ctx)
        let lower = ctx.lower
        // Made at the first apposition that asks for a title, not for every sentence.
        var madeFinder: MentionFinder?
        func finder() -> MentionFinder {
            if let f = madeFinder { return f }
            let f = MentionFinder(doc: doc, sentence: ctx.sentence)
            madeFinder = f
            return f
        }
        for m in ctx.mentions {
            let c = m.candidate
            // partOf: a state's agency belongs to the state.
            if c.type == .agency, let sid = ownerEntity(of: c, ctx, table: &table) {
                out.append(relation(m.id, .partOf, sid, ctx))
            }
            // officialOf: "Azerbaijan President Ilham Aliyev", "Foreign Ministry spokesperson X".
            if c.type == .official, let title = c.titleTokens, let role = c.role {
                let body = ctx.mentions.first {
                    $0.candidate.tokens.upperBound == title.lowerBound && $0.type != .event && $0.type != .place
                        && $0.type != .official && $0.type != .person
                }
                if let body {
                    out.append(relation(m.id, .officialOf, body.id, ctx, attributes: ["role": role]))
                } else if let sid = ownerEntity(of: c, ctx, table: &table) {
                    out.append(relation(m.id, .officialOf, sid, ctx, attributes: ["role": role]))
                }
            }
            // Apposition: "Olexi Danilov, secretary of the Ukrainian Security and Defense Council".
            if c.type == .official || c.type == .person {
                var k = c.tokens.upperBound
                if k < lower.count, lower[k] == "," {
                    k += 1
                    while k < lower.count, ["the", "acting", "deputy", "former"].contains(lower[k]) { k += 1 }
                    if let (role, end) = finder().title(at: k), end < lower.count, lower[end] == "of",
                       let body = ctx.firstAfter(end + 1, within: 3, where: { $0.type.isActor && $0.type != .person && $0.type != .official }) {
                        out.append(relation(m.id, .officialOf, body.id, ctx, attributes: ["role": role]))
                        table.promoteToOfficial(m.id)
                    }
                }
                // The other way round: "The president of the de facto Nagorno Karabakh government,
                // Arayik Harutyunyan, issued …" — the office opens the clause, the name follows it.
                let comma = c.tokens.lowerBound - 1
                if comma > 0, lower[comma] == "," {
                    var k = (0..<comma).last(where: { lower[$0] == "," }).map { $0 + 1 } ?? 0
                    while k < comma, ["the", "a", "acting", "deputy", "former"].contains(lower[k]) { k += 1 }
                    if let (role, end) = finder().title(at: k), end < comma, lower[end] == "of",
                       let body = ctx.mentions.last(where: { $0.candidate.tokens.upperBound <= comma && $0.candidate.tokens.lowerBound > end && $0.type.isActor
                           && $0.type != .person && $0.type != .official }) {
                        out.append(relation(m.id, .officialOf, body.id, ctx, attributes: ["role": role]))
                        table.promoteToOfficial(m.id)
                    }
                }
            }
            // deployedIn: "Russian peacekeepers in Nagorno-Karabakh", "the base in Gyumri".
            if c.type == .agency, Self.words.isForce(key: c.key) {
                // A base lies in a place; troops are deployed there.
                let predicate: KGModel.Predicate = Self.words.isInstallation(key: c.key) ? .locatedIn : .deployedIn
                let k = c.tokens.upperBound
                // The place must follow the preposition directly ("in Gyumri", "in the Lachin
                // corridor"); "forces to guard Armenia's borders" is a purpose, not a location.
                if k < lower.count, ["in", "at", "near", "to", "into", "inside"].contains(lower[k]),
                   let place = ctx.firstAfter(k + 1, within: 3, where: { $0.type == .place || $0.type == .state }),
                   place.candidate.tokens.lowerBound == k + 1 || (place.candidate.tokens.lowerBound == k + 2 && ["the", "a"].contains(lower[k + 1])) {
                    out.append(relation(m.id, predicate, place.id, ctx))
                    // A base there also means the force is there.
                    if predicate == .locatedIn { out.append(relation(m.id, .deployedIn, place.id, ctx)) }
                }
            }
            // locatedIn: "Tegh, the last village in Armenia", "Aliagali village of the Agdam region".
            if c.type == .place, let next = ctx.firstAfter(c.tokens.upperBound, within: 7, where: { $0.type == .place || $0.type == .state }) {
                let between = lower[c.tokens.upperBound..<next.candidate.tokens.lowerBound]
                // "Dzhanyatag, Nagorno-Karabakh" names a place and its region; "Volgograd, Rostov, …"
                // is a list. A bare comma links two places only outside a list.
                let afterNext = next.candidate.tokens.upperBound < lower.count ? lower[next.candidate.tokens.upperBound] : "."
                let beforeThis = c.tokens.lowerBound > 0 ? lower[c.tokens.lowerBound - 1] : "."
                let inList = [",", "and", "or"].contains(afterNext) || beforeThis == ","
                // "In Nagorno-Karabakh, Russia faces …": a state that goes on to act starts a clause.
                let startsClause = next.candidate.tokens.upperBound < lower.count
                    && ctx.sentence.tokens[next.candidate.tokens.upperBound].kind == .word
                    && !["on", "in", "at", "near", "and", "or", "where", "which", "when"].contains(afterNext)
                if between.contains(where: { ["in", "of", ","].contains($0) }),
                   between.allSatisfy({ Self.placeGlue.contains($0) || lists.placeCues.contains($0) }),
                   !(between.count == 1 && between.first == ",") || (!startsClause && (next.type == .state || !inList)) {
                    out.append(relation(m.id, .locatedIn, next.id, ctx))
                }
            }
            // memberOf: "Russia and Armenia are members of …", "both are members of the CSTO".
            if c.type == .organization, c.tokens.lowerBound >= 2, lower[c.tokens.lowerBound - 1] == "of"
                || (lower[c.tokens.lowerBound - 1] == "the" && c.tokens.lowerBound >= 3 && lower[c.tokens.lowerBound - 2] == "of") {
                let ofIndex = lower[c.tokens.lowerBound - 1] == "of" ? c.tokens.lowerBound - 1 : c.tokens.lowerBound - 2
                if ofIndex > 0, lists.memberWords.contains(lower[ofIndex - 1]) {
                    for member in ctx.mentions where member.candidate.tokens.upperBound <= ofIndex
                        && (member.type == .state || member.type == .agency) {
                        out.append(relation(member.id, .memberOf, m.id, ctx))
                    }
                }
            }
        }
        return out
    }
}
