import KGModel
import KGText

/// A span of a sentence that names something, before mentions are merged into entities.
///
/// A value type whose strings live in one copy-on-write box: stages copy candidates constantly
/// (into resolved mentions, out of `first(where:)`), and copying eleven strings and arrays
/// retained and released each of them. A copy now retains the box once; the first change to
/// a shared copy copies the box.
struct Candidate: Sendable {
    var sentence: Int
    /// Token indices within the sentence.
    var tokens: Range<Int>
    /// Scalar offsets within the document.
    var start: Int
    var end: Int
    var type: EntityType
    /// Why the candidate was found; a stronger source wins overlaps.
    var priority: Int
    /// The tokens that named `ownerState` ("Russian" in "Russian President Vladimir Putin").
    var ownerTokens: Range<Int>?
    /// For officials: the tokens of the title before the name ("President" in "President Putin").
    var titleTokens: Range<Int>?
    private var box: Box

    /// The fields that need reference counting. Mutated only through `unique()`, so never
    /// shared while written: that is what makes the unchecked `Sendable` sound.
    private final class Box: @unchecked Sendable {
        var key: String
        var name: String
        var surface: String
        var role: String?
        var ownerState: String?
        var serves: String?
        var extraAliases: [String]
        var wikidata: String?
        var cameo: String?
        var eventClass: EventLexicon.EventClass?

        init(key: String, name: String, surface: String, role: String?, ownerState: String?, serves: String?,
             extraAliases: [String], wikidata: String?, cameo: String?, eventClass: EventLexicon.EventClass?) {
            self.key = key
            self.name = name
            self.surface = surface
            self.role = role
            self.ownerState = ownerState
            self.serves = serves
            self.extraAliases = extraAliases
            self.wikidata = wikidata
            self.cameo = cameo
            self.eventClass = eventClass
        }

        func copy() -> Box {
            Box(key: key, name: name, surface: surface, role: role, ownerState: ownerState, serves: serves,
                extraAliases: extraAliases, wikidata: wikidata, cameo: cameo, eventClass: eventClass)
        }
    }

    init(sentence: Int, tokens: Range<Int>, start: Int, end: Int, type: EntityType, key: String, name: String,
         surface: String, priority: Int, role: String? = nil, ownerState: String? = nil, ownerTokens: Range<Int>? = nil,
         serves: String? = nil, titleTokens: Range<Int>? = nil, extraAliases: [String] = [], wikidata: String? = nil,
         cameo: String? = nil, eventClass: EventLexicon.EventClass? = nil) {
        self.sentence = sentence
        self.tokens = tokens
        self.start = start
        self.end = end
        self.type = type
        self.priority = priority
        self.ownerTokens = ownerTokens
        self.titleTokens = titleTokens
        self.box = Box(key: key, name: name, surface: surface, role: role, ownerState: ownerState, serves: serves,
                       extraAliases: extraAliases, wikidata: wikidata, cameo: cameo, eventClass: eventClass)
    }

    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    /// Identity: candidates with the same key are one entity ("state:Russia", "person:ilham aliyev").
    var key: String {
        get { box.key }
        set { unique().key = newValue }
    }
    /// The entity's canonical name, when this mention knows it ("Russia" for "Moscow").
    var name: String {
        get { box.name }
        set { unique().name = newValue }
    }
    /// The text as written.
    var surface: String {
        get { box.surface }
        set { unique().surface = newValue }
    }
    /// For officials: the office as written ("President", "spokesperson").
    var role: String? {
        get { box.role }
        set { unique().role = newValue }
    }
    /// For agencies and officials: the state they belong to, when the phrase says so.
    var ownerState: String? {
        get { box.ownerState }
        set { unique().ownerState = newValue }
    }
    /// For officials: the key of the body they serve, when the phrase names it.
    var serves: String? {
        get { box.serves }
        set { unique().serves = newValue }
    }
    /// Other full names this mention carries (the whole "Azerbaijan President Ilham Aliyev").
    var extraAliases: [String] {
        get { box.extraAliases }
        set { unique().extraAliases = newValue }
    }
    /// For mentions of lexicon entries: the entry's Wikidata id and CAMEO code.
    var wikidata: String? {
        get { box.wikidata }
        set { unique().wikidata = newValue }
    }
    var cameo: String? {
        get { box.cameo }
        set { unique().cameo = newValue }
    }
    /// For events: the class and CAMEO root code of the trigger.
    var eventClass: EventLexicon.EventClass? {
        get { box.eventClass }
        set { unique().eventClass = newValue }
    }

