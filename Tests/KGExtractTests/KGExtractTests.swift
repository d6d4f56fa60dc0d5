import Foundation
import Testing
import KGModel
import KGText
@testable import KGExtract

func extract(_ text: String, path: String = "a.txt") -> Graph {
    Extractor().extract([SourceText(path: path, kind: SourceKind(path: path) ?? .plain, text: text)])
}

extension Graph {
    func named(_ name: String) -> Entity? { entities.first { $0.name == name } }

    func has(_ s: String, _ p: KGModel.Predicate, _ o: String) -> Relation? {
        guard let sid = named(s)?.id, let oid = named(o)?.id else { return nil }
        return relations.first { $0.subject == sid && $0.predicate == p && $0.object == .entity(oid) }
    }
}

@Suite struct Entities {
    @Test func capitalsActAsTheirStateOnlyWhenTheyAct() {
        let g = extract("Moscow confirmed the deal. Talks were held in Moscow. The Kremlin said nothing.")
        let russia = g.named("Russia")
        #expect(russia?.type == .state)
        #expect(russia?.mentions.count == 2) // "Moscow confirmed" and "the Kremlin"
        #expect(g.named("Moscow")?.type == .place)
    }

    @Test func surnamesJoinTheFullName() {
        let g = extract("Azerbaijani President Ilham Aliyev spoke on Monday. Later, Aliyev said the talks failed.")
        let aliyev = g.entities.filter { $0.name.contains("Aliyev") }
        #expect(aliyev.count == 1)
        #expect(aliyev.first?.type == .official)
        #expect(aliyev.first?.mentions.count == 2)
        #expect(aliyev.first?.aliases.contains("Aliyev") == true)
    }

    @Test func acronymsDefinedInParenthesesAreAliases() {
        let g = extract("Ukraine's Main Intelligence Directorate (HUR) published a telegram. HUR said it was real.")
        let hur = g.named("Main Intelligence Directorate")
        #expect(hur?.type == .agency)
        #expect(hur?.aliases.contains("HUR") == true)
        #expect(hur?.mentions.count == 3)
    }

    @Test func oneMinistryWhateverItsSpelling() {
        let g = extract("""
            The Russian Ministry of Defense issued a bulletin. The Ministry of Defense of the Russian Federation \
            repeated it. Later the Defense Ministry added a map, and the Russian defense ministry confirmed it.
            """)
        let ministries = g.entities.filter { $0.type == .agency }
        #expect(ministries.count == 1, "\(ministries.map(\.name))")
        #expect(ministries.first?.mentions.count == 4)
        #expect(g.has("Russian Ministry of Defense", .partOf, "Russia") != nil)
    }

    @Test func forcesOfAStateAreOneAgency() {
        let g = extract("Azerbaijani forces advanced. The armed forces of Azerbaijan took the town. Azerbaijani troops stayed.")
        let forces = g.entities.filter { $0.type == .agency }
        #expect(forces.map(\.name) == ["Azerbaijani armed forces"])
        #expect(forces.first?.mentions.count == 3)
    }

    @Test func contextTypesUnknownNames() {
        let g = extract("A photo by TASS photographer Sergei Bobylev shows a camp near Togh, the village of Zarisli.")
        #expect(g.named("Sergei Bobylev")?.type == .person)
        #expect(g.named("TASS")?.type == .organization)
        #expect(g.named("Togh")?.type == .place)
        #expect(g.named("Zarisli")?.type == .place)
    }
}

@Suite struct Relations {
    @Test func officesCarryTheirRole() throws {
        let g = extract("Armenian Prime Minister Nikol Pashinyan met UN Secretary General Antonio Guterres.")
        let pm = try #require(g.has("Nikol Pashinyan", .officialOf, "Armenia"))
        #expect(pm.attributes["role"] == "Prime Minister")
        let sg = try #require(g.has("Antonio Guterres", .officialOf, "United Nations"))
        #expect(sg.attributes["role"] == "Secretary General")
    }

    @Test func appositionGivesTheOffice() throws {
        let g = extract("\u{201C}It is over,\u{201D} Olexi Danilov, secretary of the Ukrainian Security and Defense Council, told reporters.")
        let r = try #require(g.has("Olexi Danilov", .officialOf, "Ukrainian Security and Defense Council"))
        #expect(r.attributes["role"]?.lowercased() == "secretary")
    }

    @Test func eventsGetAgentPlaceAndDate() throws {
        let g = extract("Russian security forces conducted a raid in Yekaterinburg on June 27, 2025.")
        let raid = try #require(g.entities.first { $0.type == .event })
        let rels = g.relations.filter { $0.subject == raid.id }
        #expect(rels.contains { $0.predicate == .hasDate && $0.object == .date(DateLiteral(iso: "2025-06-27")!) })
        #expect(rels.contains { $0.predicate == .hasPlace && $0.object == .entity(g.named("Yekaterinburg")!.id) })
        #expect(rels.contains { $0.predicate == .hasAgent && $0.object == .entity(g.named("Russian security forces")!.id) })
    }

