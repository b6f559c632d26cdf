// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "bench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 5.x: 6.x aborts composing at the first duplicate key, and bench lists every duplicate with the rest.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(
            name: "Catalog",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/hardware.yaml"), .copy("Resources/models.yaml")]
        ),
        .target(
            name: "Matrix",
            dependencies: ["Catalog", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Catalog", "Matrix",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"]),
        .testTarget(name: "MatrixTests", dependencies: ["Matrix", "Catalog"], resources: [.copy("Fixtures")]),
        .testTarget(name: "benchTests", dependencies: ["bench"]),
    ],
    swiftLanguageModes: [.v6]
)
