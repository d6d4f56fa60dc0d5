import KGModel
import XCTest
@testable import KGRender

/// What each view draws, checked on its scene (nodes, edges, clusters, ranks) rather than on
/// DOT text or pixels.
final class ViewTests: XCTestCase {
    let graph = Fixture.graph
    var drawing: Drawing { Drawing(shown: graph, everything: graph, wrapWidth: 18, linkBase: "out") }

    func label(_ a: Scene.Attributes) -> String {
        switch a["label"] {
        case .lines(let ls): ls.joined(separator: " / ")
        case .text(let s): s
        default: ""
        }
    }

    func edge(_ scene: Scene, _ from: String, _ to: String) -> Scene.Edge? {
        scene.edges.first { $0.from == from && $0.to == to && $0.attributes["style"] != .raw("invis") }
    }

    // MARK: Whole

    func testWholeViewHasEveryEntityAndEveryRelationButDates() {
        let scene = WholeView(drawing: drawing).scene(graph, highlight: [])
        XCTAssertEqual(Set(scene.nodes.map(\.id)), Set(graph.entities.map(\.id)))
        XCTAssertEqual(scene.edges.count, graph.relations.filter { $0.predicate != .hasDate }.count)
        let offensive = scene.nodes.first { $0.id == "offensive" }!
        XCTAssertEqual(label(offensive.attributes), "September / offensive / 2023-09-19")
        // Size by mentions: Azerbaijan (8 mentions) is drawn larger than Armenia (3) and Nikol Pashinyan (1).
        func size(_ id: String) -> String { if case .raw(let s) = scene.nodes.first(where: { $0.id == id })!.attributes["fontsize"] { s } else { "" } }
        XCTAssertEqual([size("az"), size("am"), size("pashinyan")], ["14.5", "12.5", "10"])
    }

    func testEdgesShowPredicateFamilyAndWhoSaysSo() {
        let scene = WholeView(drawing: drawing).scene(graph, highlight: [])
        let accuses = edge(scene, "am", "az")!.attributes
        XCTAssertEqual(label(accuses), "accuses / per Armenia")
        XCTAssertEqual(accuses["style"], .raw("dotted"))
        XCTAssertEqual(accuses["color"], .raw(Style.color(.stance)))
        let target = edge(scene, "offensive", "stepanakert")!.attributes
        XCTAssertEqual(label(target), "target / per Anna Petrosyan / disputed by Azerbaijan")
        XCTAssertEqual(target["style"], .raw("dashed"))
        XCTAssertEqual(target["color"], .raw(Style.disputedColor))
        XCTAssertEqual(target["arrowhead"], .raw(Style.arrowhead(.eventRole)))
        let role = edge(scene, "aliyev", "az")!.attributes
        XCTAssertEqual(label(role), "officialOf (President)")
        XCTAssertEqual(role["style"], .raw("solid"))
        XCTAssertEqual(edge(scene, "ru", "nk")!.attributes["color"], .raw(Style.color(.military)))
        // The gazetteer's `source` is for the tooltip, not the label.
        XCTAssertEqual(label(edge(scene, "stepanakert", "nk")!.attributes), "locatedIn")
    }

    func testProvenanceTooltipsAndLinks() {
        let scene = WholeView(drawing: drawing).scene(graph, highlight: [])
        guard case .lines(let tip) = edge(scene, "offensive", "stepanakert")!.attributes["tooltip"] else { return XCTFail("no tooltip") }
        XCTAssertEqual(tip, [
            "September offensive hasTarget Stepanakert (Xankəndi)",
            "according to Anna Petrosyan", "disputed by Azerbaijan",
            "“Petrosyan said Stepanakert was shelled; Baku denied it.” (articles/one.txt)",
        ])
        XCTAssertEqual(edge(scene, "offensive", "stepanakert")!.attributes["URL"], .text("../articles/one.txt"))
        let aliyev = scene.nodes.first { $0.id == "aliyev" }!.attributes
        guard case .lines(let nodeTip) = aliyev["tooltip"] else { return XCTFail("no node tooltip") }
        XCTAssertEqual(nodeTip, [
            "Ilham Aliyev (Official)", "also: Aliyev; Azerbaijan President Ilham Aliyev",
            "3 mentions in articles/one.txt",
            "“Azerbaijan President Ilham Aliyev spoke.” (articles/one.txt)",
        ])
        XCTAssertEqual(aliyev["URL"], .text("../articles/one.txt"))
    }

