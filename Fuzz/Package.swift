// swift-tools-version: 6.0
// libFuzzer targets for termgraph. A package of its own so that the root package (and the
// engineers building it) never see the fuzzer flags. Build it with the script beside this file:
//
//     Fuzz/run.sh 60        # build both targets, fuzz each for 60 s
//
// or by hand (from the repository root):
//
//     swift build --package-path Fuzz --scratch-path .build-fuzz \
//         -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
//
// Read README.md for why the targets are built the way they are.
import PackageDescription

// libFuzzer brings its own `main`; the targets must not emit one. SwiftPM links every ELF
// executable with `--defsym main=<Target>_main`, so each target defines `<Target>_main` itself and
// hands control to libFuzzer's driver from there (see FuzzerMain.swift in each target).
let fuzzerSwiftSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "TermgraphFuzz",
    dependencies: [
        // The root package, by path; its library product is the umbrella module TermgraphKit.
        .package(name: "termgraph", path: ".."),
        // The same Yams the root package uses (its pin wins), for the strict comparison only.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver for Swift.
        .target(name: "FuzzerDriver"),
        .executableTarget(
            name: "FuzzFrontMatter",
            dependencies: [
                "FuzzerDriver",
                .product(name: "TermgraphKit", package: "termgraph"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: fuzzerSwiftSettings
        ),
        .executableTarget(
            name: "FuzzLinkScanner",
            dependencies: ["FuzzerDriver", .product(name: "TermgraphKit", package: "termgraph")],
            swiftSettings: fuzzerSwiftSettings
        ),
        .executableTarget(
            name: "FuzzHTMLReader",
            dependencies: ["FuzzerDriver", .product(name: "TermgraphKit", package: "termgraph")],
            swiftSettings: fuzzerSwiftSettings
        ),
        .executableTarget(
            name: "FuzzMediaWiki",
            dependencies: ["FuzzerDriver", .product(name: "TermgraphKit", package: "termgraph")],
            swiftSettings: fuzzerSwiftSettings
        ),
        .executableTarget(
            name: "FuzzIndex",
            dependencies: ["FuzzerDriver", .product(name: "TermgraphKit", package: "termgraph")],
            swiftSettings: fuzzerSwiftSettings
        ),
    ]
)
