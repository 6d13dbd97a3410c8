// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "termgraph",
    products: [
        .library(name: "TermgraphKit", targets: ["Corpus", "Graph", "Export", "Storage"]),
        .executable(name: "termgraph", targets: ["termgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "Graph"),
        .target(name: "Storage"),
        .target(name: "Corpus", dependencies: ["Graph", "Storage", .product(name: "Yams", package: "Yams")]),
        .target(name: "Export", dependencies: ["Graph", "CLibXML2"]),
        .executableTarget(
            name: "termgraph",
            dependencies: ["Corpus", "Graph", "Export", "Storage", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GraphTests", dependencies: ["Graph"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "Graph"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Storage", "Graph"]),
        .testTarget(name: "CLITests", dependencies: ["termgraph"]),
    ]
)
