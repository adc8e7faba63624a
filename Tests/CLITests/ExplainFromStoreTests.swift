import Foundation
import TestSupport
import Testing

/// `aggregator explain ITEM CLAIM` against the store (no --feed), by the store's id and by the feed's own id.
@Suite struct ExplainFromStoreTests {
    @Test func explainsAStoredItemByEitherId() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = TestPaths.repositoryRoot
        let store = folder.appendingPathComponent("store").path
        let claims = root.appendingPathComponent("Feeds/claims.yaml").path
        let feed = root.appendingPathComponent("Feeds/demo/capital-wire.xml").path
        let imported = try CommandRunner.aggregator(["import", "--store", store, "--claims", claims, feed])
        #expect(imported.status == 0)

        let feedID = "capitalwire:2025-08-19:no-ground-troops-air-support"
        let byFeedID = try CommandRunner.aggregator(
            ["explain", "--store", store, "--claims", claims, feedID, "us-rules-out-troops"])
        #expect(byFeedID.status == 0)
        let lines = byFeedID.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasSuffix(": Trump rules out US ground troops in Ukraine, leaves door open to air support"))
        #expect(byFeedID.standardOutput.contains("claim us-rules-out-troops: The US rules out sending troops"))
        #expect(byFeedID.standardOutput.contains("stance: supports"))

        // The header names the store's own id; explaining by that id gives the same text.
        let storeID = try #require(header.split(separator: " ").dropFirst().first).dropLast()
        let byStoreID = try CommandRunner.aggregator(
            ["explain", "--store", store, "--claims", claims, String(storeID), "us-rules-out-troops"])
        #expect(byStoreID.standardOutput == byFeedID.standardOutput)

        let missing = try CommandRunner.aggregator(
            ["explain", "--store", store, "--claims", claims, "no-such-item", "us-rules-out-troops"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no item with id no-such-item"))
    }
}