    @Test func claimsAreAttributedAndDenialsDisputeThem() throws {
        let g = extract("""
            Russian peacekeepers in Karabakh were reinforced, according to the Azerbaijani Foreign Ministry. \
            The Kremlin denied it.
            """)
        let deployed = try #require(g.has("Russian peacekeeping contingent", .deployedIn, "Nagorno-Karabakh"))
        let ministry = try #require(g.named("Azerbaijani Ministry of Foreign Affairs"))
        #expect(deployed.attributedTo == [ministry.id])
        #expect(deployed.disputedBy == [g.named("Russia")!.id])
        #expect(g.has("Russia", .denies, "Azerbaijani Ministry of Foreign Affairs") != nil)
    }

    @Test func membershipAndEvidence() throws {
        let text = "Russia and Armenia are members of the Collective Security Treaty Organization."
        let g = extract(text)
        let r = try #require(g.has("Armenia", .memberOf, "Collective Security Treaty Organization"))
        #expect(g.has("Russia", .memberOf, "Collective Security Treaty Organization") != nil)
        #expect(r.evidence.first?.start == 0)
        #expect(r.evidence.first?.end == text.unicodeScalars.count)
        #expect(r.evidence.first?.text == text)
    }

    @Test func possessiveStatesGiveWayToWhatTheyOwn() throws {
        let g = extract("Major General Zemskov, acting chief of staff of Russia\u{2019}s Southern Military District, signed it.")
        #expect(g.has("Zemskov", .officialOf, "Southern Military District") != nil)
        #expect(g.has("Zemskov", .officialOf, "Russia") == nil)
        #expect(g.has("Southern Military District", .partOf, "Russia") != nil)
    }

    @Test func appositionsAreSkippedWhenFindingTheSubject() {
        let g = extract("Armenia, once a close ally of the Kremlin, decided to send humanitarian aid to Ukraine.")
        #expect(g.has("Armenia", .aids, "Ukraine") != nil)
        #expect(g.has("Russia", .aids, "Ukraine") == nil)
    }

    @Test func deploymentVerbsPlaceTheirSubject() {
        let g = extract("Russia has reportedly set up a small military outpost on the border of Armenia.")
        #expect(g.has("Russia", .deployedIn, "Armenia") != nil)
    }

    @Test func sourcesAreNotAgents() throws {
        let g = extract("According to the Azerbaijani Defense Ministry, Armenian forces shelled positions near the village of Aliagali on July 6, 2021.")
        let shelling = try #require(g.entities.first { $0.type == .event })
        let agents = g.relations.filter { $0.subject == shelling.id && $0.predicate == .hasAgent }.compactMap(\.object.entityID)
        #expect(agents == [g.named("Armenian armed forces")!.id])
        let place = g.relations.first { $0.subject == shelling.id && $0.predicate == .hasPlace }
        #expect(place?.attributedTo == [g.named("Azerbaijani Ministry of Defense")!.id])
    }

    @Test func capitalsAfterThatAct() {
        let g = extract("The Azerbaijani Foreign Ministry demanded that Yerevan stop the deployment.")
        #expect(g.named("Armenia")?.aliases.contains("Yerevan") == true)
        #expect(g.named("Yerevan") == nil)
    }

    @Test func listedPlacesLieInTheirWhole() {
        let g = extract("Recruits come from several regions of Russia, including North Ossetia, Adygea, and the occupied Crimea.")
        for region in ["North Ossetia", "Adygea", "Crimea"] {
            #expect(g.has(region, .locatedIn, "Russia") != nil, "\(region)")
        }
    }

    @Test func gazetteerLocationsSayWhereTheyComeFrom() throws {
        let g = extract("Armenia hosts a base. According to TASS, troops arrived in Gyumri.")
        let r = try #require(g.has("Gyumri", .locatedIn, "Armenia"))
        #expect(r.attributes["source"] == "GeoNames")
        #expect(r.attributedTo.isEmpty)
        // Without the country in the article, the gazetteer adds nothing.
        #expect(extract("Troops arrived in Gyumri.").relations.isEmpty)
    }

    @Test func otherNamesInParenthesesAreAliases() {
        let g = extract("Azerbaijani forces advanced towards Lachin (which Armenians call Berdzor). Berdzor held.")
        #expect(g.named("Lachin")?.aliases.contains("Berdzor") == true)
        #expect(g.named("Lachin")?.mentions.count == 3)
    }

    @Test func lettersHaveAddresseesAndAttacksTargets() throws {
        let g = extract("""
            On Oct. 23, 2020, Arayik Harutyunyan issued an open letter to Russian President Vladimir Putin.             A vehicle carrying Russian peacekeepers came under fire near Dzhanyatag on Sept. 20, 2023.
            """)
        let letter = try #require(g.entities.first { $0.type == .event && $0.name.contains("letter") })
        #expect(g.relations.contains { $0.subject == letter.id && $0.predicate == .hasTarget && $0.object == .entity(g.named("Vladimir Putin")!.id) })
        let fire = try #require(g.entities.first { $0.type == .event && $0.name.contains("fire") })
        #expect(g.relations.contains { $0.subject == fire.id && $0.predicate == .hasTarget
            && $0.object == .entity(g.named("Russian peacekeeping contingent")!.id) })
    }

    @Test func graphIsConsistent() {
        let g = extract(try! String(contentsOf: fixtureURL("sudan.txt"), encoding: .utf8))
        #expect(g.validate().isEmpty, "\(g.validate())")
    }
}

func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
}
