// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "digest-bench",
    targets: [
        .target(name: "FeedModel"),
        .target(name: "Digest", dependencies: ["FeedModel"]),
        .target(name: "Store", dependencies: ["FeedModel"]),
        .executableTarget(name: "DigestBench", dependencies: ["Digest", "FeedModel", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
