import Testing
import KGModel
import KGText
@testable import KGExtract

/// Rules written against sentences from news of several regions, none from the seeds.
@Suite struct DescriptionRules {
    @Test func aDescribedBodyIsTheOneNamedBefore() throws {
        let g = extract("""
            Serbia's Security Intelligence Agency (BIA) arrested two men in Belgrade on Monday. \
            The Serbian intelligence service said the men worked for a foreign power.
            """)
        let bia = try #require(g.named("Security Intelligence Agency"))
        #expect(bia.mentions.count == 3)  // the name, "BIA" and "Serbian intelligence service"
        #expect(g.entities.allSatisfy { !$0.name.lowercased().contains("intelligence service") })
    }

    @Test func anotherStatesDescriptionStaysApart() throws {
        let g = extract("""
            Serbia's Security Intelligence Agency (BIA) arrested two men in Belgrade on Monday.

            According to the Malian Defense Ministry's intelligence arm, the convoy was attacked near Gao.
            """)
        let bia = try #require(g.named("Security Intelligence Agency"))
        #expect(bia.mentions.count == 2)
        // The attack's place is attributed to the Malian ministry (the arm is not linked to BIA).
        let place = try #require(g.relations.first { $0.predicate == .hasPlace && $0.object == .entity(g.named("Gao")!.id) })
        #expect(place.attributedTo == [g.named("Malian Ministry of Defense")!.id])
    }

    @Test func theBareHeadIsTheOnlyBodyWithThatHead() throws {
        let g = extract("""
            Ukraine's Main Intelligence Directorate (HUR) published a document on Friday. \
            The Directorate said the strikes on Kharkiv would continue.
            """)
        let hur = try #require(g.named("Main Intelligence Directorate"))
        #expect(hur.aliases.contains("Directorate"))
    }
}

@Suite struct EventClassRules {
    @Test func eventsCarryClassAndCameoRoot() throws {
        let g = extract("Sudanese troops shelled El Fasher on Saturday. Egypt hosted talks in Cairo on Sunday.")
        let shelling = try #require(g.entities.first { $0.type == .event && $0.attributes["class"] == "shelling" })
        #expect(shelling.attributes["cameo"] == "19")
        let talks = try #require(g.entities.first { $0.type == .event && $0.attributes["class"] == "consultation" })
        #expect(talks.attributes["cameo"] == "04")
    }

    @Test func aParticipleAfterACommaIsTheSameEvent() throws {
        let g = extract("March 12, 2024\n\nIsraeli forces carried out air strikes on Rafah on Monday, killing at least 20 people.")
        let events = g.entities.filter { $0.type == .event }
        #expect(events.count == 1)
        let strikes = try #require(events.first)
        #expect(g.relations.contains { $0.subject == strikes.id && $0.predicate == .hasDate && $0.object == .date(DateLiteral(iso: "2024-03-11")!) })
    }

