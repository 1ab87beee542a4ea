// swift-tools-version: 6.1
//
// Loupe: a command-line toolkit that embeds Lua 5.4 for people who study documents.
//
// Targets follow the layers of DESIGN §5, and dependencies point one way:
//
//   CLua (system liblua5.4) ← CLuaShim (C macro stand-ins, error trampoline, hook, allocator)
//     ← LuaRuntime (Swift; knows Lua only)
//   DocModel (Swift; knows nothing of Lua)
//   Aggregates (mergeable aggregates and their binary coding; uses LuaRuntime's values only)
//   CLua ← CSpanFast (C fast path of span reads, put in front of the bridge's metamethods)
//   LuaRuntime + CSpanFast + DocModel + Aggregates ← LoupeBindings ← LoupeEngine ← loupe (the CLI)
//   CSQLite, CSystem (system SQLite, a few Linux calls; leaves), CLibCrypto ← Checksums ← DocFormats, LoupeEngine
//   Checksums + CArchive (system libarchive) ← Plugins (the plugin store; no Lua) ← loupe
//   LoupeScoring (`loupe eval`: gold spans, matching, scores; no Lua) ← loupe
//   LoupeBindings + DocFormats + CEditLine (system libedit) ← LoupeRepl (`loupe repl`) ← loupe
import PackageDescription

/// Release builds of the hot layers skip Swift's run-time exclusivity checks: they cost a
/// thread-local lookup on every access to a class's stored property, about a tenth of the
/// time spent bridging spans (see `make bench`), and of the coordinator's work per document.
/// Debug builds, which run the tests, keep them.
let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "CSystem"),
        // The C fast path of span reads and layer iteration, in front of the bridge's own.
        .target(name: "CSpanFast", dependencies: ["CLua"]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The outputs: SQLite files and the SHA-256 sums of run manifests.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Line editing for `loupe repl`: libedit's readline interface.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Archives of plugins (.tar.gz, .zip): reading them safely and packing them reproducibly.
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .target(name: "LuaRuntime", dependencies: ["CLuaShim"], swiftSettings: hotPathSettings),
        // SHA-256 sums (libcrypto), shared by run manifests and plugin checksums.
        .target(name: "Checksums", dependencies: ["CLibCrypto"]),
        // The plugin store: manifests, versions, where plugins live, the lock, installing and
        // packing. Knows nothing of Lua (the runtime asks it where modules are and what was granted).
        .target(name: "Plugins", dependencies: ["Checksums", "CArchive"]),
        // The document layer: the model itself, then search and the readers of other formats.
        .target(name: "DocModel", dependencies: ["Yams"], swiftSettings: hotPathSettings),
        .target(name: "DocSearch", dependencies: ["DocModel", "CPCRE2"]),
        .target(name: "HTMLExtraction", dependencies: ["DocModel", "CLibXML2"]),
        .target(name: "DocFormats", dependencies: ["DocModel", "HTMLExtraction", "CZlib", "Checksums"]),
        // Mergeable aggregates and the binary coding they travel in: pure Swift, no Lua state.
        .target(name: "Aggregates", dependencies: ["LuaRuntime"], swiftSettings: hotPathSettings),
        .target(
            name: "LoupeBindings", dependencies: ["LuaRuntime", "CSpanFast", "DocModel", "DocSearch", "Aggregates"],
            swiftSettings: hotPathSettings),
        .target(
            name: "LoupeEngine",
            dependencies: [
                "LoupeBindings", "Aggregates", "LuaRuntime", "DocModel", "DocFormats", "HTMLExtraction",
                "CSystem", "CZlib", "CSQLite", "Checksums",
            ],
            swiftSettings: hotPathSettings),
        // The REPL: sessions, commands, completion and printing (testable without a terminal),
        // and the libedit line editor.
        .target(
            name: "LoupeRepl",
            dependencies: ["LoupeBindings", "LuaRuntime", "DocModel", "DocFormats", "DocSearch", "CEditLine"]),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "LoupeEngine", "LoupeBindings", "LuaRuntime", "DocModel", "DocFormats", "LoupeRepl", "Plugins",
                "LoupeScoring", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (`make bench`): C reference functions live apart from the shim.
        .target(name: "CLuaBench", dependencies: ["CLua", "CLuaShim"]),
        .executableTarget(
            name: "LoupeBench",
            dependencies: ["LuaRuntime", "CLuaBench", "CLuaShim", "DocModel", "DocFormats", "LoupeBindings", "LoupeEngine"]),
        // `loupe eval`: gold annotations (brat, JSONL), predictions, matching and scores. Pure Swift, no Lua.
        .target(name: "LoupeScoring"),
        // `make eval`: extraction quality against the gold data in ../shared/corpus.
        .executableTarget(name: "LoupeEval", dependencies: ["HTMLExtraction", "DocModel"]),

        // Tests, organised by kind, with shared helpers.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .target(name: "LoupeTestSupport", dependencies: ["LuaRuntime", "CPseudoTerminal"], path: "Tests/LoupeTestSupport"),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime", "LoupeTestSupport", "CLuaShim"]),
        .testTarget(name: "DocModelTests", dependencies: ["DocModel", "LoupeTestSupport"]),
        .testTarget(name: "DocSearchTests", dependencies: ["DocSearch", "DocModel", "LoupeTestSupport"]),
        .testTarget(name: "HTMLExtractionTests", dependencies: ["HTMLExtraction", "DocModel", "LoupeTestSupport"]),
        .testTarget(name: "DocFormatsTests", dependencies: ["DocFormats", "DocModel", "Checksums", "LoupeTestSupport"]),
        .testTarget(name: "AggregatesTests", dependencies: ["Aggregates", "LuaRuntime"]),
        .testTarget(name: "LoupeBindingsTests", dependencies: ["LoupeBindings", "DocModel", "LuaRuntime", "LoupeTestSupport"]),
        .testTarget(
            name: "LoupeEngineTests",
            dependencies: ["LoupeEngine", "LoupeBindings", "Aggregates", "DocFormats", "LuaRuntime", "CSQLite", "LoupeTestSupport"]),
        .testTarget(name: "LoupeScoringTests", dependencies: ["LoupeScoring", "LoupeTestSupport"]),
        .testTarget(name: "PluginsTests", dependencies: ["Plugins", "Checksums", "LoupeTestSupport"]),
        .testTarget(name: "LoupeReplTests", dependencies: ["LoupeRepl", "LoupeBindings", "LuaRuntime", "DocModel"]),
        // Depends on the executable so that `swift test` builds the `loupe` binary it drives.
        .testTarget(name: "LoupeCLITests", dependencies: ["loupe", "Checksums", "LoupeTestSupport"]),
    ]
)
