import Foundation
import Testing

/// `--lexicon FILE` as a user passes it, and the ids lexicon entities carry in the JSON.
@Suite(.serialized) struct LexiconEndToEnd {
    func entities(_ result: CLI.Result) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return try #require(json["entities"] as? [[String: Any]])
    }

    @Test func userEntriesAreExtractedWithTheirIDs() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let article = dir.appendingPathComponent("a.txt")
        try "On Monday the Zelmani Council met NATO envoys in Vrelsk.\n"
            .write(to: article, atomically: true, encoding: .utf8)
        let lexicon = dir.appendingPathComponent("extra.jsonl")
        try """
        {"id": "zelmani-council", "type": "Organization", "name": "Zelmani Council", "aliases": ["ZC"], "wikidata": "Q999999998", "cameo": "IGOZLM"}
        {"id": "vrelsk", "type": "Place", "name": "Vrelsk", "country": "AM"}
        """.write(to: lexicon, atomically: true, encoding: .utf8)

        let without = try entities(try CLI.run(["extract", article.path, "--format", "json"]))
        #expect(!without.contains { $0["name"] as? String == "Zelmani Council" && $0["type"] as? String == "Organization" })

        let r = try CLI.run(["extract", article.path, "--format", "json", "--lexicon", lexicon.path])
        #expect(r.status == 0, "\(r.stderr)")
        let found = try entities(r)
        let council = found.first { $0["name"] as? String == "Zelmani Council" }
        #expect(council?["type"] as? String == "Organization")
        #expect(council?["wikidata"] as? String == "Q999999998")
        #expect(council?["cameo"] as? String == "IGOZLM")
        #expect(found.first { $0["name"] as? String == "Vrelsk" }?["type"] as? String == "Place")
        // Bundled entries keep their ids alongside the user's.
        let nato = found.first { $0["name"] as? String == "NATO" }
        #expect(nato?["wikidata"] as? String == "Q7184")
    }

    /// Every stage reads the user's entries, not only mention finding: a user place gets its
    /// country from the relation stage too.
    @Test func userPlacesLieInTheirCountry() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let article = dir.appendingPathComponent("a.txt")
        try "Armenia reported shelling near Vrelsk on Monday.\n".write(to: article, atomically: true, encoding: .utf8)
        let lexicon = dir.appendingPathComponent("extra.jsonl")
        try #"{"id": "vrelsk", "type": "Place", "name": "Vrelsk", "country": "AM"}"#.write(to: lexicon, atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", article.path, "--format", "json", "--lexicon", lexicon.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let ents = try #require(json["entities"] as? [[String: Any]])
        let rels = try #require(json["relations"] as? [[String: Any]])
        let id = { (name: String) in ents.first { $0["name"] as? String == name }?["id"] as? String }
        let vrelsk = try #require(id("Vrelsk")), armenia = try #require(id("Armenia"))
        #expect(rels.contains { $0["subject"] as? String == vrelsk && $0["predicate"] as? String == "locatedIn" && $0["object"] as? String == armenia })
    }

    @Test func aBadLexiconIsAOneLineErrorNamingFileAndLine() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lexicon = dir.appendingPathComponent("bad.jsonl")
        try "{\"id\": \"a\", \"type\": \"Place\", \"name\": \"A\"}\n{\"id\": \"b\", \"type\": \"Place\"\n"
            .write(to: lexicon, atomically: true, encoding: .utf8)
        let seeds = CLI.root.appendingPathComponent("seeds").path
        let r = try CLI.run(["extract", seeds, "--format", "json", "--lexicon", lexicon.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(lexicon.path):2:"), "\(r.stderr)")

        let missing = try CLI.run(["extract", seeds, "--lexicon", dir.appendingPathComponent("none.jsonl").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.jsonl"))
    }

    @Test func statesCarryWikidataAndCameoInTheJSON() throws {
        let seeds = CLI.root.appendingPathComponent("seeds").path
        let found = try entities(try CLI.run(["extract", seeds, "--format", "json"]))
        let russia = found.first { $0["name"] as? String == "Russia" }
        #expect(russia?["wikidata"] as? String == "Q159")
        #expect(russia?["cameo"] as? String == "RUS")
        #expect(found.first { $0["name"] as? String == "Armenia" }?["wikidata"] as? String == "Q399")
        #expect(found.first { $0["name"] as? String == "Azerbaijan" }?["cameo"] as? String == "AZE")
    }
}
