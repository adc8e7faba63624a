import Foundation
import TestSupport
import Testing

/// `parse`, `tag` and `import` keep long file lists out of ArgumentParser (quadratic in their length); the result
/// must be exactly what the whole command line means, whatever options come before the files.
@Suite struct LongFileListTests {
    /// Writes `count` small RSS feeds whose titles say their position, and returns their paths in order.
    private func writeFeeds(_ count: Int, in folder: URL) throws -> [String] {
        try (0..<count).map { index in
            let file = folder.appendingPathComponent(String(format: "feed-%03d.xml", index))
            let document = """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Feed \(index)</title>
                <link>https://example.org/\(index)/</link><item><title>Story \(index) on the ceasefire</title>
                <link>story-\(index).html</link><guid>g\(index)</guid></item></channel></rss>
                """
            try Data(document.utf8).write(to: file)
            return file.path
        }
    }

    @Test func parseReadsEveryFileInOrderAfterAnOptionValue() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try writeFeeds(40, in: folder)
        let result = try CommandRunner.aggregator(["parse", "--json", "--base", "https://base.example/"] + files)
        #expect(result.status == 0, "\(result.standardError)")
        let feeds = try result.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(feeds.map { $0["title"] as? String ?? "" } == (0..<40).map { "Feed \($0)" })
        for (index, feed) in feeds.enumerated() {
            let items = try #require(feed["items"] as? [[String: Any]])
            #expect(items.first?["link"] as? String == "https://base.example/story-\(index).html")
        }
    }

    @Test func statsCountsEveryFile() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try writeFeeds(40, in: folder)
        let result = try CommandRunner.aggregator(["parse", "--stats"] + files)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("files=40 items=40 "))
    }

    @Test func standardInputTwiceIsStillRefusedInALongList() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try writeFeeds(40, in: folder)
        let result = try CommandRunner.aggregator(["parse", "-"] + files + ["-"], input: Data())
        #expect(result.status == 2)
        #expect(result.standardError.contains("'-' (standard input) can be given only once"))
    }

    @Test func tagSeesTheClaimsFileAndEveryFeed() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try writeFeeds(30, in: folder)
        let claims = folder.appendingPathComponent("claims.yaml")
        try Data("version: 1\nclaims:\n  - id: truce\n    title: A ceasefire\n    query: ceasefire\n".utf8)
            .write(to: claims)
        let result = try CommandRunner.aggregator(["tag", "--claims", claims.path] + files)
        #expect(result.status == 0, "\(result.standardError)")
        let feeds = try result.standardOutput.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["claim"] as? String == "truce")
            return object["feed"] as? String ?? ""
        }
        #expect(feeds == files.map { URL(fileURLWithPath: $0).lastPathComponent })
    }

    @Test func importStoresEveryFileUnderTheGivenStore() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try writeFeeds(30, in: folder)
        let store = folder.appendingPathComponent("store").path
        let result = try CommandRunner.aggregator(
            ["import", "--store", store, "--claims", folder.appendingPathComponent("none.yaml").path] + files)
        #expect(result.status == 0, "\(result.standardError)")
        let again = try CommandRunner.aggregator(["import", "--store", store] + files + ["--claims", "/nonexistent"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(result.standardOutput.contains("files=30 items=30 new=30 changed=0 unchanged=0"))
        #expect(again.standardOutput.contains("files=30 items=30 new=0 changed=0 unchanged=30"))
    }
}
