import Foundation
import Testing
import KGModel
@testable import KGText

private func sentences(_ s: String) -> [String] {
    let t = Array(s.unicodeScalars)
    return SentenceSplitter.split(t).map { String(String.UnicodeScalarView(t[$0])) }
}

@Suite struct SentenceSplitting {
    @Test func monthAbbreviationDoesNotEndSentence() {
        #expect(sentences("At an Oct. 27 briefing, he spoke. Then he left.") ==
                ["At an Oct. 27 briefing, he spoke.", "Then he left."])
    }

    @Test func initialismsDoNotEndSentences() {
        #expect(sentences("The U.S. State Department agreed. Moscow did not.") ==
                ["The U.S. State Department agreed.", "Moscow did not."])
    }

    @Test func militaryTitlesDoNotEndSentences() {
        #expect(sentences("It was signed by Maj. Gen. Zemskov. The document is real.") ==
                ["It was signed by Maj. Gen. Zemskov.", "The document is real."])
    }

    @Test func quotesAndQuestionMarks() {
        #expect(sentences("He said, “It failed.” Why? Nobody knows!") ==
                ["He said, “It failed.”", "Why?", "Nobody knows!"])
    }

    @Test func lineBreaksEndHeadlinesButNotWrappedSentences() {
        #expect(sentences("Headline without period\nBody starts here and\ncontinues here.") ==
                ["Headline without period", "Body starts here and\ncontinues here."])
    }

    @Test func singleInitial() {
        #expect(sentences("J. Smith arrived. He left.") == ["J. Smith arrived.", "He left."])
    }
}

@Suite struct Tokenizing {
    private func words(_ s: String) -> [String] {
        let t = Array(s.unicodeScalars)
        return Tokenizer.tokenize(t, in: 0..<t.count).map(\.text)
    }

    @Test func possessivesSplit() {
        #expect(words("Ukraine’s Main Intelligence Directorate") == ["Ukraine", "’s", "Main", "Intelligence", "Directorate"])
        #expect(words("Russia's base") == ["Russia", "'s", "base"])
    }

    @Test func internalPunctuationKept() {
        #expect(words("Nagorno-Karabakh, U.S. and Infocom.am: 5,000 troops.") ==
                ["Nagorno-Karabakh", ",", "U.S.", "and", "Infocom.am", ":", "5,000", "troops", "."])
    }

    @Test func lowercasedTokensMatchTokens() {
        let t = Array("ÉCOLE Łódź São’S O'Brien’s U.S. 5,000 2020-10-28 Ⅻ İstanbul x\u{037E} “Quote” — HUR".unicodeScalars)
        #expect(Tokenizer.lowercasedTokens(t, in: 0..<t.count) == Tokenizer.tokenize(t, in: 0..<t.count).map(\.lowercased))
    }

    @Test func wordFlagsFromScalars() {
        let t = Array("HUR Russia U.S. iPhone ÉTÉ".unicodeScalars)
        let tokens = Tokenizer.tokenize(t, in: 0..<t.count)
        #expect(tokens.map(\.isAcronym) == [true, false, true, false, true])
        #expect(tokens.map(\.isCapitalized) == [true, true, true, false, true])
    }

    @Test func offsetsCountScalars() {
        let t = Array("☒☒ Łódź".unicodeScalars)
        let tokens = Tokenizer.tokenize(t, in: 0..<t.count)
        #expect(tokens.last?.start == 3)
        #expect(tokens.last?.end == 7)
    }
}

@Suite struct Masks {
    @Test func markdownLinksKeepTextAndOffsets() {
        let src = SourceText(path: "x.md", kind: .markdown, text: "Putin [said](https://x.y/z) at **Valdai**.")
        #expect(src.clean.count == src.scalars.count)
        #expect(src.cleanText(0..<src.count).split(separator: " ") == ["Putin", "said", "at", "Valdai", "."])
        // The word "said" sits at the same offsets in both texts.
        #expect(src.text(7..<11) == "said")
        #expect(src.cleanText(7..<11) == "said")
    }

