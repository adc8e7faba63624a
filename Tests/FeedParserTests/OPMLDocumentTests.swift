import FeedParser
import Testing

@Suite("OPML subscription lists")
struct OPMLDocumentTests {
    static let nested = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>War &amp; talks</title></head>
          <body>
            <outline text="Ukraine">
              <outline text="Official">
                <outline text="President of Ukraine" type="rss" xmlUrl="https://www.president.gov.ua/rss" htmlUrl="https://www.president.gov.ua/"/>
              </outline>
              <outline text="Kyiv Independent" title="The Kyiv Independent" type="rss" xmlUrl="https://kyivindependent.com/feed?a=1&amp;b=2"/>
            </outline>
            <outline text="Meduza" type="rss" xmlUrl="https://meduza.io/rss/all"/>
            <outline text="Duplicate" type="rss" xmlUrl="https://meduza.io/rss/all"/>
          </body>
        </opml>
        """

    @Test("OPML 2.0 with nested categories")
    func nestedCategories() throws {
        let document = try OPMLDocument.parse(Array(Self.nested.utf8), source: "subs.opml")
        #expect(document.title == "War & talks")
        let subscriptions = document.subscriptions
        #expect(
            subscriptions.map(\.url) == [
                "https://www.president.gov.ua/rss", "https://kyivindependent.com/feed?a=1&b=2",
                "https://meduza.io/rss/all",
            ])
        #expect(subscriptions[0].categories == ["Ukraine", "Official"])
        #expect(subscriptions[0].htmlURL == "https://www.president.gov.ua/")
        #expect(subscriptions[1].categories == ["Ukraine"])
        #expect(subscriptions[1].title == "The Kyiv Independent")
        #expect(subscriptions[2].categories == [])
    }

    @Test("OPML 1.0 with title-only outlines and a legacy encoding")
    func opml10() throws {
        let text = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <opml version="1.0"><head><title>Old list</title></head><body>
            <outline title="News"><outline title="Caf\u{E9}" xmlUrl="http://cafe.example/rss"/></outline>
            </body></opml>
            """
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let document = try OPMLDocument.parse(bytes, source: "old.opml")
        #expect(document.subscriptions.first?.title == "Café")
        #expect(document.subscriptions.first?.categories == ["News"])
    }

    @Test("write then read gives the same tree; add, remove and replace edit it")
    func roundTrip() throws {
        var document = try OPMLDocument.parse(Array(Self.nested.utf8), source: "subs.opml")
        let added = document.add(
            url: "https://rferl.org/rss", title: "RFE/RL <Russia>", categories: ["Russia", "Exile"])
        let duplicate = document.add(url: "https://meduza.io/rss/all", title: nil, categories: [])
        let nestedAdd = document.add(url: "https://ukraine.example/x", title: nil, categories: ["Ukraine", "Official"])
        #expect(added && !duplicate && nestedAdd)
        let reread = try OPMLDocument.parse(Array(document.xml().utf8), source: "written.opml")
        #expect(reread == document)
        #expect(reread.subscriptions.first { $0.url == "https://rferl.org/rss" }?.categories == ["Russia", "Exile"])
        #expect(
            reread.subscriptions.first { $0.url == "https://ukraine.example/x" }?.categories == ["Ukraine", "Official"])
        let removed = document.remove(url: "https://meduza.io/rss/all")
        #expect(removed == 2)
        let replaced = document.replace(url: "https://www.president.gov.ua/rss", with: "https://president.gov.ua/rss")
        #expect(replaced)
        #expect(document.subscriptions.map(\.url).contains("https://president.gov.ua/rss"))
    }

    @Test(
        "not OPML, empty, broken, and hostile entities",
        arguments: [
            ("<rss version=\"2.0\"><channel/></rss>", FeedParseError.Kind.notAFeed),
            ("   ", FeedParseError.Kind.empty),
            ("<opml><body><outline text=\"a\" xmlUrl=\"http://a\"", FeedParseError.Kind.unrecoverable),
        ])
    func rejected(text: String, kind: FeedParseError.Kind) {
        #expect(throws: FeedParseError.self) { try OPMLDocument.parse(Array(text.utf8), source: "x.opml") }
        do {
            _ = try OPMLDocument.parse(Array(text.utf8), source: "x.opml")
        } catch {
            #expect(error.kind == kind)
            #expect(error.reason.contains("x.opml"))
        }
    }

    @Test("external entities are never read")
    func noExternalEntities() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <opml version="2.0"><body><outline text="&xxe;" xmlUrl="http://a.example/rss"/></body></opml>
            """
        let document = try OPMLDocument.parse(Array(text.utf8), source: "x.opml")
        #expect(document.subscriptions.map(\.url) == ["http://a.example/rss"])
        let title = document.subscriptions.first?.title ?? ""
        #expect(title.contains("root:") == false)
    }
}
