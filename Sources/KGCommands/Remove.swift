import ArgumentParser
import Foundation
import KGStore

/// `kgraph remove`: takes documents out of the store, one transaction each.
struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take documents out of the graph store.",
        discussion: "A path names a document as it was ingested, or a folder: every document under it. Entities no remaining document names disappear.")

    @Argument(help: ArgumentHelp("Document paths (as ingested) or folders.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("The store.", valueName: "file"))
    var db: String = Ingest.defaultDB

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one document path or folder to remove") }
    }

    func run() throws {
        let store = try GraphSource.openStore(db)
        for path in paths {
            let removed = try GraphSource.storeCall(db) { try store.remove(path: path) }
            if removed.isEmpty { throw CommandError(description: "\(path): no such document in \(db)") }
            for p in removed { print("removed \(p)") }
        }
    }
}
