import ArgumentParser
import Foundation
import KGModel
import KGReport
import KGSparql

/// How the listing commands print: an aligned table for people, JSON or TSV for tools.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, tsv
}

extension EntityType: ExpressibleByArgument {}

/// What every listing command shares: where the graph comes from, the format and the output.
struct ListingOutput: ParsableArguments {
    @Option(help: "Output format.")
    var format: ListingFormat = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    /// `table(rows, width)`: the rows as text, evidence cut to `width` (nil: whole, for TSV).
    func write<Row: Encodable>(_ rows: [Row], table: (([Row], Int?) -> TextTable)) throws {
        let text: Data
        switch format {
        case .table: text = Data(table(rows, 90).aligned().utf8)
        case .tsv: text = Data(table(rows, nil).tsv().utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(rows)
            data.append(0x0A)
            text = data
        }
        try OutputWriter.write(text, to: output)
    }
}

/// `kgraph entities`: who is who.
struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the entities: name, type, mentions, ids and aliases, most mentioned first.")

    @OptionGroup var input: GraphSource
    @OptionGroup var listing: ListingOutput

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Only these types (State, Official, Person, Agency, Organization, Place, Event).", valueName: "type"))
    var type: [EntityType] = []

    func run() throws {
        let graph = try input.graph()
        let rows = EntityListing.rows(graph, types: type.isEmpty ? nil : Set(type))
        try listing.write(rows) { rows, _ in EntityListing.table(rows) }
    }
}

/// `kgraph events`: the timeline.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the events as a timeline: date, class, CAMEO code, agent → target, place and evidence.")

    @OptionGroup var input: GraphSource
    @OptionGroup var listing: ListingOutput

    @Option(help: ArgumentHelp("Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var to: String?

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, DateLiteral(iso: value) == nil {
                throw ValidationError("\(flag) '\(value)' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
            }
        }
    }

    func run() throws {
        let graph = try input.graph()
        let rows = Timeline.rows(graph, from: from.flatMap(DateLiteral.init(iso:)), to: to.flatMap(DateLiteral.init(iso:)))
        try listing.write(rows, table: Timeline.table(_:width:))
    }
}

/// `kgraph claims`: who asserts what, and who disputes it.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the attributed facts, with who asserts each and who disputes it.")

    @OptionGroup var input: GraphSource
    @OptionGroup var listing: ListingOutput

    @Option(help: ArgumentHelp("Only claims asserted by this entity (name or alias).", valueName: "name"))
    var by: String?

    @Flag(help: "Only claims someone disputes.")
    var disputed = false

    @Flag(help: "Print the SPARQL the listing compiles to (over --db, or the files loaded into a store in memory).")
    var explain = false

    func run() throws {
        // Over a store the listing is SPARQL; over files it reads the extracted graph directly,
        // unless --explain asks for the query.
        if input.db != nil || explain {
            // The store options with their defaults (timeout, row limit), as `query` has them.
            var options = try SparqlOptions.parse(input.db.map { ["--db", $0] } ?? [])
            options.output = listing.output
            let engine = try options.engine(paths: input.db == nil ? input.paths : [])
            var queries: [String] = []
            let rows = try ClaimsQuery.rows(engine: engine, options: options, by: by, disputedOnly: disputed, explain: &queries)
            if explain { return try Shortcut.write(queries.joined(separator: "\n\n") + "\n", options) }
            return try listing.write(rows, table: ClaimListing.table(_:width:))
        }
        let graph = try input.graph()
        let rows = ClaimListing.rows(graph, by: by, disputedOnly: disputed)
        try listing.write(rows, table: ClaimListing.table(_:width:))
    }
}
