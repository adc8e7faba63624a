import Claims
import Foundation
import Testing
import TestSupport

/// In `exact` mode the tagger links exactly the (item, claim) pairs of the bench's `claimq.py` semantics.
@Suite struct BenchEquivalenceTests {
    /// The committed fixture: edge cases (phrases across double spaces, NBSP and newlines, `28-point`,
    /// `ukraine's`, `snake_case`, Cyrillic case, `İ`, typographic apostrophes, pure NOT). `expected-pairs.tsv`
    /// was produced by `reference_pairs.py` from claimq.py.
    @Test func committedFixtureMatchesTheReferencePairs() throws {
        let folder = ClaimsFixtures.directory.appendingPathComponent("equivalence")
        let file = try ClaimsFile.load(contentsOf: folder.appendingPathComponent("claims.json"))
        #expect(file.matching == .exact)
        let tagger = try Tagger(file: file)
        let pairs = try ClaimsFixtures.pairs(tagger, itemsAt: folder.appendingPathComponent("items.jsonl"))
        let expected = try String(contentsOf: folder.appendingPathComponent("expected-pairs.tsv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(pairs == expected)
    }

    /// The bench corpus against python3 + claimq.py, for claims_10, _100 and _1000 (first 3,000 items each;
    /// `docs/benchmarks/tag.md` records the full 20,000-item check done with the CLI).
    @Test(
        .enabled(if: ClaimsFixtures.peersCorpusIsPresent, "bench corpus, claimq.py or python3 not present"),
        arguments: [10, 100, 1000])
    func benchCorpusMatchesClaimq(claims count: Int) throws {
        let limit = 3000
        let claimsURL = ClaimsFixtures.peersCorpus.appendingPathComponent("claims/claims_\(count).json")
        let itemsURL = ClaimsFixtures.peersCorpus.appendingPathComponent("items.jsonl")
        let script = ClaimsFixtures.directory.appendingPathComponent("reference_pairs.py")
        let reference = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/python3"),
            [script.path, ClaimsFixtures.benchDirectory.path, claimsURL.path, itemsURL.path, String(limit)])
        try #require(reference.status == 0, "reference_pairs.py failed: \(reference.standardError)")
        let expected = reference.standardOutput.split(separator: "\n").map(String.init)
            .sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let tagger = try Tagger(file: try ClaimsFile.load(contentsOf: claimsURL))
        let pairs = try ClaimsFixtures.pairs(tagger, itemsAt: itemsURL, limit: limit)
        #expect(pairs.count == expected.count)
        #expect(pairs == expected)
    }
}