    @Test func htmlTagsEntitiesAndScripts() {
        let html = "<html><head><title>A &amp; B</title><script>var x = 1;</script></head><body><p>Baku&#8217;s view</p><p>Next</p></body></html>"
        let src = SourceText(path: "x.html", kind: .html, text: html)
        #expect(src.markupTitle == "A & B")
        #expect(src.clean.count == src.scalars.count)
        #expect(SentenceSplitter.split(src.clean).map { src.cleanText($0).replacingOccurrences(of: "  ", with: "") }
                .map { $0.trimmingWhitespace() } == ["Baku’s view", "Next"])
        #expect(!src.cleanText(0..<src.count).contains("var x"))
    }

    @Test func crlfNormalizedLikeUniversalNewlines() {
        let src = SourceText(path: "x.txt", kind: .plain, text: "a\r\nb\rc")
        #expect(src.count == 5)
        #expect(src.text(0..<5) == "a\nb\nc")
    }

    @Test func bareURLsBlanked() {
        let src = SourceText(path: "x.txt", kind: .plain, text: "See <https://t.co/Hf> pic.twitter.com/8a now")
        #expect(src.cleanText(0..<src.count).split(separator: " ") == ["See", "now"])
    }
}

@Suite struct Dates {
    private func dates(_ s: String, ref: String?) -> [String] {
        let t = Array(s.unicodeScalars)
        let finder = DateFinder(reference: ref.flatMap { DateLiteral(iso: $0) })
        return finder.find(in: Tokenizer.tokenize(t, in: 0..<t.count)).map(\.date.iso)
    }

    @Test func explicitDates() {
        #expect(dates("On October 28, 2020 and 8 July 2025 and 2021-07-14", ref: nil) == ["2020-10-28", "2025-07-08", "2021-07-14"])
        #expect(dates("in September 2023 and in 1988", ref: nil) == ["2023-09", "1988"])
    }

    @Test func dayMonthResolvesToLatestNotAfterArticle() {
        #expect(dates("the statement dated November 10", ref: "2021-07-15") == ["2020-11-10"])
        #expect(dates("on July 13", ref: "2021-07-15") == ["2021-07-13"])
        #expect(dates("At an Oct. 27 briefing", ref: "2020-10-28") == ["2020-10-27"])
        #expect(dates("detained in December last year", ref: "2021-07-15") == ["2020-12"])
        #expect(dates("On July 13", ref: nil).isEmpty)
    }

    @Test func weekdaysResolveAgainstArticleDate() {
        // 2023-09-20 was a Wednesday.
        #expect(dates("Moscow confirmed on Wednesday", ref: "2023-09-20") == ["2023-09-20"])
        #expect(dates("talks are on Monday", ref: "2023-09-20") == ["2023-09-18"])
    }

    @Test func bareMayIsNotADate() {
        #expect(dates("Armenia May act", ref: "2023-09-20").isEmpty)
    }

    @Test func relativeDaysAndPeriodsResolveOnlyAsFarAsCertain() {
        // 2020-10-28 was a Wednesday; last week ran Monday 19 to Sunday 25 October.
        #expect(dates("shelled the town yesterday", ref: "2020-10-28") == ["2020-10-27"])
        #expect(dates("attacked last week", ref: "2020-10-28") == ["2020-10"])
        #expect(dates("struck earlier this month", ref: "2020-10-28") == ["2020-10"])
        #expect(dates("met last month", ref: "2020-10-28") == ["2020-09"])
        #expect(dates("signed earlier this year", ref: "2020-10-28") == ["2020"])
        // Without an article date nothing relative resolves.
        #expect(dates("attacked last week and yesterday", ref: nil).isEmpty)
    }

    @Test func theYearBoundary() {
        // 2021-01-05 was a Tuesday; last week ran 28 December 2020 to 3 January 2021.
        #expect(dates("met last month", ref: "2021-01-05") == ["2020-12"])
        #expect(dates("fighting last week", ref: "2021-01-05").isEmpty)
        #expect(dates("on December 13", ref: "2021-01-05") == ["2020-12-13"])
        #expect(dates("on January 3", ref: "2021-01-05") == ["2021-01-03"])
        #expect(dates("on Thursday", ref: "2021-01-05") == ["2020-12-31"])
        #expect(dates("since last year", ref: "2021-01-05") == ["2020"])
    }
}

