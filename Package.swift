// swift-tools-version: 6.1
import PackageDescription

// The stages, in the order data flows through them; each imports only the ones before it
// (docs/architecture.md). Module names carry a prefix so that they cannot clash with a
// client's own `Graph` or `Corpus`; clients import the umbrella `TermgraphKit` alone.
let package = Package(
    name: "termgraph",
    products: [
        .library(name: "TermgraphKit", targets: ["TermgraphKit"]),
        .executable(name: "termgraph", targets: ["termgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Only the server target uses it: the library product carries no HTTP dependency.
        // Without its default traits it needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(name: "CBZip2", providers: [.apt(["libbz2-dev"])]),
        .target(name: "TermgraphCore", path: "Sources/Core"),
        .target(name: "CMappingGuard", path: "Sources/CMappingGuard"),
        .target(name: "TermgraphStorage", dependencies: ["TermgraphCore", "CMappingGuard"], path: "Sources/Storage"),
        .target(name: "TermgraphCorpus", dependencies: ["TermgraphCore", "TermgraphStorage", "CLibXML2", "CBZip2", .product(name: "Yams", package: "Yams")],
                path: "Sources/Corpus"),
        .target(name: "TermgraphGraph", dependencies: ["TermgraphCore"], path: "Sources/Graph"),
        .target(name: "TermgraphLinking", dependencies: ["TermgraphCore", "TermgraphCorpus", "TermgraphGraph"], path: "Sources/Linking"),
        .target(name: "TermgraphTerms", dependencies: ["TermgraphCore", "TermgraphGraph"], path: "Sources/Terms"),
        .target(name: "TermgraphIndex",
                dependencies: ["TermgraphCore", "TermgraphStorage", "TermgraphCorpus", "TermgraphGraph", "TermgraphLinking", "TermgraphTerms"],
                path: "Sources/Index"),
        .target(name: "TermgraphQueries",
                dependencies: ["TermgraphCore", "TermgraphStorage", "TermgraphCorpus", "TermgraphGraph", "TermgraphLinking", "TermgraphTerms",
                               "TermgraphIndex"],
                path: "Sources/Queries"),
        .target(name: "TermgraphExport", dependencies: ["TermgraphCore", "TermgraphStorage", "TermgraphGraph", "CLibXML2"], path: "Sources/Export"),
        .target(name: "TermgraphKit",
                dependencies: ["TermgraphCorpus", "TermgraphGraph", "TermgraphLinking", "TermgraphTerms", "TermgraphIndex",
                               "TermgraphQueries", "TermgraphExport"],
                path: "Sources/TermgraphKit"),
        .target(name: "TermgraphServer",
                dependencies: ["TermgraphKit", "TermgraphCore", "TermgraphStorage", .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log")],
                path: "Sources/Server", resources: [.embedInCode("Resources/index.html"), .embedInCode("Resources/page.css"), .embedInCode("Resources/page.js")]),
        .executableTarget(
            name: "termgraph",
            dependencies: ["TermgraphKit", "TermgraphCore", "TermgraphStorage", "TermgraphExport", "TermgraphServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/termgraph",
            plugins: ["BuildInfo"]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool(), path: "Plugins/BuildInfo"),
        .target(name: "TestSupport", dependencies: ["TermgraphKit"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["TermgraphCore", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["TermgraphStorage", "TestSupport"]),
        .testTarget(name: "CorpusTests", dependencies: ["TermgraphCorpus", "TestSupport"]),
        .testTarget(name: "GraphTests", dependencies: ["TermgraphGraph", "TestSupport"]),
        .testTarget(name: "LinkingTests", dependencies: ["TermgraphLinking", "TestSupport"]),
        .testTarget(name: "TermsTests", dependencies: ["TermgraphCore", "TermgraphTerms", "TestSupport"]),
        .testTarget(name: "IndexTests", dependencies: ["TermgraphIndex", "TestSupport"]),
        .testTarget(name: "QueriesTests", dependencies: ["TermgraphCore", "TermgraphQueries", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["TermgraphExport", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["termgraph", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["TermgraphServer", "TestSupport"]),
    ]
)