    @Test func everyTriggerHasAKnownCameoRoot() {
        let roots = Set((1...20).map { String(format2($0)) })
        for (words, cls) in EventLexicon.shared.triggers {
            #expect(cls.cameo == nil || roots.contains(cls.cameo!), "\(words) → \(cls.name) has CAMEO \(cls.cameo ?? "-")")
        }
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

@Suite struct AgentRules {
    private func agents(_ g: Graph, ofClass cls: String) -> [String] {
        let ids = Set(g.entities.filter { $0.attributes["class"] == cls }.map(\.id))
        return g.relations.filter { ids.contains($0.subject) && $0.predicate == .hasAgent }
            .compactMap { $0.object.entityID.flatMap { g.entity($0)?.name } }
    }

    @Test func aDemonymBeforeTheEventIsItsAgent() {
        let g = extract("Aid flows slowed in Khartoum after the Sudanese offensive began in Darfur.")
        #expect(agents(g, ofClass: "war") == ["Sudan"])
    }

    @Test func aPossessivePronounPointsBackToTheSubject() {
        let g = extract("As Ethiopia pressed its renewed offensive in Tigray, aid convoys stopped.")
        #expect(agents(g, ofClass: "war") == ["Ethiopia"])
    }

    @Test func anAuxiliaryMakesTheTriggerAVerbWithASubject() {
        let g = extract("China has reportedly set up a radar station near the Scarborough Shoal.")
        #expect(agents(g, ofClass: "establishment") == ["China"])
    }

    @Test func jointExercisesHaveBothPartners() {
        let g = extract("Japan will hold joint military exercises with the Philippines in Luzon next month.")
        #expect(Set(agents(g, ofClass: "exercises")) == ["Japan", "Philippines"])
    }

    @Test func aStatementSetBeforeTheClauseIsTheSpeakers() {
        let g = extract("""
            June 5, 2024

            At a June 4 briefing, Israeli military spokesman Daniel Hagari said the troops had entered Rafah.
            """)
        #expect(agents(g, ofClass: "press conference") == ["Daniel Hagari"])
    }

    @Test func byCoordinatesSeveralAuthors() {
        let g = extract("The details were given in a joint statement by the European Union and the African Union on Friday.")
        #expect(Set(agents(g, ofClass: "statement")) == ["European Union", "African Union"])
    }
}

@Suite struct MergeRules {
    @Test func oneEventToldTwiceIsOneEntity() throws {
        let g = extract("""
            March 3, 2022

            The Russian invasion began on February 24. Since then, Russia's war in Ukraine has displaced millions.
            """)
        let wars = g.entities.filter { $0.attributes["class"] == "war" }
        #expect(wars.count == 1)
        #expect(wars.first?.mentions.count == 2)
    }

    @Test func differentDatesKeepEventsApart() {
        let g = extract("""
            July 20, 2021

            Sudanese troops shelled El Fasher on July 6. Sudanese troops shelled El Fasher again on July 13.
            """)
        #expect(g.entities.filter { $0.attributes["class"] == "shelling" }.count == 2)
    }

    @Test func acrossArticlesTheSameDateAndPlaceMerge() {
        let a = SourceText(path: "a.txt", kind: .plain, text: "June 30, 2025\n\nPolice conducted a raid in Yekaterinburg on June 27.")
        let b = SourceText(path: "b.txt", kind: .plain, text: "July 2, 2025\n\nThe raid in Yekaterinburg on June 27 angered Baku.")
        let g = Extractor().extract([a, b])
        let raids = g.entities.filter { $0.attributes["class"] == "raid" }
        #expect(raids.count == 1)
        #expect(Set(raids.first?.mentions.map(\.doc) ?? []) == ["d1", "d2"])
    }
}

@Suite struct StanceRules {
    @Test func aSourceTellingOfAnotherSidesAttackAccusesIt() throws {
        let g = extract("""
            According to the Sudanese army, the Rapid Support Forces attacked a camp near El Fasher.
            """)
        #expect(g.relations.contains { r in
            r.predicate == .accuses && g.entity(r.subject)?.name.contains("Sudan") == true
                && g.entity(r.object.entityID ?? "")?.name == "Rapid Support Forces"
        })
    }

    @Test func ownSideAndBothSidesAccuseNoOne() {
        let own = extract("According to the Israeli military, Israeli forces struck targets in Rafah.")
        #expect(!own.relations.contains { $0.predicate == .accuses })
        let both = extract("According to the UN, there was shooting between the forces of Serbia and Kosovo near Jarinje.")
        #expect(!both.relations.contains { $0.predicate == .accuses })
    }
}

@Suite struct PlaceAndTargetRules {
    private func objects(_ g: Graph, _ p: KGModel.Predicate, ofClass cls: String) -> Set<String> {
        let ids = Set(g.entities.filter { $0.attributes["class"] == cls }.map(\.id))
        return Set(g.relations.filter { ids.contains($0.subject) && $0.predicate == p }
            .compactMap { $0.object.entityID.flatMap { g.entity($0)?.name } })
    }

