import Foundation
import TestSupport
import Testing

/// `fetch --quiet` (what the contrib cron line and systemd unit run): failed feeds are still named, the summary
/// line is not printed, and the exit status still says that something failed.
@Suite struct FetchQuietTests {
    @Test func quietNamesFailuresWithoutTheSummary() async throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let opml = folder.appendingPathComponent("subscriptions.opml")
        try Data(
            """
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline text="closed" type="rss" xmlUrl="http://127.0.0.1:1/feed.xml"/></body></opml>
            """.utf8
        ).write(to: opml)
        let store = folder.appendingPathComponent("store").path
        let arguments = ["fetch", "--opml", opml.path, "--store", store, "--claims", "/nonexistent/claims.yaml"]

        let quiet = try await CommandRunner.aggregatorAsync(arguments + ["--quiet"])
        #expect(quiet.status == 1)
        #expect(quiet.standardError.contains("aggregator: error: http://127.0.0.1:1/feed.xml:"))
        #expect(!quiet.standardError.contains("aggregator: fetch:"))

        let normal = try await CommandRunner.aggregatorAsync(arguments + ["--all"])
        #expect(normal.status == 1)
        #expect(normal.standardError.contains("aggregator: fetch: 1 of 1 feeds due; 0 updated"))
    }
}
