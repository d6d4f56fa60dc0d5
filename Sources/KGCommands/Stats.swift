import ArgumentParser
import Foundation
import KGStore

/// `kgraph stats`: what the store holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the store's entities by type and relations by predicate, and list its documents.")

    @Option(help: ArgumentHelp("The store.", valueName: "file"))
    var db: String = Ingest.defaultDB

    func run() throws {
        let store = try GraphSource.openStore(db)
        let stats = try GraphSource.storeCall(db) { try store.stats() }
        var out = ""
        func section(_ title: String, _ rows: [(String, Int)]) {
            out += title + "\n"
            let width = rows.map(\.0.count).max() ?? 0
            for (name, count) in rows {
                out += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(count) + "\n"
            }
        }
        section("entities: \(stats.entities)", stats.entitiesByType.map { ($0.type, $0.count) })
        section("relations: \(stats.relations)", stats.relationsByPredicate.map { ($0.predicate, $0.count) })
        out += "quads: \(stats.quads) (\(stats.triples) distinct triples, \(stats.terms) terms)\n"
        out += "documents: \(stats.documents.count)\n"
        let pathWidth = stats.documents.map(\.path.count).max() ?? 0
        for d in stats.documents {
            var line = "  " + d.path.padding(toLength: pathWidth, withPad: " ", startingAt: 0)
            line += "  " + (d.date ?? "-").padding(toLength: 10, withPad: " ", startingAt: 0)
            line += "  " + String(d.hash.prefix(12))
            line += "  " + String(format: "%5d quads", d.quads)
            if let title = d.title, !title.isEmpty { line += "  " + title }
            out += line + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