    func testLongAttributionsNameTheFirstAndCountTheRest() {
        var g = graph
        g.entities.append(Entity(id: "mfa", name: "Armenian Ministry of Foreign Affairs", type: .agency))
        let d = Drawing(shown: g, everything: g, wrapWidth: 18, linkBase: nil)
        XCTAssertEqual(d.names(["am", "petrosyan"]), "Armenia, Anna Petrosyan")
        XCTAssertEqual(d.names(["petrosyan", "mfa"]), "Anna Petrosyan +1")
        XCTAssertEqual(d.names(["mfa"]), "Armenian Ministry of Foreign Affairs")
        // An acronym alias is the short name: "per ICRC", not the full name.
        XCTAssertEqual(d.names(["icrc"]), "ICRC")
        XCTAssertEqual(d.attributionLines(attributedTo: [], disputedBy: ["petrosyan", "mfa"]), ["disputed by Anna", "Petrosyan +1"])
    }

    func testRelativeLinks() {
        XCTAssertEqual(Provenance.relativePath(from: "graphs", to: "seeds/a.txt"), "../seeds/a.txt")
        XCTAssertEqual(Provenance.relativePath(from: "", to: "seeds/a.txt"), "seeds/a.txt")
        XCTAssertEqual(Provenance.relativePath(from: "a/b", to: "a/c/d.txt"), "../c/d.txt")
        XCTAssertEqual(Provenance.relativePath(from: "/tmp/x", to: "/tmp/x/y.txt"), "y.txt")
    }

    // MARK: Actors

    func testActorsViewPutsOfficialsAndAgenciesInTheirStatesBox() {
        let (scene, note) = ActorsView(drawing: drawing).scene(graph, highlight: [])
        let cluster = Dictionary(uniqueKeysWithValues: scene.nodes.map { ($0.id, $0.cluster ?? "-") })
        XCTAssertEqual(Set(scene.clusters.map(\.id)), ["az", "am"])
        XCTAssertEqual(cluster["az"], "az")
        XCTAssertEqual(cluster["aliyev"], "az")
        XCTAssertEqual(cluster["mod"], "az")
        XCTAssertEqual(cluster["army"], "az", "two levels down, through the ministry")
        XCTAssertEqual(cluster["pashinyan"], "am")
        XCTAssertEqual(cluster["ru"], "-", "no members, no box")
        // No events, and no actor without any link; the legend names the one left out.
        XCTAssertFalse(scene.nodes.contains { graph.entity($0.id)?.type == .event })
        XCTAssertNil(cluster["att"])
        XCTAssertTrue(note.contains { $0.contains("AT&amp;T \"Q\" \\ Co") }, "\(note)")
        XCTAssertTrue(note.contains("2 events have no agent, or no target or place, and so no edge here."), "\(note)")
        // The box stands for officialOf/partOf the state; the role moves into the label.
        XCTAssertNil(edge(scene, "aliyev", "az"))
        XCTAssertEqual(label(scene.nodes.first { $0.id == "aliyev" }!.attributes), "Ilham Aliyev / President")
        // Structure inside the box is drawn top-down, the arrow still pointing to the whole.
        let partOf = edge(scene, "mod", "army")!.attributes
        XCTAssertEqual(partOf["dir"], .raw("back"))
        XCTAssertEqual(partOf["arrowtail"], .raw("onormal"))
    }

    func testActorsViewCollapsesEventsIntoEdges() {
        let (scene, _) = ActorsView(drawing: drawing).scene(graph, highlight: [])
        let attack = edge(scene, "az", "stepanakert")!.attributes
        XCTAssertEqual(label(attack), "attack (2023-09-19) / per Armenia, Anna / Petrosyan / disputed by Azerbaijan")
        XCTAssertEqual(attack["style"], .raw("dashed"))
        // No target: the edge goes to the place.
        XCTAssertEqual(label(edge(scene, "army", "stepanakert")!.attributes), "attack (2023-09-20)")
        // A denial of an event points at whoever carried it out.
        let denial = edge(scene, "ru", "army")!.attributes
        XCTAssertEqual(label(denial), "denies: attack / (2023-09-20)")
        XCTAssertEqual(denial["color"], .raw(Style.color(.stance)))
        XCTAssertEqual(label(edge(scene, "am", "az")!.attributes), "accuses / per Armenia")
        XCTAssertNotNil(edge(scene, "ru", "nk"))
        XCTAssertNotNil(edge(scene, "icrc", "stepanakert"))
        // The talks have agents but no target or place: in the agents' tooltips instead.
        guard case .lines(let tip) = scene.nodes.first(where: { $0.id == "aliyev" })!.attributes["tooltip"] else { return XCTFail() }
        XCTAssertTrue(tip.contains("also (no target or place): talks in Brussels"), "\(tip)")
    }

    // MARK: Timeline

