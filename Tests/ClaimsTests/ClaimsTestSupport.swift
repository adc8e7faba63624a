import Claims
import FeedModel
import Foundation
import TestSupport

/// Paths and helpers shared by the Claims tests.
enum ClaimsFixtures {
    static let directory = TestPaths.repositoryRoot.appendingPathComponent("Tests/ClaimsTests/Fixtures")
    static let claimsYAML = TestPaths.repositoryRoot.appendingPathComponent("Feeds/claims.yaml")
    static let benchDirectory = TestPaths.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/bench")
    static let peersCorpus = TestPaths.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("peers/corpus")

    static var peersCorpusIsPresent: Bool {
        FileManager.default.fileExists(atPath: peersCorpus.appendingPathComponent("items.jsonl").path)
            && FileManager.default.fileExists(atPath: benchDirectory.appendingPathComponent("claimq.py").path)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    }

    /// A tagger over claims given as (id, query) pairs.
    static func tagger(_ queries: [(String, String)], matching: MatchingMode = .exact) throws -> Tagger {
        try Tagger(claims: queries.map { Claim(id: $0.0, title: $0.0, query: $0.1) }, matching: matching)
    }

    /// The ids of the claims linked to a title/text.
    static func linked(_ tagger: Tagger, title: String, text: String = "") -> [String] {
        tagger.makeSession().tag(id: "x", title: title, summary: nil, content: text).map(\.claimID)
    }

    /// Tags the bench's JSON Lines items and returns sorted "item\tclaim" lines.
    static func pairs(_ tagger: Tagger, itemsAt url: URL, limit: Int? = nil) throws -> [String] {
        let data = try Data(contentsOf: url)
        let session = tagger.makeSession()
        var out: [String] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            if let limit, number >= limit { break }
            let object = try require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let id = try require(object["id"] as? String)
            let links = session.tag(
                id: id, title: object["title"] as? String, summary: nil, content: object["text"] as? String)
            out.append(contentsOf: links.map { "\(id)\t\($0.claimID)" })
        }
        return out.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}

/// `#require` outside a test body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw FixtureError() }
    return value
}

private struct FixtureError: Error {}
