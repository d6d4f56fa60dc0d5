import ArgumentParser
import Foundation
import KGRDF
import KGSparql
import KGStore
import KGText

extension ResultFormat: ExpressibleByArgument {}

/// The options every SPARQL-running command shares: the store, limits and output.
struct SparqlOptions: ParsableArguments {
    static let defaultDB = "graphs/kgraph.sqlite"

    @Option(help: ArgumentHelp("The store to query (made by kgraph ingest); default \(SparqlOptions.defaultDB), unless files are given.", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Fail rather than return more than this many rows.", valueName: "rows"))
    var limit: Int = 100_000

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    /// What error messages call the store.
    var storeName: String { db ?? SparqlOptions.defaultDB }

    /// The engine over the store, or over the documents in `paths` extracted into a store in
    /// memory (the same mapping `kgraph ingest` writes); a one-line error names the file.
    func engine(paths: [String] = []) throws -> SparqlEngine {
        if !paths.isEmpty {
            if db != nil { throw ValidationError("give either files and folders or --db, not both") }
            let sources = try InputCollector.collect(paths)
            let store = try GraphSource.storeCall(":memory:") { try GraphStore(inMemory: ()) }
            for source in sources { _ = try GraphSource.storeCall(source.path) { try store.ingest(source) } }
            return SparqlEngine(database: store.dbQueue)
        }
        let path = storeName
        let store = try GraphSource.storeCall(path) { try QuadStore(path: path, create: false) }
        return SparqlEngine(database: store.dbQueue)
    }

    func run(_ engine: SparqlEngine, _ text: String) throws -> QueryResult {
        do {
            return try engine.execute(text, timeout: timeout, rowLimit: limit)
        } catch let error as SparqlError {
            throw CommandError(description: error.description)
        } catch {
            throw CommandError(description: StoreError.wrap(error, path: storeName).description)
        }
    }
}

/// `kgraph query`: SPARQL 1.1 (SELECT, ASK, CONSTRUCT) over the persistent store.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a SPARQL 1.1 query (SELECT, ASK or CONSTRUCT) over the store.",
        discussion: """
            The default graph is the union of all documents' graphs; GRAPH ?g ranges over the \
            documents. Prefixes rdf rdfs xsd owl schema org sem prov oa skos kg wd are predeclared.
            """)

    @Argument(help: ArgumentHelp("The query text (unless -f gives a file), then optionally files or folders to extract and query instead of --db.", valueName: "query-and-paths"))
    var arguments: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from this file.", valueName: "file"))
    var file: String?

    @OptionGroup var options: SparqlOptions

    @Option(help: "table, json, csv or tsv for SELECT and ASK; nt or ttl for CONSTRUCT.")
    var format: String?

    @Flag(help: "Print the SQL the query compiles to instead of running it.")
    var explain = false

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Run the query this many times and print the median time (parse to decoded rows, no output) on standard error; for benchmarks.", valueName: "n"))
    var repetitions: Int = 1

    func validate() throws {
        if repetitions < 1 { throw ValidationError("--repeat must be at least 1") }
        if arguments.isEmpty && file == nil { throw ValidationError("give the query as an argument or with -f FILE") }
        if let format, !["table", "json", "csv", "tsv", "nt", "ttl"].contains(format) {
            throw ValidationError("unknown --format '\(format)': use table, json, csv, tsv (SELECT, ASK) or nt, ttl (CONSTRUCT)")
        }
    }

    func run() throws {
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let s = String(data: data, encoding: .utf8) else {
                throw CommandError(description: "\(file): cannot read the query file")
            }
            text = s
        } else {
            text = arguments[0]
        }
        let engine = try options.engine(paths: file == nil ? Array(arguments.dropFirst()) : arguments)
        if explain {
            do {
                try OutputWriter.write(Data((try engine.sql(for: text) + "\n").utf8), to: options.output)
            } catch let error as SparqlError {
                throw CommandError(description: (file.map { "\($0): " } ?? "") + error.description)
            }
            return
        }
        var result: QueryResult? = nil
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                result = try options.run(engine, text)
            } catch let error as CommandError {
                throw CommandError(description: (file.map { "\($0): " } ?? "") + error.description)
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        if repetitions > 1 {
            let median = times.sorted()[times.count / 2]
            FileHandle.standardError.write(Data(String(format: "query: median %.2f ms over %d runs\n", median, repetitions).utf8))
        }
        guard let result else { return }
        try OutputWriter.write(Data(try Query.render(result, format: format).utf8), to: options.output)
    }

    static func render(_ result: QueryResult, format: String?) throws -> String {
        switch result {
        case .triples(let ts):
            let rdf: RDFFormat = format == "ttl" ? .ttl : .nt
            if let format, !["nt", "ttl"].contains(format) {
                throw CommandError(description: "--format \(format) is for SELECT and ASK; CONSTRUCT writes nt or ttl")
            }
            do {
                return try serialize(ResultWriter.rdfTriples(ts), format: rdf)
            } catch {
                throw CommandError(description: "cannot write the constructed graph: \(error)")
            }
        default:
            if let format, ["nt", "ttl"].contains(format) {
                throw CommandError(description: "--format \(format) is for CONSTRUCT; SELECT and ASK write table, json, csv or tsv")
            }
            let chosen = format.flatMap(ResultFormat.init(rawValue:)) ?? .table
            return ResultWriter.write(result, format: chosen, prefixes: SparqlEngine.defaultPrefixes)
        }
    }
}
