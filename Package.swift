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
        .target(name: "KGCommands", dependencies: [
            "KGModel", "KGText", "KGExtract", "KGRDF", "KGRender",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kgraph", dependencies: ["KGCommands"]),

        .testTarget(name: "KGModelTests", dependencies: ["KGModel"]),
        .testTarget(name: "KGTextTests", dependencies: ["KGText"]),
        .testTarget(name: "KGExtractTests", dependencies: ["KGExtract", "KGText", "KGModel"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "KGRDFTests", dependencies: ["KGRDF", "KGModel"], exclude: ["Golden"]),
        .testTarget(name: "KGRenderTests", dependencies: ["KGRender", "KGModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kgraph"]),
    ]
)
