import Foundation
import TestSupport
import Testing

/// `aggregator parse` run as a real child process: stdout, stderr and exit codes.
@Suite struct ParseCommandTests {
    static let fixtures = TestPaths.repositoryRoot.appendingPathComponent("Tests/FeedParserTests/Fixtures")
    static let base = "https://example.com/feeds/main.xml"

    static func feed(_ name: String) -> String {
        fixtures.appendingPathComponent("feeds").appendingPathComponent(name).path
    }

    static func canonical(_ json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func jsonMatchesTheGolden() throws {
        let result = try CommandRunner.aggregator(["parse", "--json", "--base", Self.base, Self.feed("rss20.xml")])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("golden/rss20.json"), encoding: .utf8)
        #expect(try Self.canonical(result.standardOutput) == Self.canonical(golden))
    }

    @Test func jsonLayoutAndEscapingAreExact() throws {
        let input = """
            <rss version="2.0"><channel><title>Say "hi" \\ Київ</title><link>http://example.com/</link>
            <lastBuildDate>Fri, 22 Aug 2025 10:00:00 GMT</lastBuildDate>
            <item><title>A</title><guid>g1</guid><category>c</category>
            <enclosure url="a.mp3" type="audio/mpeg" length="12"/></item></channel></rss>
            """
        let result = try CommandRunner.aggregator(
            ["parse", "--json", "--base", "http://example.com/x/", "-"], input: Data(input.utf8))
        #expect(result.status == 0)
        let expected =
            #"{"format": "rss2.0", "title": "Say \"hi\" \\ Київ", "link": "http://example.com/", "description": null, "#
            + #""language": null, "updated": "2025-08-22T10:00:00Z", "warnings": [], "items": [{"id": "g1", "title": "A", "#
            + #""link": null, "published": null, "updated": null, "authors": [], "summary": null, "content": null, "#
            + #""categories": ["c"], "enclosures": [{"url": "http://example.com/x/a.mp3", "type": "audio/mpeg", "#
            + #""length": 12}]}]}"# + "\n"
        #expect(result.standardOutput == expected)
    }

    @Test func severalFilesOneLineEachInOrderAndFailuresOnStderr() throws {
        let files = [Self.feed("rss090.xml"), Self.feed("not-a-feed.html"), Self.feed("atom10.xml")]
        let result = try CommandRunner.aggregator(["parse", "--json"] + files)
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"format": "rss0.90""#) == true)
        #expect(lines.last?.hasPrefix(#"{"format": "atom1.0""#) == true)
        #expect(
            result.standardError
                == "aggregator: \(files[1]): this is an HTML web page, not a feed — open the page and use the address"
                + " of its RSS or Atom feed (its <link rel=\"alternate\" type=\"application/rss+xml\"> element)\n")
    }

    @Test func missingFileIsReported() throws {
        let result = try CommandRunner.aggregator(["parse", "/nonexistent/feed.xml"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(
            result.standardError
                == "aggregator: /nonexistent/feed.xml: cannot open the file (No such file or directory)"
                + " — check the path and permissions\n")
    }

    @Test func listing() throws {
        let result = try CommandRunner.aggregator(["parse", Self.feed("broken-truncated.xml")])
        #expect(result.status == 0)
        #expect(
            result.standardOutput == """
                Cut off [rss2.0, 3 items]
                http://example.com/
                warning: the document ends with elements still open (truncated, or tags that do not match); \
                kept the 2 complete items and the incomplete last one
                  -                     Complete one
                  -                     Complete two
                  -                     In progress

                """)
    }

    @Test func statsLine() throws {
        let files = [Self.feed("rss20.xml"), Self.feed("atom10.xml"), Self.feed("rss10.xml")]
        let result = try CommandRunner.aggregator(["parse", "--stats"] + files)
        #expect(result.status == 0)
        let line = result.standardOutput.trimmingCharacters(in: .newlines)
        let bytes = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)).count }.reduce(0, +)
        #expect(line.hasPrefix("files=3 items=7 bytes=\(bytes) seconds="))
    }

    /// A generated feed over 20 MB parses with a peak RSS under 40 MB (read from the child's rusage).
    @Test func largeFeedParsesInBoundedMemory() throws {
        let directory = try CommandRunner.temporaryDirectory("parse-large")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.xml")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        let paragraph = String(
            repeating: "&lt;p&gt;Talks resumed in Istanbul &amp;amp; Geneva; the ceasefire held overnight.&lt;/p&gt; ",
            count: 40)
        try handle.write(contentsOf: Data(#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>"#.utf8))
        try handle.write(contentsOf: Data("<title>Large</title><link>http://example.com/</link>\n".utf8))
        let items = 6_000
        for index in 0..<items {
            let item =
                "<item><title>Item \(index)</title><link>http://example.com/\(index)</link>"
                + "<pubDate>Fri, 22 Aug 2025 10:00:00 GMT</pubDate><description>\(paragraph)</description></item>\n"
            try handle.write(contentsOf: Data(item.utf8))
        }
        try handle.write(contentsOf: Data("</channel></rss>\n".utf8))
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size > 20_000_000)

        let result = try CommandRunner.aggregator(
            ["parse", "--stats", file.path], environment: ["AGGREGATOR_REPORT_PEAK_RSS": "1"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("files=1 items=\(items) bytes=\(size) "))
        // The child's own high-water mark (VmHWM); rusage of a posix_spawn'ed child would include ours.
        let report = result.standardError.trimmingCharacters(in: .newlines)
        let kilobytes = try #require(Int(report.replacingOccurrences(of: "peak_rss_kb=", with: "")))
        let peakMegabytes = Double(kilobytes) / 1024
        #expect(peakMegabytes > 1)
        #expect(peakMegabytes < 40, "peak RSS \(peakMegabytes) MB")
    }
}