    @Test func aPlaceBeforeTheEventNounIsWhereItHappened() {
        let g = extract("Kyiv says the Bucha massacre of 2022 was a war crime.")
        #expect(objects(g, .hasPlace, ofClass: "massacre") == ["Bucha"])
    }

    @Test func recruitmentFromAListOfRegions() {
        let g = extract("Mali's junta began the recruitment of soldiers from several regions, including Mopti, Segou and Kayes.")
        #expect(objects(g, .hasPlace, ofClass: "recruitment").isSuperset(of: ["Mopti", "Kayes"]))
    }

    @Test func aDemandIsAddressedToTheThatClauseSubject() {
        let g = extract("On Friday, the European Union demanded that Serbia withdraw its troops from the border.")
        #expect(objects(g, .hasTarget, ofClass: "demand") == ["Serbia"])
    }

    @Test func aRelativeClauseDoesNotGiveTheVerbItsSubject() {
        let g = extract("Gunmen in northern Mali, where French troops are deployed, fired at a convoy near Gao on Monday.")
        #expect(!objects(g, .hasAgent, ofClass: "shooting").contains { $0.contains("French") })
    }

    @Test func aWoundAsAResultIsPartOfTheAttack() {
        let g = extract("""
            May 7, 2024

            Militants shelled a Malian army post near Gao on Monday. A soldier was wounded as a result.
            """)
        #expect(g.entities.filter { $0.type == .event }.count == 1)
    }
}

@Suite struct DeploymentRules {
    @Test func aBaseLiesInItsTownAndPutsItsForceThere() throws {
        let g = extract("Russia keeps the 201st Russian military base in Dushanbe, the capital of Tajikistan.")
        let base = try #require(g.entities.first { $0.name.contains("201st") })
        let dushanbe = try #require(g.named("Dushanbe"))
        #expect(g.relations.contains { $0.subject == base.id && $0.predicate == .locatedIn && $0.object == .entity(dushanbe.id) })
    }

    @Test func aDeploymentEventPutsTheTroopsAtItsPlace() throws {
        let g = extract("According to the UN, Rwandan troops were deployed in Goma on Tuesday.")
        let goma = try #require(g.named("Goma"))
        let deployed = g.relations.filter { $0.predicate == .deployedIn && $0.object == .entity(goma.id) }
        #expect(deployed.count == 1)
        #expect(deployed.first.flatMap { g.entity($0.subject)?.name }?.contains("Rwand") == true)
        #expect(deployed.first?.attributedTo == [g.named("United Nations")?.id].compactMap { $0 })
    }
}

@Suite struct TitleAnaphora {
    @Test func theOfficeAloneIsTheOfficialNamedWithIt() throws {
        let g = extract("French President Emmanuel Macron arrived in Dakar on Monday. The president said the talks went well.")
        let macron = try #require(g.named("Emmanuel Macron"))
        #expect(macron.mentions.count == 2)
        #expect(macron.aliases.contains("president"))
    }

    @Test func theOfficeOfAnotherStateIsNotTheOfficial() throws {
        let g = extract("French President Emmanuel Macron arrived in Dakar on Monday. He met the president of Senegal.")
        #expect(g.named("Emmanuel Macron")?.mentions.count == 1)
    }
}

@Suite struct AttributionRules {
    private func attributed(_ g: Graph, _ p: KGModel.Predicate, to name: String) -> Bool {
        guard let id = g.named(name)?.id else { return false }
        return g.relations.contains { $0.predicate == p && $0.attributedTo.contains(id) }
    }

    @Test func aPronounSpeakerIsThePersonQuotedLast() {
        let g = extract("""
            Israeli military spokesman Daniel Hagari said on Monday that the army had entered Rafah.

            “The troops struck targets in Khan Younis overnight,” he told reporters.
            """)
        #expect(attributed(g, .hasPlace, to: "Daniel Hagari"))
    }

