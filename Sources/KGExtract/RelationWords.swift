/// The lexicon's word lists that the event and relation rules ask about per token or per event, read
/// once per document. `lex.speechVerbs` goes through a key path into the raw lexicon and
/// copies the set on every read; asked inside the per-event rules it cost more than the
/// lookups themselves. A class: `RelationFinder` is copied into the rules' closures, and a
/// struct of sets there meant retaining each set for each closure.
final class RelationWords: Sendable {
    /// The event rules, for the same reason.
    let rules: EventRules
    let speechVerbs: WordSet
    let placeCues: WordSet
    let directions: WordSet
    let locativePrepositions: WordSet
    let targetPrepositions: WordSet
    let lightVerbs: WordSet
    let counterVerbs: WordSet
    let statementKinds: WordSet
    let accuseWords: WordSet
    let memberWords: WordSet

    init(_ lex: Lexicon) {
        rules = EventRules.shared
        speechVerbs = lex.speechVerbs
        placeCues = lex.placeCues
        directions = lex.directions
        locativePrepositions = lex.locativePrepositions
        targetPrepositions = lex.targetPrepositions
        lightVerbs = lex.lightVerbs
        counterVerbs = lex.counterVerbs
        statementKinds = lex.statementKinds
        accuseWords = lex.accuseWords
        memberWords = lex.memberWords
    }
}
