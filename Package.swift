// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "aggregator",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aggregator", targets: ["aggregator"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: C libraries
        // Flags only: the module map is empty on purpose (libxml2's ICU headers clash with Foundation's).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CXMLShim", dependencies: ["CLibXML2"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: Library modules, one job each
        .target(name: "FeedModel"),
        .target(
            name: "FeedParser", dependencies: ["FeedModel", "CXMLShim"],
            // The SAX callbacks touch the parser's state thousands of times per document; the parser is confined
            // to one thread by construction, so the runtime's dynamic exclusivity checks only cost time there.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "Fetcher", dependencies: ["FeedModel", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Mailer", dependencies: ["CCurl"]),
        .target(name: "Claims", dependencies: ["FeedModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "Store", dependencies: ["FeedModel"]),
        .target(name: "Digest", dependencies: ["FeedModel"]),
        .target(
            name: "DemoServer",
            dependencies: ["FeedModel", "Fetcher", .product(name: "FlyingFox", package: "FlyingFox")]
        ),

        // MARK: The command-line tool
        .executableTarget(
            name: "aggregator",
            dependencies: [
                "FeedModel", "FeedParser", "Fetcher", "Mailer", "Claims", "Store", "Digest", "DemoServer", "CXMLShim",
                "CCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["FeedModel", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "FeedParserTests", dependencies: ["FeedParser", "FeedModel", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store", "FeedModel", "FeedParser", "TestSupport"]),
        .testTarget(name: "FetcherTests", dependencies: ["Fetcher", "FeedModel", "TestSupport"]),
        .testTarget(
            name: "ClaimsTests", dependencies: ["Claims", "FeedModel", "TestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DigestTests", dependencies: ["Digest", "Mailer", "Store", "FeedModel", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests", dependencies: ["FeedModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
