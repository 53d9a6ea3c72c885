// swift-tools-version:6.0
import PackageDescription

// Layers, each depending only on those before it:
// CYAML → YAML → CEL → Engine → Reports → duibiao; CEL matches regular expressions with
// RE2 through the small C++ target CRE2; Reports writes workbooks with libxlsxwriter (CXLSX).
let package = Package(
    name: "Duibiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "duibiao", targets: ["duibiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Reads Word (.docx) source documents; zlib from Debian's zlib1g-dev.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Templates of the JUnit, Markdown and HTML reports, with escaping per document kind.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAML", dependencies: ["CYAML"]),
        // Debian's libxlsxwriter (libxlsxwriter-dev): the workbook the XLSX report writes,
        // opened when a workbook is first written (not linked: every run would load it).
        .target(name: "CXLSX"),
        // RE2 (Debian libre2-dev) behind a C header: CEL's regular expressions in linear time.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        .target(name: "CEL", dependencies: ["CRE2"]),
        .target(name: "Engine", dependencies: ["YAML", "CEL", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "Reports", dependencies: ["Engine", "CXLSX", .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(
            name: "duibiao",
            dependencies: [
                "Engine", "Reports", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Debian's mimalloc (libmimalloc-dev) takes the place of glibc's malloc for the whole
        // process of the one binary that links this: a check allocates and frees a record, a
        // value and a finding at a time, and glibc's per-thread cache overflows on each file's
        // records (docs/architecture.md). Tuned at start (`callocator.h`).
        .target(name: "CAllocator", linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]),
        // Runs cel-spec's conformance files: `make conformance`.
        .executableTarget(name: "cel-conformance", dependencies: ["CEL"]),
        // What the fuzzers exercise (`make fuzz`), shared with the tests that replay crashes.
        .target(name: "FuzzTargets", dependencies: ["YAML", "CEL", "Engine", "Reports"]),
        // libFuzzer's binary when built with -sanitize=fuzzer -DFUZZING; otherwise a replayer.
        .executableTarget(name: "duibiao-fuzz", dependencies: ["FuzzTargets"]),
        // `make bench`: a full check against libyaml's bare event loop on the same files.
        .executableTarget(name: "duibiao-bench", dependencies: ["CYAML", "Engine"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "CELTests", dependencies: ["CEL", "TestSupport"]),
        // What tests of more than one target share (`ReadingThreads`).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Engine", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets"], exclude: ["regressions", "amplify.py"]),
        .testTarget(name: "DuibiaoTests", dependencies: ["duibiao"], exclude: ["Fixtures", "Golden"]),
    ]
)
