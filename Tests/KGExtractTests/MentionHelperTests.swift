import Testing
import KGModel
import KGText
@testable import KGExtract

/// The helpers the entity stages use instead of building strings and comparing them.
@Suite struct MentionHelpers {
    @Test func concatenatedEqualsPlus() {
        let parts = ["", "a", "agency:", "Russia", "ministry of defense", "Азербайджан", "e\u{301}"]
        for a in parts { for b in parts { for c in parts { for d in ["", "|", "ministry of foreign affairs"] {
            #expect(concatenated(a, b, c, d) == a + b + c + d)
        } } } }
    }

    @Test func firstHyphenPartIsTheFirstSplitPart() {
        for word in ["Moscow-brokered", "-Baku", "--", "a-b-c", "Armenia-", "Ереван-backed", "x--y", "no"] {
            let expected = word.contains("-" as Character) ? word.split(separator: "-").first : nil
            #expect(MentionFinder.firstHyphenPart(word) == expected, "\(word)")
        }
    }

    /// A connector's id says what comparing the lowercased word with it says.
    @Test func connectorIDsAgreeWithTheWords() {
        let lex = Lexicon.shared
        let c = lex.mentionWords.connectors
        let pairs: [(Int32, String)] = [(c.of, "of"), (c.and, "and"), (c.the, "the"), (c.for, "for"), (c.on, "on"), (c.de, "de"), (c.al, "al")]
        for (id, word) in pairs {
            #expect(id == lex.vocabulary.id(word))
            for other in ["of", "and", "the", "for", "on", "de", "al", "ministry"] where lex.vocabulary.id(other) != 0 && id != 0 {
                #expect((lex.vocabulary.id(other) == id) == (other == word))
            }
        }
    }

    /// One entity per key, ids in order of first mention, a span recorded once.
    @Test func entityTableMergesByKey() {
        func candidate(_ key: String, _ name: String, _ start: Int) -> Candidate {
            Candidate(sentence: 0, tokens: 0..<1, start: start, end: start + name.count, type: .person, key: key,
                      name: name, surface: name, priority: 1)
        }
        var table = EntityTable()
        #expect(table.add(candidate("person:aliyev", "Aliyev", 0), doc: "d1") == "e1")
        #expect(table.add(candidate("person:putin", "Putin", 10), doc: "d1") == "e2")
        #expect(table.add(candidate("person:aliyev", "Ilham Aliyev", 20), doc: "d1") == "e1")
        #expect(table.add(candidate("person:aliyev", "Aliyev", 0), doc: "d1") == "e1")
        #expect(table.key(of: "e2") == "person:putin")
        #expect(table.id(forKey: "person:aliyev") == "e1")
        let entities = table.finished()
        #expect(entities.count == 2)
        #expect(entities[0].name == "Ilham Aliyev")
        #expect(entities[0].mentions.count == 2)
        #expect(entities[0].aliases == ["Aliyev"])
    }
}
