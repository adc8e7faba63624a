import FeedModel
import FeedParser
import Foundation
import TestSupport
import Testing

@Suite struct JSONFeedParserTests {
    // MARK: Helpers

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/json"),
            "missing fixture \(name).json")
        return try Data(contentsOf: url)
    }

    static func parse(_ data: Data, documentURL: String? = nil) throws(FeedParseError) -> ParsedFeed {
        let extractor = TextExtractor()
        do {
            return try data.withUnsafeBytes { raw in
                try JSONFeedParser.parse(raw, documentURL: documentURL, extractor: extractor)
            }
        } catch let error as FeedParseError {
            throw error
        } catch {
            throw FeedParseError(.unrecoverable, reason: "unexpected \(error)", hint: "")
        }
    }

    static func parseError(_ data: Data) -> FeedParseError? {
        do {
            _ = try parse(data)
            return nil
        } catch {
            return error
        }
    }

    // MARK: JSON Feed 1.0

    @Test func jsonFeed10Channel() throws {
        let feed = try Self.parse(Self.fixture("jsonfeed-1.0"))
        #expect(feed.format == .json10)
        #expect(feed.title == "Kyiv Desk & Friends")
        #expect(feed.link == "https://news.example.org/")
        #expect(feed.description == "Daily notes on the peace talks.")
        #expect(feed.language == nil)
        #expect(feed.updated == nil)
        #expect(feed.warnings == ["1 entry in \"items\" is not an object and was skipped"])
        #expect(feed.items.count == 4)
    }

    @Test func jsonFeed10FullItem() throws {
        let feed = try Self.parse(Self.fixture("jsonfeed-1.0"))
        let item = try #require(feed.items.first)
        #expect(item.id == "https://news.example.org/2025/08/22/istanbul")
        #expect(item.title == "Talks resume in Istanbul")
        #expect(item.link == "https://news.example.org/2025/08/22/istanbul")
        #expect(item.content == "Delegations met on Friday. A prisoner exchange was agreed — 1,000 for 1,000.")
        #expect(item.summary == "Delegations met & agreed an exchange.")
        #expect(item.published?.rfc3339 == "2025-08-22T07:00:00Z")
        #expect(item.updated?.rfc3339 == "2025-08-22T12:30:00Z")
        #expect(item.authors == ["Olena Kovalenko"])
        #expect(item.categories == ["talks", "Istanbul"])
        #expect(
            item.enclosures == [
                Enclosure(
                    url: "https://news.example.org/feeds/audio/briefing.mp3", type: "audio/mpeg", length: 1_234_567),
                Enclosure(url: "https://cdn.example.org/map.png", type: "image/png", length: nil),
            ])
    }

    @Test func jsonFeed10SparseItems() throws {
        let feed = try Self.parse(Self.fixture("jsonfeed-1.0"))
        try #require(feed.items.count == 4)

        let numeric = feed.items[1]
        #expect(numeric.id == "1024")
        #expect(numeric.title == nil, "no invented titles")
        #expect(numeric.link == "https://other.example.com/report", "external_url when there is no url")
        #expect(numeric.content == "A note with <b>no</b> markup &amp; no title.", "content_text is not HTML")
        #expect(numeric.summary == nil)
        #expect(numeric.published?.rfc3339 == "2025-08-22T08:00:00Z")
        #expect(numeric.authors == ["Desk Editor"], "the feed's author is the item's author")

        let noID = feed.items[2]
        #expect(
            noID.id
                == ItemIdentity.synthesize(link: "https://news.example.org/2025/08/21/no-id", title: nil, content: nil))
        #expect(noID.id.hasPrefix("urn:aggregator:link:"))
        #expect(noID.published == nil, "a bad date is null")

        let bare = feed.items[3]
        #expect(bare.id == ItemIdentity.synthesize(link: nil, title: nil, content: "Only text, no id and no link."))
        #expect(bare.link == nil)
        #expect(bare.title == nil)
        #expect(bare.content == "Only text, no id and no link.")
    }

    // MARK: JSON Feed 1.1

    @Test func jsonFeed11() throws {
        let feed = try Self.parse(Self.fixture("jsonfeed-1.1"), documentURL: "https://ukr.example.net/news/index.json")
        #expect(feed.format == .json11)
        #expect(feed.title == "Новини — Стрічка")
        #expect(feed.link == "https://ukr.example.net/news/")
        #expect(feed.language == "uk-UA")
        #expect(feed.warnings.isEmpty)
        try #require(feed.items.count == 2)

        let first = feed.items[0]
        #expect(first.id == "news-1")
        #expect(first.title == "Переговори у Стамбулі")
        #expect(first.link == "https://ukr.example.net/news/2025/08/22/1.html")
        #expect(first.content == "Делегації зустрілися в п’ятницю.")
        #expect(first.published?.rfc3339 == "2025-08-22T07:00:00Z")
        #expect(first.authors == ["Олена", "Андрій"], "authors without a name are skipped")
        #expect(first.categories == ["переговори"])
        #expect(
            first.enclosures == [Enclosure(url: "https://ukr.example.net/media/1.ogg", type: "audio/ogg", length: 2048)]
        )

        let second = feed.items[1]
        #expect(second.id == "news-2")
        #expect(second.title == nil)
        #expect(second.content == nil, "empty content_html is no content")
        #expect(second.summary == "Без заголовка.")
        #expect(second.published == nil)
        #expect(second.updated?.rfc3339 == "2025-08-22T00:00:00Z")
        #expect(second.authors == ["Редакція"])
    }

    @Test func relativeURLsWithoutDocumentURLUseHomePage() throws {
        // feed_url "feed.json" is relative and there is no document URL, so home_page_url is the base.
        let feed = try Self.parse(Self.fixture("jsonfeed-1.1"))
        #expect(feed.items.first?.link == "https://ukr.example.net/news/2025/08/22/1.html")
        #expect(feed.items.first?.enclosures.first?.url == "https://ukr.example.net/media/1.ogg")
    }

    @Test func missingVersionIsToleratedWithAWarning() throws {
        let feed = try Self.parse(Self.fixture("no-version"))
        #expect(feed.format == .json10)
        #expect(feed.warnings == ["the JSON Feed has no valid \"version\"; read as JSON Feed 1.0"])
        #expect(feed.items.map(\.id) == ["a"])
    }

    @Test func unknownVersionIsReadAs11() throws {
        let json = #"{"version": "https://jsonfeed.org/version/1.2", "title": "Future", "items": []}"#
        let feed = try Self.parse(Data(json.utf8))
        #expect(feed.format == .json11)
        #expect(
            feed.warnings == ["unknown JSON Feed version \"https://jsonfeed.org/version/1.2\"; read as JSON Feed 1.1"])
    }

    @Test func missingItemsIsAFeedWithoutItems() throws {
        let json = #"{"version": "https://jsonfeed.org/version/1", "title": "Empty"}"#
        let feed = try Self.parse(Data(json.utf8))
        #expect(feed.items.isEmpty)
        #expect(feed.warnings == ["the JSON Feed has no \"items\" array; read as a feed without items"])
    }

    @Test func oddValuesDoNotCrash() throws {
        let json = #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": 7, "home_page_url": ["x"], "items": [
              {"id": true, "url": "javascript:alert(1)", "title": null, "tags": "not-an-array",
               "authors": "nobody", "attachments": [{"url": "a.mp3", "size_in_bytes": -5}],
               "date_published": 20250822},
              {"id": 1.5, "content_html": "<p>x</p>"},
              {"id": "   ", "title": "Blank id"}
            ]}
            """#
        let feed = try Self.parse(Data(json.utf8), documentURL: "https://example.com/f.json")
        #expect(feed.title == nil)
        #expect(feed.link == nil)
        try #require(feed.items.count == 3)
        #expect(feed.items[0].link == nil, "javascript: links are dropped")
        #expect(feed.items[0].id.hasPrefix("urn:aggregator:text:"), "a boolean is not an id")
        #expect(feed.items[0].enclosures == [Enclosure(url: "https://example.com/a.mp3", type: nil, length: nil)])
        #expect(feed.items[0].published == nil)
        #expect(feed.items[1].id == "1.5")
        #expect(feed.items[2].id == ItemIdentity.synthesize(link: nil, title: "Blank id", content: nil))
    }

    // MARK: Not a feed

    @Test func notAFeed() throws {
        let error = try #require(Self.parseError(Self.fixture("not-a-feed")))
        #expect(error.kind == .notAFeed)
        #expect(error.reason.contains("not a JSON Feed"))
        #expect(error.reason.contains("\"license\""), "the reason lists what the object does have")
        #expect(error.hint.contains("https://jsonfeed.org/version/1.1"))
    }

    @Test func brokenJSONFeedIsUnrecoverable() throws {
        let error = try #require(Self.parseError(Self.fixture("broken")))
        #expect(error.kind == .unrecoverable)
        #expect(error.reason.hasPrefix("the JSON Feed is not valid JSON ("))
        #expect(error.reason.contains("truncated"))
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let json = "\u{FEFF}" + #"{"version": "https://jsonfeed.org/version/1", "title": "BOM", "items": []}"#
        #expect(try Self.parse(Data(json.utf8)).title == "BOM")
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let arrays = String(repeating: "[", count: 100_000)
        #expect(Self.parseError(Data(arrays.utf8))?.kind == .notAFeed)
        let objects =
            #"{"version": "https://jsonfeed.org/version/1.1", "items": "#
            + String(repeating: #"{"a": "#, count: 100_000)
        #expect(Self.parseError(Data(objects.utf8))?.kind == .unrecoverable)
    }

    @Test func arrayIsNotAFeed() throws {
        let error = try #require(Self.parseError(Self.fixture("array")))
        #expect(error.kind == .notAFeed)
        #expect(error.reason == "the JSON document is an array, not a JSON Feed object")
    }

    @Test func emptyInput() throws {
        #expect(Self.parseError(try Self.fixture("empty"))?.kind == .empty)
        #expect(Self.parseError(Data())?.kind == .empty)
    }

    @Test(arguments: ["<html><body>Not found</body></html>", "null", "42", "\"string\"", "{", "\u{FEFF}{}", "{}"])
    func otherNonFeeds(_ text: String) throws {
        let error = try #require(Self.parseError(Data(text.utf8)))
        #expect(error.kind == .notAFeed)
        #expect(!error.reason.isEmpty && !error.hint.isEmpty)
    }

    // MARK: RSS-in-JSON

    @Test func rssInJSONIsReadAsRSS20() throws {
        let feed = try Self.parse(Self.fixture("rss-in-json"))
        #expect(feed.format == .rss20)
        #expect(feed.title == "Scripting-style News")
        #expect(feed.link == "http://scripting.example.com/")
        #expect(feed.description == "RSS 2.0 serialised as JSON.")
        #expect(feed.language == "en-us")
        #expect(feed.updated?.rfc3339 == "2017-06-26T19:41:48Z")
        #expect(feed.timeToLiveMinutes == 30)
        #expect(feed.warnings.isEmpty)
        try #require(feed.items.count == 2)

        let titled = feed.items[0]
        #expect(titled.id == "http://scripting.example.com/2017/06/26.html#a1")
        #expect(titled.title == "Titled item")
        #expect(titled.summary == "Body with a link & an entity.")
        #expect(titled.content == nil)
        #expect(titled.published?.rfc3339 == "2017-06-26T15:26:03Z")
        #expect(titled.categories == ["politics", "tech"])
        #expect(
            titled.enclosures == [
                Enclosure(url: "http://scripting.example.com/audio/show.mp3", type: "audio/mpeg", length: 12_345)
            ])

        let untitled = feed.items[1]
        #expect(untitled.id == "a2-guid")
        #expect(untitled.title == nil)
        #expect(untitled.link == "http://scripting.example.com/2017/06/26.html#a2")
        #expect(untitled.summary == "Untitled item 🍏")
        #expect(untitled.authors == ["dave@example.com (Dave)"])
    }

    // MARK: Real corpus

    struct ManifestRow: Sendable, CustomTestStringConvertible {
        var file: String
        var items: Int
        var testDescription: String { file }
    }

    /// The JSON rows of `../shared/corpus/MANIFEST.tsv` (empty when the corpus is absent).
    static let realJSONFiles: [ManifestRow] = {
        let manifest = TestPaths.realCorpus.deletingLastPathComponent().appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
        var rows: [ManifestRow] = []
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 5, columns[0].hasSuffix(".json"), let items = Int(columns[5]) else { continue }
            rows.append(ManifestRow(file: String(columns[0]), items: items))
        }
        return rows
    }()

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
    func realCorpusHasTheJSONFiles() {
        #expect(Self.realJSONFiles.count == 5)
    }

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"), arguments: realJSONFiles)
    func realCorpusItemCounts(_ row: ManifestRow) throws {
        let url = TestPaths.realCorpus.deletingLastPathComponent().appendingPathComponent(row.file)
        let feed = try Self.parse(Data(contentsOf: url))
        #expect(feed.items.count == row.items)
        #expect(feed.warnings.isEmpty)
        #expect(feed.title != nil)
        for item in feed.items {
            #expect(item.published != nil, "\(item.id)")
            #expect(item.link?.hasPrefix("http") == true, "\(item.id)")
        }
        if feed.format != .rss20 {
            #expect(Set(feed.items.map(\.id)).count == feed.items.count, "ids are unique")
        }
    }

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
    func realCorpusFields() throws {
        let real = TestPaths.realCorpus
        let daring = try Self.parse(Data(contentsOf: real.appendingPathComponent("daringfireball.json")))
        #expect(daring.format == .json10)
        #expect(daring.title == "Daring Fireball")
        #expect(daring.link == "https://daringfireball.net/")
        let talkShow = try #require(daring.items.first)
        #expect(talkShow.title == "The Talk Show: ‘I Do Like Throwing a Baby’")
        #expect(talkShow.link == "https://daringfireball.net/linked/2017/06/26/the-talk-show-195")
        #expect(talkShow.published?.rfc3339 == "2017-06-27T00:54:17Z")
        #expect(talkShow.updated?.rfc3339 == "2017-06-27T00:54:20Z")
        #expect(talkShow.authors == ["John Gruber"])
        #expect(talkShow.content?.hasPrefix("New episode of America’s favorite 3-star podcast") == true)

        let adactio = try Self.parse(Data(contentsOf: real.appendingPathComponent("adactio-journal.json")))
        #expect(adactio.items.first?.published?.rfc3339 == "2022-07-26T13:01:01Z", "a date without a zone is UTC")
        #expect(adactio.items.first?.categories.first == "dconstruct")

        let journal = try Self.parse(Data(contentsOf: real.appendingPathComponent("journal-3960-org.json")))
        #expect(journal.format == .json11)
        #expect(journal.language == "de-DE")
        #expect(journal.items.first?.published?.rfc3339 == "2020-02-21T17:08:06Z")
        #expect(journal.items.first?.content == "Da ist es zwar nicht ganz billig, dafür schmeckt's aber auch nicht.")
        // One post is only an embedded video: it has no text, and none is invented.
        #expect(journal.items.filter { $0.content == nil && $0.summary == nil }.count == 1)

        let scripting = try Self.parse(Data(contentsOf: real.appendingPathComponent("scripting-news-rss-in-json.json")))
        #expect(scripting.format == .rss20)
        #expect(scripting.title == "Scripting News")
        #expect(scripting.link == "http://scripting.com/")
        #expect(scripting.updated?.rfc3339 == "2017-06-26T19:41:48Z")
        #expect(scripting.items.filter { $0.title != nil }.count == 11, "only 11 of 50 items have a title")
        #expect(scripting.items.first?.summary == "Good morning students and teachers! 🍏")
        // Three posts are only a picture or a video.
        #expect(scripting.items.filter { $0.summary == nil }.count == 3)
        // The publisher reused two guids (anchors #a080631 and #a100632 on two posts each); ids stay as published.
        #expect(Set(scripting.items.map(\.id)).count == 48)
    }
}