    var span: Range<Int> { start..<end }
}

/// A document after the text stage: sentences, metadata and, later, candidates.
/// A class: every stage (one `MentionFinder` per sentence) holds the document, and copying a
/// struct of ten arrays and strings retained and released each of them per copy.
final class AnalyzedDocument {
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
    /// Each token's word lists, found in the same lookup as its id.
    let flags: [[WordFlags]]

    init(id: String, source: SourceText, lexicon: Lexicon = .shared) {
        self.id = id
        self.source = source
        self.lexicon = lexicon
        let tokenized = SentenceSplitter.tokenized(source.clean)
        self.sentences = tokenized.sentences
        let meta = DocumentMetadata.read(source, sentences: sentences)
        self.date = meta.date
        self.dateInferred = meta.dateInferred
        self.title = meta.title
        let finder = DateFinder(reference: meta.date)
        self.dates = sentences.map { finder.find(in: $0.tokens) }
        // Each distinct word is looked up once; its tokens take the answer by index, all three
        // arrays of a sentence in one pass (three `map`s over nested arrays cost twice as much).
        let words = tokenized.words.map(\.lowercased)
        let (ids, wordFlags) = lexicon.vocabulary.lookup(words)
        var lower: [[String]] = []
        var wordIDs: [[Int32]] = []
        var flags: [[WordFlags]] = []
        lower.reserveCapacity(sentences.count)
        wordIDs.reserveCapacity(sentences.count)
        flags.reserveCapacity(sentences.count)
        for indices in tokenized.wordIndices {
            var l: [String] = []
            var d: [Int32] = []
            var f: [WordFlags] = []
            l.reserveCapacity(indices.count)
            d.reserveCapacity(indices.count)
            f.reserveCapacity(indices.count)
            for k in indices {
                let w = Int(k)
                l.append(words[w])
                d.append(ids[w])
                f.append(wordFlags[w])
            }
            lower.append(l)
            wordIDs.append(d)
            flags.append(f)
        }
        self.lower = lower
        self.wordIDs = wordIDs
        self.flags = flags
    }
}

/// The possessive marker as a token: "'s" or "’s".
func isPossessiveMarker(_ lowercased: String) -> Bool {
    lowercased == "'s" || lowercased == "\u{2019}s"
}

/// Normalization for identity keys: case-folded, curly quotes straightened, spaces collapsed.
func normalizeKey(_ s: String) -> String {
    if let ascii = asciiNormalizedKey(s) { return ascii }
    // Built as UTF-8 bytes: appending to a `UnicodeScalarView` one scalar at a time was most
    // of the cost. Whitespace runs became one space and none leads, so trimming the result
    // only ever dropped a final space.
    var out: [UInt8] = []
    var lastSpace = true
    for c in s.lowercased().unicodeScalars {
        let mapped: Unicode.Scalar = c == "\u{2019}" || c == "\u{2018}" ? "'" : c
        if mapped.isWhitespaceScalar || mapped == "-" {
            if !lastSpace { out.append(0x20) }
            lastSpace = true
        } else {
            if mapped.isASCII { out.append(UInt8(truncatingIfNeeded: mapped.value)) } else { out.append(contentsOf: UTF8.encode(mapped)!) }
            lastSpace = false
        }
    }
    if out.last == 0x20 { out.removeLast() }
    return String(decoding: out, as: UTF8.self)
}

/// `normalizeKey` of an ASCII string (nil for any other): the same bytes, lowercased and
/// spaced in one pass over the UTF-8, where `lowercased()` and a scalar walk cost about 2,300
/// instructions a key. For ASCII, `lowercased()` maps only A-Z, and no curly quote can occur.
private func asciiNormalizedKey(_ s: String) -> String? {
    let n = s.utf8.count
    let result: String?? = s.utf8.withContiguousStorageIfAvailable { bytes -> String? in
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: n) { out in
            var k = 0
            var lastSpace = true
            for b in bytes {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == UInt8(ascii: "-") {
                    if !lastSpace { out[k] = 0x20; k += 1 }
                    lastSpace = true
                } else {
                    out[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                    k += 1
                    lastSpace = false
                }
            }
            if k > 0, out[k - 1] == 0x20 { k -= 1 }
            return k
        }
    }
    return result ?? nil
}
