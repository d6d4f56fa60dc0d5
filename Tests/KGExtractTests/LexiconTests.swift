import Foundation
import Testing
import KGModel
import KGText
@testable import KGExtract

/// The bundled language data: every state the UN knows has its codes, ids are unique, and the
/// names it holds are found in news from regions the seed articles never mention.
@Suite struct LexiconData {
    let states = LexiconEntry.bundled("states")
    let organizations = LexiconEntry.bundled("organizations")

    /// The UN's 193 members by ISO alpha-3 code, from Debian iso-codes' list read against the
    /// UN's membership (country_converter); a member missing from the data fails here.
    static let unMembers: Set<String> = [
        "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB", "BLR",
        "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM", "CMR", "CAN",
        "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "COD", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "DNK", "DJI",
        "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO",
        "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN", "IRQ",
        "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "PRK", "KOR", "KWT", "KGZ", "LAO", "LVA", "LBN",
        "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX",
        "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA",
        "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "ROU", "RUS", "RWA",
        "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM",
        "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR", "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO",
        "TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB",
        "ZWE",
    ]

    @Test func everyUNMemberAndObserverHasItsCodesAndWikidataID() {
        #expect(Self.unMembers.count == 193)
        let byISO = Dictionary(states.compactMap { s in s.iso3.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        for code in Self.unMembers.union(["PSE", "VAT"]) {
            let state = byISO[code]
            #expect(state != nil, "no state with alpha-3 \(code)")
            #expect(state?.iso2?.count == 2, "\(code): no alpha-2")
            #expect(state?.cameo == code, "\(code): the CAMEO actor code is the alpha-3 code")
            #expect(state?.wikidata?.range(of: #"^Q[1-9][0-9]*$"#, options: .regularExpression) != nil, "\(code): no Wikidata id")
        }
    }

    @Test func idsAndWikidataIDsAreUnique() {
        let all = states + organizations
        let ids = all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil })
        let qids = all.compactMap(\.wikidata)
        #expect(Set(qids).count == qids.count)
        #expect(all.allSatisfy { $0.wikidata == nil || $0.wikidata!.hasPrefix("Q") })
    }

    @Test func knownIDs() {
        func state(_ name: String) -> LexiconEntry? { states.first { $0.name == name } }
        #expect(state("Russia")?.wikidata == "Q159")
        #expect(state("Armenia")?.wikidata == "Q399")
        #expect(state("Azerbaijan")?.wikidata == "Q227")
        #expect(state("France")?.wikidata == "Q142")
        #expect(state("Russia")?.cameo == "RUS")
        #expect(state("Kosovo")?.wikidata == "Q1246")
        #expect(state("Taiwan")?.iso3 == "TWN")
        #expect(state("Abkhazia")?.iso3 == nil)
        let nato = organizations.first { $0.name == "NATO" }
        #expect(nato?.wikidata == "Q7184")
        #expect(nato?.cameo == "IGOWSTNAT")
        #expect(organizations.first { $0.name == "United Nations" }?.cameo == "IGOUNO")
    }

    @Test func seatsDemonymsAndCapitalsAreOneState() {
        let lex = Lexicon.shared
        #expect(lex.demonyms[["azeri"]] == "Azerbaijan")
        #expect(lex.demonyms[["azerbaijani"]] == "Azerbaijan")
        #expect(lex.gazetteer[["kremlin"]] == .seat("Russia"))
        #expect(lex.gazetteer[["white", "house"]] == .seat("United States"))
        #expect(lex.gazetteer[["kiev"]] == .capital(city: "Kyiv", state: "Ukraine"))
        #expect(lex.gazetteer[["russian", "federation"]] == .state("Russia"))
        #expect(lex.stateByISO["RU"] == "Russia" && lex.stateByISO["RUS"] == "Russia")
    }
}

/// Marked-up sentences from news of many regions: `[[text|Type]]` marks a span the extractor
/// must find, with that type. Unmarked capitalized words must not become entities of the
/// listed types.
@Suite struct LexiconSpans {
    struct Expectation: CustomStringConvertible {
        let text: String
        let spans: [(String, EntityType)]
        var description: String { text }
    }

