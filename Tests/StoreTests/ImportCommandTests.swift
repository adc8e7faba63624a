import FeedModel
import Foundation
import Store
import TestSupport
import Testing

/// `aggregator import`, `verify` and `prune` run as the user runs them.
@Suite struct ImportCommandTests {
    typealias F = StoreFixtures

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
    func realFeedsImportOnceAndAgainAddNothing() throws {
        let store = try F.storePath()
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.realCorpus.path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
            .map { TestPaths.realCorpus.appendingPathComponent($0).path }
        let first = try CommandRunner.aggregator(["import", "--store", store] + files)
        let added = try #require(Self.field("new", in: first.standardOutput))
        #expect(added > 1000)
        let again = try CommandRunner.aggregator(["import", "--store", store] + files)
        #expect(again.status == first.status)
        #expect(Self.field("new", in: again.standardOutput) == 0)
        #expect(Self.field("changed", in: again.standardOutput) == 0)
        let snapshot = try StoreSnapshot.open(at: store)
        #expect(snapshot.itemCount == added)
        let verify = try CommandRunner.aggregator(["verify", "--store", store])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains(": ok: "))
    }

    @Test func feedURLOptionAndEnvironmentChooseFeedAndStore() throws {
        let folder = try CommandRunner.temporaryDirectory("store-env")
        let older = folder.appendingPathComponent("older.xml")
        let newer = folder.appendingPathComponent("newer.xml")
        try F.write(F.rss(title: "Saved", items: [("a", "Alpha", "One."), ("b", "Beta", "Two.")]), to: older)
        try F.write(
            F.rss(title: "Saved", items: [("b", "Beta", "Two, corrected."), ("c", "Gamma", "Three.")]), to: newer)
        let store = folder.appendingPathComponent("FromEnvironment").path
        let result = try CommandRunner.aggregator(
            ["import", "--feed-url", "https://site.example/feed.xml", older.path, newer.path],
            environment: ["AGGREGATOR_STORE": store])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("files=2 items=4 new=3 changed=1 unchanged=0"))
        let snapshot = try StoreSnapshot.open(at: store)
        #expect(snapshot.feeds.count == 1)
        let items = try snapshot.items(inFeed: "\(FeedStateKey.of("https://site.example/feed.xml"))")
        #expect(items.map(\.item.id).sorted() == ["a", "b", "c"])
        #expect(items.first { $0.item.id == "b" }?.item.summary == "Two, corrected.")

        let defaultStore = try CommandRunner.aggregator(["verify"], currentDirectory: folder)
        #expect(defaultStore.status == 1)
        #expect(defaultStore.standardError.contains("Storage: not an aggregator store"))
    }

    @Test func pruneKeepsRecentItems() throws {
        let folder = try CommandRunner.temporaryDirectory("store-prune")
        let store = folder.appendingPathComponent("Storage").path
        let file = folder.appendingPathComponent("feed.xml")
        let old = Date().addingTimeInterval(-400 * F.day)
        try F.write(
            F.rss(title: "Old", items: [("o1", "Old one", "x"), ("o2", "Old two", "y")], published: old), to: file)
        let recent = folder.appendingPathComponent("recent.xml")
        try F.write(F.rss(title: "New", items: [("n1", "New one", "z")], published: Date()), to: recent)
        #expect(try CommandRunner.aggregator(["import", "--store", store, file.path, recent.path]).status == 0)
        let pruned = try CommandRunner.aggregator(["prune", "--store", store, "--older-than", "180d"])
        #expect(pruned.status == 0)
        #expect(pruned.standardOutput.hasPrefix("dropped=2 kept-linked=0 segments-rewritten=1"))
        #expect(try StoreSnapshot.open(at: store).itemCount == 1)
        #expect(try CommandRunner.aggregator(["verify", "--store", store]).status == 0)
        let bad = try CommandRunner.aggregator(["prune", "--store", store, "--older-than", "soon"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("expected a number and a unit"))
    }

    static func field(_ name: String, in output: String) -> Int? {
        guard let range = output.range(of: " \(name)=") else { return nil }
        return Int(output[range.upperBound...].prefix { $0.isNumber })
    }
}

/// `FeedState.key(forURL:)`, spelled out for readability in the tests.
enum FeedStateKey {
    static func of(_ url: String) -> String {
        FeedState.key(forURL: url)
    }
}