    func testTimelinePutsEventsInDateColumnsWithAgentsBeforeAndTargetsAfter() {
        let (scene, note) = TimelineView(drawing: drawing).scene(graph, highlight: [])
        let p = drawing.prefix
        let groups = scene.sameRank.map(Set.init)
        XCTAssertTrue(groups.contains(["\(p)date_0_0", "az"]), "\(groups)")
        XCTAssertTrue(groups.contains(["\(p)date_0_1", "offensive"]))
        XCTAssertTrue(groups.contains(["\(p)date_0_2", "stepanakert"]))
        XCTAssertTrue(groups.contains(["\(p)date_1_0", "army", "ru"]))
        XCTAssertTrue(groups.contains(["\(p)date_1_1", "shelling", "statement"]))
        // The date columns are chained left to right.
        let chain = scene.edges.filter { $0.from.hasPrefix(p) && $0.to.hasPrefix(p) }.map { "\($0.from)>\($0.to)" }
        XCTAssertEqual(Set(chain), ["\(p)date_0_0>\(p)date_0_1", "\(p)date_0_1>\(p)date_0_2", "\(p)date_0_2>\(p)date_1_0",
                                    "\(p)date_1_0>\(p)date_1_1"])
        XCTAssertEqual(label(scene.nodes.first { $0.id == "\(p)date_0_1" }!.attributes), "2023-09-19")
        // Undated events are left out, and the legend says so.
        XCTAssertFalse(scene.nodes.contains { $0.id == "talks" })
        XCTAssertTrue(note.contains("1 event has no date and is not shown."), "\(note)")
        XCTAssertEqual(label(scene.nodes.first { $0.id == "offensive" }!.attributes), "September / offensive / in Nagorno-Karabakh")
        XCTAssertEqual(label(edge(scene, "az", "offensive")!.attributes), "agent / per Armenia")
        XCTAssertEqual(label(edge(scene, "ru", "shelling")!.attributes), "denies")
        XCTAssertNotNil(edge(scene, "offensive", "stepanakert"))
        // Only the chain of dates ranks the nodes, so a target seen before cannot reorder it.
        let relationEdges = scene.edges.filter { !$0.from.hasPrefix(p) }
        XCTAssertEqual(relationEdges.count, 5)
        XCTAssertTrue(relationEdges.allSatisfy { $0.attributes["constraint"] == .raw("false") })
    }

    // MARK: Labels

    func testEdgeLabelsBecomeNodesForForceDirectedEngines() {
        let scene = WholeView(drawing: drawing).scene(graph, highlight: [])
        let split = withLabelNodes(scene, prefix: "kg_")
        let labels = split.nodes.filter { $0.id.hasPrefix("kg_label_") }
        XCTAssertEqual(labels.count, scene.edges.count)
        XCTAssertEqual(split.edges.count, 2 * scene.edges.count)
        XCTAssertTrue(split.edges.allSatisfy { $0.attributes["label"] == nil })
        XCTAssertTrue(labels.allSatisfy { $0.attributes["class"] == .raw("edgelabel") })
    }

    func testWrapAndReservedPrefix() {
        XCTAssertEqual(wrap("International Committee of the Red Cross", width: 10), ["International", "Committee", "of the Red", "Cross"])
        XCTAssertEqual(wrap("", width: 10), [""])
        var g = graph
        g.entities.append(Entity(id: "kg_label_1", name: "Impostor", type: .state))
        XCTAssertEqual(reservedPrefix(for: g), "kg__")
        XCTAssertEqual(reservedPrefix(for: graph), "kg_")
    }

    func testEscaping() {
        XCTAssertEqual(escape(#"a "b" \N & c"#), #"a \"b\" \\N &amp; c"#)
        XCTAssertEqual(escape("two\nlines"), "two lines")
        XCTAssertEqual(htmlEscape("<b> & \"q\""), "&lt;b&gt; &amp; &quot;q&quot;")
        XCTAssertEqual(quoteID("plain"), #""plain""#)
        XCTAssertEqual(quoteID(#"q"x"#), #""q\"x""#)
        XCTAssertEqual(quoteID(#"a\b"#), #""a\b""#)
        // Unwritable: odd backslash run before a quote or at the end gets one more backslash.
        XCTAssertEqual(quoteID(#"a\"#), #""a\\""#)
        XCTAssertEqual(quoteID(#"a\"b"#), #""a\\\"b""#)
        XCTAssertEqual(quoteID(#"a\\"b"#), #""a\\\"b""#)
        XCTAssertEqual(dotNumber(2), "2")
        XCTAssertEqual(dotNumber(1.25), "1.25")
        XCTAssertEqual(dotNumber(14.5), "14.5")
        XCTAssertEqual(dotNumber(0.05), "0.05")
        XCTAssertEqual(dotNumber(-0.5), "-0.5")
        XCTAssertEqual(dotNumber(-2.25), "-2.25")
    }
}