    @Test func whatAnAgencyPublishesIsItsClaim() {
        let g = extract("The Sudanese army published a video allegedly showing the Rapid Support Forces shelling El Fasher.")
        #expect(g.relations.contains { r in
            r.predicate == .hasAgent && r.attributedTo.contains { g.entity($0)?.name.contains("Sudan") == true }
        })
    }

    @Test func theStatementSpeaksForWhoeverIssuedIt() {
        let g = extract("""
            The Malian Foreign Ministry demanded on Friday that Algeria stop interfering. \
            The statement notes that Algerian troops were deployed near Tessalit.
            """)
        #expect(attributed(g, .hasPlace, to: "Malian Ministry of Foreign Affairs"))
    }
}

@Suite struct NoiseRules {
    @Test func navigationLinesGiveNothing() {
        let g = extract("""
            Related article: [Sudan Briefing: the siege of El Fasher | May 3](https://example.org/x)

            The army said it repelled an attack on El Fasher on Sunday.
            """)
        #expect(!g.entities.contains { $0.name.lowercased().contains("briefing") || $0.name.lowercased().contains("siege") })
    }

    @Test func anAsOfDateIsNotTheEventsDate() {
        let g = extract("""
            July 20, 2021

            The UN bulletin on the war in Yemen (as of July 14, 2021) lists new displacements.
            """)
        #expect(!g.relations.contains { $0.predicate == .hasDate && $0.object == .date(DateLiteral(iso: "2021-07-14")!)
            && g.entity($0.subject)?.attributes["class"] == "war" })
    }
}

@Suite struct ClauseRules {
    @Test func anOpeningDateBelongsToTheMainClause() throws {
        let g = extract("""
            May 10, 2024

            On May 6, gunmen in northern Mali, where UN peacekeepers are deployed, attacked a convoy near Gao.
            """)
        let attack = try #require(g.entities.first { $0.attributes["class"] == "attack" })
        #expect(g.relations.contains { $0.subject == attack.id && $0.predicate == .hasDate && $0.object == .date(DateLiteral(iso: "2024-05-06")!) })
    }

    @Test func aJointStatementHasEveryListedAuthor() {
        let g = extract("The joint statement of the President of Serbia, the Prime Minister of Kosovo and the President of France was signed in Brussels.")
        let statement = g.entities.first { $0.attributes["class"] == "statement" }
        let authors = Set(g.relations.filter { $0.subject == statement?.id && $0.predicate == .hasAgent }.compactMap { g.entity($0.object.entityID ?? "")?.name })
        #expect(authors == ["Serbia", "Kosovo", "France"])
    }

    @Test func aLetterIsAddressedToThePersonNotTheBodyOfTheTitle() {
        let g = extract("On Monday, a letter from Sudanese Foreign Minister Ali Youssef to UN Secretary General Antonio Guterres was published.")
        let letter = g.entities.first { $0.attributes["class"] == "letter" }
        let target = g.relations.first { $0.subject == letter?.id && $0.predicate == .hasTarget }
        #expect(target.flatMap { g.entity($0.object.entityID ?? "")?.name } == "Antonio Guterres")
    }
}

@Suite struct CompoundRules {
    @Test func anEventWordModifyingANounIsNoEvent() {
        let g = extract("Serbia said its treaty obligations to Russia stand. Kyiv documented war crimes in Bucha.")
        #expect(!g.entities.contains { $0.type == .event && ["agreement", "war"].contains($0.attributes["class"] ?? "") })
        let h = extract("Serbia and Kosovo signed a treaty in Brussels on Monday.")
        #expect(h.entities.contains { $0.type == .event && $0.attributes["class"] == "agreement" })
    }
}

@Suite struct PossessorRules {
    @Test func thoseDetainedAreNotTheDetainers() {
        let g = extract("Ethiopian soldiers crossed into Tigray. Their detention in Mekelle was confirmed by the UN on Monday.")
        let detention = g.entities.first { $0.attributes["class"] == "detention" }
        #expect(!g.relations.contains { $0.subject == detention?.id && $0.predicate == .hasAgent })
    }
}
