// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Knooppunt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "knooppunt", targets: ["knooppunt"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.20.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.0.0"),
    ],
    targets: [
        .target(name: "KnooppuntCore"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "KnooppuntInterop",
            dependencies: [
                "KnooppuntCore",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            resources: [.copy("Schemas")]
        ),
        .target(
            name: "KnooppuntServer",
            dependencies: [
                "KnooppuntCore",
                "KnooppuntInterop",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "knooppunt",
            dependencies: ["KnooppuntServer"]
        ),
        .target(name: "KnooppuntTestSupport", path: "Tests/Support"),
        .testTarget(name: "KnooppuntCoreTests", dependencies: ["KnooppuntCore"], exclude: ["Data"]),
        .testTarget(name: "KnooppuntInteropTests", dependencies: ["KnooppuntInterop", "KnooppuntTestSupport"], exclude: ["Data"]),
        .testTarget(
            name: "KnooppuntServerTests",
            dependencies: [
                "KnooppuntServer",
                "KnooppuntTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // Read from the source tree by the page snapshot tests, not built into the bundle.
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
