import Foundation
import Testing

/// Compares output with a golden file in `Fixtures/`; `AGGREGATOR_UPDATE_GOLDEN=1 swift test` rewrites them.
enum GoldenFile {
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        if ProcessInfo.processInfo.environment["AGGREGATOR_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: sourceFixtures.appendingPathComponent(name))
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "golden file \(name) missing: run AGGREGATOR_UPDATE_GOLDEN=1 swift test --filter DigestTests",
            sourceLocation: sourceLocation)
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        #expect(actual == expected, "output differs from Fixtures/\(name)", sourceLocation: sourceLocation)
    }
}
