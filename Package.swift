// swift-tools-version: 6.1
// Targets have one job each, and imports flow one way:
// KGModel ← KGText ← KGExtract ← KGRDF / KGRender ← KGCommands ← kgraph.
import PackageDescription

let package = Package(
    name: "kgraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kgraph", targets: ["kgraph"]),
        .library(name: "KGraph", targets: ["KGModel", "KGText", "KGExtract", "KGRDF", "KGRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages, each wrapped by exactly one Swift target.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CSerd", pkgConfig: "serd-0", providers: [.apt(["libserd-dev"])]),

        .target(name: "KGModel"),
        .target(name: "KGText", dependencies: ["KGModel"], resources: [.process("Resources")]),
        .target(name: "KGExtract", dependencies: ["KGModel", "KGText"], resources: [.process("Resources")]),
        .target(name: "KGRDF", dependencies: ["KGModel", "CSerd"]),
        .target(name: "KGRender", dependencies: ["KGModel", "CGraphviz"]),
        // Tables people read: the entity list, the event timeline, the claims.
        .target(name: "KGReport", dependencies: ["KGModel"]),
        // The persistent store: SQLite through GRDB, with the RDF quads kept in step.
        .target(name: "KGStore", dependencies: [
            "KGModel", "KGText", "KGExtract", "KGRDF", "CSerd",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // SPARQL 1.1 over the store's quad tables: parser, algebra, translation to SQL.
        .target(name: "KGSparql", dependencies: [
            "KGRDF",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "KGCommands", dependencies: [
            "KGModel", "KGText", "KGExtract", "KGRDF", "KGRender", "KGStore", "KGReport", "KGSparql",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kgraph", dependencies: ["KGCommands"]),
        // `make bench-render`: DOT building and Graphviz layout timed on the seeds and a synthetic graph.
        .executableTarget(name: "RenderBench", dependencies: ["KGRender", "KGModel"], path: "Benchmarks/RenderBench"),

        .testTarget(name: "KGModelTests", dependencies: ["KGModel"]),
        .testTarget(name: "KGTextTests", dependencies: ["KGText"]),
        .testTarget(name: "KGExtractTests", dependencies: ["KGExtract", "KGText", "KGModel"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "KGRDFTests", dependencies: ["KGRDF", "KGModel"], exclude: ["Golden"]),
        .testTarget(name: "KGRenderTests", dependencies: ["KGRender", "KGModel"], exclude: ["Golden"]),
        .testTarget(name: "KGReportTests", dependencies: ["KGReport", "KGModel", "KGExtract", "KGText"], exclude: ["Golden"]),
        .testTarget(name: "KGStoreTests", dependencies: ["KGStore", "KGRDF", "KGModel", "KGText", "KGExtract"], exclude: ["Fixtures"]),
        .testTarget(name: "KGSparqlTests", dependencies: ["KGSparql", "KGStore", "KGRDF"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kgraph"]),
    ]
)
