import FeedModel
import FeedParser
import Foundation
import Testing

/// Every fixture against its golden JSON (verified by reading), whole and streamed in small chunks.
@Suite struct FeedDocumentParserTests {
    @Test(arguments: Fixtures.goldenNames)
    func matchesGolden(_ name: String) throws {
        let file = try #require(Fixtures.feedFile(forGolden: name))
        let data = try Fixtures.data(file)
        let feed = try FeedDocumentParser.parse(data, options: ParseOptions(documentURL: Fixtures.documentURL))
        #expect(try Fixtures.canonical(feed) == Fixtures.golden(name))
    }

    @Test(arguments: Fixtures.goldenNames)
    func streamingInSmallChunksGivesTheSameFeed(_ name: String) throws {
        let file = try #require(Fixtures.feedFile(forGolden: name))
        let data = try Fixtures.data(file)
        let options = ParseOptions(documentURL: Fixtures.documentURL)
        let whole = try FeedDocumentParser.parse(data, options: options)
        for chunkSize in [1, 7, 4096] {
            let streamed = try Fixtures.parseInChunks(data, chunkSize: chunkSize, options: options)
            #expect(streamed == whole, "chunk size \(chunkSize)")
        }
    }

    @Test func formatsAreDetected() throws {
        let expected: [String: FeedFormat] = [
            "rss090.xml": .rss090, "rss091.xml": .rss091, "rss092.xml": .rss092, "rss093.xml": .rss093,
            "rss094.xml": .rss094, "rss10.xml": .rss10, "rss20.xml": .rss20, "atom03.xml": .atom03,
            "atom10.xml": .atom10,
        ]
        for (file, format) in expected {
            let feed = try FeedDocumentParser.parse(Fixtures.data(file))
            #expect(feed.format == format, "\(file)")
        }
    }

    @Test func timeToLiveIsRead() throws {
        let feed = try FeedDocumentParser.parse(Fixtures.data("rss20.xml"))
        #expect(feed.timeToLiveMinutes == 45)
    }

    @Test func itemsCanBeHandedOverInsteadOfKept() throws {
        let data = try Fixtures.data("rss20.xml")
        var titles: [String?] = []
        let parser = StreamingFeedParser(options: ParseOptions()) { titles.append($0.title) }
        _ = data.withUnsafeBytes { parser.append($0) }
        let feed = try parser.finish()
        #expect(feed.items.isEmpty)
        #expect(titles == ["Ceasefire talks — day two", "Sanctions update", "Weekly podcast", nil])
    }
}

/// Documents over the pipeline threshold build their items on a second thread: same items, same order.
@Suite struct ItemPipelineTests {
    static func largeFeed(items: Int) -> [UInt8] {
        var text = #"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title>"#
        let body = String(
            repeating: "&lt;p&gt;Talks &amp;amp; &lt;b&gt;ceasefire&lt;/b&gt; news.&lt;/p&gt; ", count: 30)
        for index in 0..<items {
            text += "<item><title>Item \(index)</title><link>http://example.com/\(index)</link>"
            text += "<description>\(body)</description></item>\n"
        }
        text += "</channel></rss>"
        return Array(text.utf8)
    }

    @Test func itemsKeepTheirOrderAndText() throws {
        let bytes = Self.largeFeed(items: 2_000)
        #expect(bytes.count > StreamingFeedParserLimits.pipelineThreshold)
        let feed = try Fixtures.parseInChunks(Data(bytes), chunkSize: 64 * 1024, options: ParseOptions())
        #expect(feed.items.count == 2_000)
        #expect(feed.items.map(\.title) == (0..<2_000).map { "Item \($0)" })
        let expected = Array(repeating: "Talks & ceasefire news.", count: 30).joined(separator: " ")
        #expect(feed.items.allSatisfy { $0.summary == expected })
    }

    @Test func handedOverItemsKeepTheirOrder() throws {
        let bytes = Self.largeFeed(items: 2_000)
        var titles: [String] = []
        let parser = StreamingFeedParser(options: ParseOptions()) { titles.append($0.title ?? "") }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 64 * 1024)
            _ = bytes[offset..<end].withUnsafeBytes { parser.append($0) }
            offset = end
        }
        let feed = try parser.finish()
        #expect(feed.items.isEmpty)
        #expect(titles == (0..<2_000).map { "Item \($0)" })
    }
}