    static func parse(_ marked: String) -> Expectation {
        var plain = ""
        var spans: [(String, EntityType)] = []
        var rest = Substring(marked)
        while let open = rest.range(of: "[[") {
            plain += rest[..<open.lowerBound]
            let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex)!
            let parts = rest[open.upperBound..<close.lowerBound].split(separator: "|")
            plain += parts[0]
            spans.append((String(parts[0]), EntityType(rawValue: String(parts[1]))!))
            rest = rest[close.upperBound...]
        }
        return Expectation(text: plain + rest, spans: spans)
    }

    static let sentences = [
        // The Balkans
        "[[Kosovo|State]] and [[Serbia|State]] met in [[Brussels|Place]] under [[EU|Organization]] auspices, [[EULEX|Organization]] said.",
        "Officials in [[Pristina|Place]] accused [[Belgrade|State]] of stoking tension in [[Mitrovica|Place]].",
        "[[NATO|Organization]] peacekeepers reinforced the border near [[Jarinje|Place]], the [[Associated Press|Organization]] reported.",
        // The Sahel
        "[[Mali|State]], [[Burkina Faso|State]] and [[Niger|State]] left [[ECOWAS|Organization]] in January.",
        "Fighters of [[JNIM|Organization]] attacked an army post near [[Mopti|Place]], [[AFP|Organization]] reported.",
        "[[Wagner Group|Organization]] forces withdrew from [[Timbuktu|Place]], according to [[Reuters|Organization]].",
        // East Asia
        "[[North Korea|State]] fired a missile into the sea, [[Yonhap|Organization]] reported, citing the military in [[Seoul|Place]].",
        "[[Beijing|State]] warned [[Taiwan|State]] after ships entered waters near [[Kinmen|Place]].",
        "[[ASEAN|Organization]] ministers gathered in [[Jakarta|Place]] as [[Xinhua|Organization]] published a commentary.",
        // The Middle East
        "[[Hamas|Organization]] said an air strike hit [[Rafah|Place]], while the [[UN Security Council|Organization]] met in [[New York|Place]].",
        "[[Hezbollah|Organization]] fired rockets from southern [[Lebanon|State]] toward [[Galilee|Place]].",
        "The [[Arab League|Organization]] and the [[Gulf Cooperation Council|Organization]] condemned the strike, [[Al Jazeera|Organization]] said.",
        // The Caucasus and beyond
        "[[Azeri|State]] troops entered [[Syunik|Place]], [[Armenpress|Organization]] said, as the [[Kremlin|State]] kept silent.",
        "[[Abkhazia|State]] and [[South Ossetia|State]] are recognised by [[Moscow|State]] alone.",
        "The [[International Atomic Energy Agency|Organization]] sent inspectors to [[Zaporizhzhia|Place]].",
    ].map(parse)

    @Test(arguments: sentences) func findsTheMarkedSpans(_ e: Expectation) {
        let g = extract(e.text)
        for (span, type) in e.spans {
            let entity = g.entities.first { ent in
                ent.mentions.contains { m in
                    let scalars = Array(e.text.unicodeScalars)
                    return String(String.UnicodeScalarView(scalars[m.start..<m.end])) == span
                }
            }
            #expect(entity?.type == type, "\(span): expected \(type), found \(entity.map { "\($0.type)" } ?? "nothing")")
        }
    }

    @Test func lexiconEntitiesCarryWikidataAndCameo() {
        let g = extract("NATO and the Kremlin traded accusations. Russian officials said Moscow would respond.")
        let russia = g.named("Russia")
        #expect(russia?.wikidata == "Q159")
        #expect(russia?.cameo == "RUS")
        #expect((russia?.mentions.count ?? 0) >= 2) // "the Kremlin" and "Moscow would" are both Russia
        #expect(g.named("NATO")?.wikidata == "Q7184")
        #expect(g.named("NATO")?.cameo == "IGOWSTNAT")
    }
}

/// `--lexicon FILE` entries, read through the same parser the command line uses.
@Suite struct UserLexicon {
    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lex-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func userEntriesAreFoundWithTheirIDs() throws {
        let path = try file("""
        {"id": "hur", "type": "Agency", "name": "Main Intelligence Directorate", "aliases": ["HUR", "GUR"], "country": "UKR", "wikidata": "Q999999999"}
        {"id": "zelensky", "type": "Official", "name": "Volodymyr Zelensky", "aliases": ["Zelensky"], "role": "President", "country": "UA"}
        {"id": "tegh", "type": "Place", "name": "Tegh", "country": "ARM"}

        """)
        let lexicon = try ExtractorLexicon.loading(files: [path])
        let text = "GUR said Zelensky visited Tegh."
        let g = Extractor(lexicon: lexicon).extract([SourceText(path: "a.txt", kind: .plain, text: text)])
        #expect(g.named("Main Intelligence Directorate")?.type == .agency)
        #expect(g.named("Main Intelligence Directorate")?.wikidata == "Q999999999") // the user's id, carried as given
        #expect(g.named("Volodymyr Zelensky")?.type == .official)
        #expect(g.named("Tegh")?.type == .place)
        // Without the file, "GUR" is not known.
        #expect(extract(text).named("Main Intelligence Directorate") == nil)
    }

    @Test func badFilesNameTheFileAndLine() throws {
        let cases: [(String, String)] = [
            ("{\"id\": \"x\", \"type\": \"State\", \"name\": \"X\"}\n{\"id\": \"y\", \"type\": \"State\"}\n", ":2: missing \"name\""),
            ("{\"id\": \"x\", \"type\": \"Country\", \"name\": \"X\"}\n", ":1: unknown type"),
            ("not json\n", ":1: not a JSON object"),
            ("{\"id\": \"x\", \"type\": \"State\", \"name\": \"X\"}\n{\"id\": \"x\", \"type\": \"Place\", \"name\": \"Y\"}\n", ":2: id \"x\" already used on line 1"),
            ("{\"id\": \"x\", \"type\": \"State\", \"name\": \"X\", \"aliases\": \"Y\"}\n", ":1: \"aliases\" has the wrong kind of value"),
        ]
        for (text, message) in cases {
            let path = try file(text)
            #expect(throws: LexiconError.self) { try ExtractorLexicon.loading(files: [path]) }
            do {
                _ = try ExtractorLexicon.loading(files: [path])
            } catch {
                #expect(error.description.hasPrefix(path + message), "\(error)")
            }
        }
        #expect(throws: LexiconError.self) { try ExtractorLexicon.loading(files: ["/nonexistent/lexicon.jsonl"]) }
    }
}