@Suite struct DocumentDates {
    private func meta(_ text: String) -> DocumentMetadata {
        let source = SourceText(path: "a.md", kind: .markdown, text: text)
        return DocumentMetadata.read(source, sentences: SentenceSplitter.sentences(source.clean))
    }

    @Test func datelineThenURLThenInferred() {
        let dateline = meta("Clashes go on\n\nOctober 28, 2020\n\nFighting resumed on July 2, 2020.")
        #expect(dateline.date?.iso == "2020-10-28" && !dateline.dateInferred)
        let url = meta("Clashes go on\n\nSource: https://news.example.org/world/2020/10/28/clashes-go-on\n\nFighting resumed.")
        #expect(url.date?.iso == "2020-10-28" && !url.dateInferred)
        // Dates past the opening lines are no dateline: the date is the latest one's month.
        let body = String(repeating: "Fighting resumed along the line of contact.\n", count: 14)
        let inferred = meta("Clashes go on\n\n" + body + "Talks failed on July 2, 2020, and on August 9, 2020, in Minsk.")
        #expect(inferred.date?.iso == "2020-08" && inferred.dateInferred)
    }
}

@Suite struct Inputs {
    private func tempFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgtext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func rejectsEmptyBinaryAndInvalidUTF8() throws {
        for (bytes, problem) in [([UInt8](), "file is empty"), ([0x61, 0x00, 0x62], "binary file"),
                                 ([0x61, 0xFF, 0xFE, 0x62], "not valid UTF-8")] {
            let path = try tempFile("a.txt", bytes)
            #expect {
                _ = try DocumentReader.read(InputSource(path: path, kind: .plain))
            } throws: { error in
                (error as? InputError).map { $0.path == path && $0.problem.contains(problem) } ?? false
            }
        }
    }

    @Test func missingPathAndEmptyFolder() throws {
        #expect(throws: InputError(path: "/no/such/path", problem: "no such file or folder")) {
            try InputCollector.collect(["/no/such/path"])
        }
        let dir = (try tempFile("notes.csv", [0x61]) as NSString).deletingLastPathComponent
        #expect(throws: InputError.self) { try InputCollector.collect([dir]) }
    }

    @Test func folderSearchIsRecursiveAndSorted() throws {
        let a = try tempFile("b.md", Array("x".utf8))
        let dir = (a as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try Data("y".utf8).write(to: URL(fileURLWithPath: dir + "/sub/a.html"))
        try Data("z".utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data("skip".utf8).write(to: URL(fileURLWithPath: dir + "/c.pdf"))
        let found = try InputCollector.collect([dir])
        #expect(found.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "b.md", "a.html"])
        #expect(found.map(\.kind) == [.plain, .markdown, .html])
    }
}

@Suite struct Metadata {
    @Test func seedsDatelineAndTitle() throws {
        let text = "Small Outpost is Russia's First Visible Aid\n\nBy Ani Mejlumyan\n\nOctober 28, 2020\n\nRussia has set up a post on Oct. 27."
        let src = SourceText(path: "a.txt", kind: .plain, text: text)
        let meta = DocumentMetadata.read(src, sentences: SentenceSplitter.sentences(src.clean))
        #expect(meta.title == "Small Outpost is Russia's First Visible Aid")
        #expect(meta.date?.iso == "2020-10-28")
    }

    @Test func latestMentionedMonthWhenNoDateline() {
        var body = String(repeating: "Filler words here. ", count: 60)
        body += "The statement of July 15, 2021 followed the bulletin of July 14, 2021."
        let src = SourceText(path: "a.txt", kind: .plain, text: body)
        let meta = DocumentMetadata.read(src, sentences: SentenceSplitter.sentences(src.clean))
        #expect(meta.date?.iso == "2021-07")
    }
}
