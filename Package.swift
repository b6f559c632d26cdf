// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "bench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bench", targets: ["bench"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 5.x: 6.x aborts composing at the first duplicate key, and bench lists every duplicate with the rest.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // The simulated engine's HTTP front end and, later, the load generator's client.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Heap and Deque for the simulator's event queue and FIFO admission (swift-nio depends on it too).
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // The results database (system SQLite).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // TLS for `bench load` against https URLs.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "Catalog",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [
                .copy("Resources/hardware.yaml"), .copy("Resources/models.yaml"), .copy("Resources/efficiency.yaml"),
                .copy("Resources/published-figures.yaml"), .copy("Resources/framework-factors.yaml"),
            ]
        ),
        .target(
            name: "Matrix",
            dependencies: ["Catalog", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SimEngine",
            dependencies: [
                "Catalog",
                "Metrics",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SimServer",
            dependencies: [
                "SimEngine", "Catalog",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "Metrics"),
        .target(
            name: "Store",
            dependencies: ["Metrics", "Matrix", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // Pareto frontiers, their interpolation and comparison, cost and power normalisation.
        .target(name: "Analysis", dependencies: ["Catalog", "Metrics"]),
        // The static dashboard: site generator and its hand-written JS/CSS.
        .target(
            name: "Dashboard", dependencies: ["Analysis", "Store", "Catalog", "Matrix", "Metrics"],
            resources: [
                .copy("Resources/common.js"), .copy("Resources/export.js"), .copy("Resources/legend.js"), .copy("Resources/drilldown.js"),
                .copy("Resources/compare.js"), .copy("Resources/app.js"), .copy("Resources/style.css"),
            ]),
        // Engine recipes, process groups, readiness, logs, GPU telemetry.
        .target(name: "Engines", dependencies: ["Matrix"]),
        // `bench run`: expands, launches, measures and stores a sweep.
        .target(
            name: "Orchestrator",
            dependencies: [
                "Matrix", "Catalog", "Metrics", "LoadGen", "SimEngine", "Engines", "Store", "Analysis", "Dashboard",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "LoadGen",
            dependencies: [
                "Metrics",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Catalog", "Matrix", "Metrics", "LoadGen", "SimEngine", "SimServer", "Store", "Engines", "Orchestrator", "Analysis", "Dashboard",
                "Fuzzing",
                "BenchPerf",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `bench perf …`: the measurement harnesses (loopback floor, sim-server load, client accuracy, store,
        // dashboard and sim-sweep timings, the published-figure fit); the CLI only parses and prints.
        .target(name: "BenchPerf", dependencies: ["LoadGen", "SimServer", "SimEngine", "Catalog", "Metrics", "Store", "Dashboard", "Orchestrator"]),
        .testTarget(name: "BenchPerfTests", dependencies: ["BenchPerf", "SimEngine", "Metrics", "LoadGen", "BenchTesting"]),
        // `bench perf fuzz`: seeded mutations fed in process to the parsers of outside input.
        .target(
            name: "Fuzzing", dependencies: ["LoadGen", "SimServer", "Matrix", "Store", "Metrics", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "BenchTesting"]),
        // Test helpers shared by the test targets.
        .target(
            name: "BenchTesting",
            dependencies: [
                "SimServer", "SimEngine", "Catalog", "Store",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "BenchTesting"]),
        .testTarget(name: "MatrixTests", dependencies: ["Matrix", "Catalog", "BenchTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(
            name: "StoreTests", dependencies: ["Store", "Metrics", "BenchTesting", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LoadGenTests",
            dependencies: [
                "LoadGen", "Metrics", "SimServer", "BenchTesting", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Catalog", "Metrics"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Analysis", "Catalog", "BenchTesting", "Store", "Metrics", "Engines"]),
        .testTarget(name: "EnginesTests", dependencies: ["Engines", "Matrix", "BenchTesting"]),
        .testTarget(
            name: "OrchestratorTests", dependencies: ["Orchestrator", "Engines", "Matrix", "Store", "Metrics", "BenchTesting", "LoadGen", "SimEngine"],
            exclude: ["Fixtures"]),
        .testTarget(name: "SimEngineTests", dependencies: ["SimEngine", "Catalog"]),
        .testTarget(
            name: "SimServerTests",
            dependencies: [
                "SimServer", "SimEngine", "Catalog", "BenchTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "benchTests", dependencies: ["bench", "BenchTesting", "SimServer", "Orchestrator", "Metrics"]),
    ],
    swiftLanguageModes: [.v6]
)
