import ArgumentParser
import Foundation
import KGExtract
import KGModel
import KGStore
import KGText

/// Where a reading command gets its graph: files and folders extracted on the fly, or a store
/// built earlier by `kgraph ingest` (`--db FILE`). Exactly one of the two.
struct GraphSource: ParsableArguments {
    @Argument(help: ArgumentHelp("Files or folders to read, or - for standard input (or use --db).", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Read the graph from this store (made by kgraph ingest) instead of extracting PATHS.", valueName: "file"))
    var db: String?

    @OptionGroup var lexicon: LexiconOptions

    func validate() throws {
        if db != nil, !lexicon.files.isEmpty {
            throw ValidationError("--lexicon applies to extracting files, not to reading --db")
        }
        if db != nil, !paths.isEmpty {
            throw ValidationError("give either files and folders or --db, not both")
        }
        if db == nil, paths.isEmpty {
            throw ValidationError("give at least one file or folder (or - for standard input), or --db FILE")
        }
    }

    /// The whole graph: extracted from the inputs, or rebuilt from the store's tables.
    func graph() throws -> Graph {
        if let db {
            let store = try GraphSource.openStore(db)
            return try GraphSource.storeCall(db) { try store.graph() }
        }
        let extractor = try lexicon.extractor()
        let sources = try InputCollector.collect(paths)
        let texts = try sources.map { source throws(InputError) in try DocumentReader.read(source) }
        return extractor.extract(texts)
    }

    /// Opens an existing store for reading; a missing, locked, foreign or newer database is a
    /// one-line error naming the file (exit 1).
    static func openStore(_ path: String, create: Bool = false) throws -> GraphStore {
        try storeCall(path) { try GraphStore(path: path, create: create) }
    }

    /// Runs `body`, turning store and SQLite errors into the one-line `CommandError` the
    /// command line prints.
    static func storeCall<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandError(description: error.description)
        } catch let error as InputError {
            throw error
        } catch let error as CommandError {
            throw error
        } catch {
            throw CommandError(description: StoreError.wrap(error, path: path).description)
        }
    }
}
