import KGModel
import KGText

/// A span of a sentence that names something, before mentions are merged into entities.
struct Candidate: Sendable {
    var sentence: Int
    /// Token indices within the sentence.
    var tokens: Range<Int>
    /// Scalar offsets within the document.
    var start: Int
    var end: Int
    var type: EntityType
    /// Identity: candidates with the same key are one entity ("state:Russia", "person:ilham aliyev").
    var key: String
    /// The entity's canonical name, when this mention knows it ("Russia" for "Moscow").
    var name: String
    /// The text as written.
    var surface: String
    /// Why the candidate was found; a stronger source wins overlaps.
    var priority: Int
    /// For officials: the office as written ("President", "spokesperson").
    var role: String?
    /// For agencies and officials: the state they belong to, when the phrase says so.
    var ownerState: String?
    /// The tokens that named `ownerState` ("Russian" in "Russian President Vladimir Putin").
    var ownerTokens: Range<Int>?
    /// For officials: the key of the body they serve, when the phrase names it.
    var serves: String?
    /// For officials: the tokens of the title before the name ("President" in "President Putin").
    var titleTokens: Range<Int>?
    /// Other full names this mention carries (the whole "Azerbaijan President Ilham Aliyev").
    var extraAliases: [String] = []
    /// For mentions of lexicon entries: the entry's Wikidata id and CAMEO code.
    var wikidata: String?
    var cameo: String?
    /// For events: the class and CAMEO root code of the trigger.
    var eventClass: EventLexicon.EventClass?

    var span: Range<Int> { start..<end }
}

/// A document after the text stage: sentences, metadata and, later, candidates.
struct AnalyzedDocument {
    let id: String
    let source: SourceText
    let sentences: [Sentence]
    let date: DateLiteral?
    let dateInferred: Bool
    let title: String?
    /// Each sentence's dates, resolved against the article's date; events and relations both read them.
    let dates: [[DateMention]]
    /// The names the stages look up: the bundled data plus any user lexicon.
    let lexicon: Lexicon
    /// Each sentence's tokens lowercased, and their ids in `lexicon.vocabulary` (0 for a word
    /// no phrase has): made once here, read by every stage.
    let lower: [[String]]
    let wordIDs: [[Int32]]

    init(id: String, source: SourceText, lexicon: Lexicon = .shared) {
        self.id = id
        self.source = source
        self.lexicon = lexicon
        self.sentences = SentenceSplitter.sentences(source.clean)
        let meta = DocumentMetadata.read(source, sentences: sentences)
        self.date = meta.date
        self.dateInferred = meta.dateInferred
        self.title = meta.title
        let finder = DateFinder(reference: meta.date)
        self.dates = sentences.map { finder.find(in: $0.tokens) }
        self.lower = sentences.map { $0.tokens.map(\.lowercased) }
        self.wordIDs = lower.map(lexicon.vocabulary.ids)
    }
}

/// The possessive marker as a token: "'s" or "’s".
func isPossessiveMarker(_ lowercased: String) -> Bool {
    lowercased == "'s" || lowercased == "\u{2019}s"
}

/// Normalization for identity keys: case-folded, curly quotes straightened, spaces collapsed.
func normalizeKey(_ s: String) -> String {
    var out = ""
    var lastSpace = true
    for c in s.lowercased().unicodeScalars {
        let mapped: Unicode.Scalar = c == "\u{2019}" || c == "\u{2018}" ? "'" : c
        if mapped.properties.isWhitespace || mapped == "-" {
            if !lastSpace { out.append(" ") }
            lastSpace = true
        } else {
            out.unicodeScalars.append(mapped)
            lastSpace = false
        }
    }
    return out.trimmingWhitespace()
}
