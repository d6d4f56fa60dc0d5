import ArgumentParser
import Foundation
import KGRDF
import KGStore
import KGText

/// `kgraph ingest`: articles into the persistent store, one transaction per document.
struct Ingest: ParsableCommand {
    static let defaultDB = "graphs/kgraph.sqlite"

    static let configuration = CommandConfiguration(
        abstract: "Add articles to the persistent graph store (SQLite).",
        discussion: """
            Each document is extracted on its own and stored in one transaction. A file whose \
            content is unchanged is skipped; a changed file replaces what its old version brought. \
            Entities merge across documents by their identity keys.
            """)

    @Argument(help: ArgumentHelp("Files or folders to add.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("The store to add to; created when missing.", valueName: "file"))
    var db: String = Ingest.defaultDB

    @Option(help: ArgumentHelp("Base IRI for minted IRIs, when the store is new.", valueName: "iri"))
    var base: String = RDFMapper.defaultBase

    @OptionGroup var lexicon: LexiconOptions

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to ingest") }
        if paths.contains(InputSource.stdinPath) {
            throw ValidationError("cannot ingest standard input: the store keys documents by path; save it to a file first")
        }
        do {
            _ = try RDFMapper(base: base)
        } catch {
            throw ValidationError("--base \(base): \(error)")
        }
    }

    func run() throws {
        let sources = try InputCollector.collect(paths)
        let folder = (db as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CommandError(description: "\(db): cannot create folder \(folder)")
            }
        }
        let extractor = try lexicon.extractor()
        let store = try GraphSource.storeCall(db) { try GraphStore(path: db, create: true, base: base, extractor: extractor) }
        var counts: [GraphStore.IngestReport.Outcome: Int] = [:]
        var bytes = 0
        let start = Date()
        for source in sources {
            let report = try GraphSource.storeCall(db) { try store.ingest(source) }
            counts[report.outcome, default: 0] += 1
            if report.outcome != .unchanged {
                bytes += (try? FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? 0
            }
            if !quiet {
                var line = "\(report.outcome.rawValue) \(report.path)"
                if report.outcome != .unchanged {
                    line += ": \(report.entities) entities, \(report.relations) relations, \(report.quads) quads"
                    if report.rewritten > 0 { line += " (rewrote \(report.rewritten) other document graph\(report.rewritten == 1 ? "" : "s"))" }
                }
                print(line)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let documents = sources.count
        print("\(documents) document\(documents == 1 ? "" : "s") into \(db): \(counts[.added] ?? 0) added, "
              + "\(counts[.replaced] ?? 0) replaced, \(counts[.unchanged] ?? 0) unchanged in "
              + String(format: "%.2f s", seconds))
    }
}
