// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Patroli",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PatroliCore", targets: ["PatroliCore"]),
        .executable(name: "patroli", targets: ["patroli"]),
        .library(name: "PatroliQueue", targets: ["PatroliQueue"]),
        .library(name: "PatroliWeb", targets: ["PatroliWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2", path: "Sources/CPCRE2", pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CICUShim", path: "Sources/CICUShim",
            cxxSettings: [.unsafeFlags(["-std=c++17"])],
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .target(
            name: "PatroliCore",
            dependencies: ["CPCRE2", "CICUShim", "CZlib", .product(name: "Yams", package: "Yams")],
            path: "Sources/PatroliCore",
            // The scanner's per-worker state is never shared; skip dynamic exclusivity checks in release.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(
            name: "patroli",
            dependencies: ["PatroliCore", "PatroliQueue", "PatroliWeb",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/patroli"),
        .testTarget(name: "PatroliCoreTests", dependencies: ["PatroliCore", "PatroliTestSupport"], path: "Tests/PatroliCoreTests"),
        .testTarget(name: "PatroliCLITests", dependencies: ["PatroliCore", "PatroliQueue", "PatroliTestSupport"],
                    path: "Tests/PatroliCLITests"),
        .target(
            name: "PatroliQueue",
            dependencies: ["PatroliCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/PatroliQueue"),
        .testTarget(
            name: "PatroliQueueTests",
            dependencies: ["PatroliQueue", "PatroliCore", "PatroliWeb", "PatroliTestSupport",
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            path: "Tests/PatroliQueueTests"),
        // Test helpers shared by the test targets: the throw-away PostgreSQL server.
        .target(name: "PatroliTestSupport", dependencies: ["PatroliQueue", .product(name: "PostgresNIO", package: "postgres-nio")],
                path: "Tests/PatroliTestSupport"),
        .target(
            name: "PatroliWeb",
            dependencies: ["PatroliCore", "PatroliQueue", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdCore", package: "hummingbird"),
                           .product(name: "HummingbirdTLS", package: "hummingbird"),
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl")],
            path: "Sources/PatroliWeb"),
        .testTarget(
            name: "PatroliWebTests",
            dependencies: ["PatroliWeb", "PatroliQueue", "PatroliCore", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/PatroliWebTests"),
    ]
)
