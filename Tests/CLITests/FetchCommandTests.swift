import Foundation
import TestSupport
import Testing

/// `aggregator feeds …` and `aggregator fetch` as a user (or cron) runs them: the built binary, a temporary
/// subscription list and store, and real HTTP servers on 127.0.0.1.
@Suite("fetch and feeds commands")
struct FetchCommandTests {
    static func rss(_ title: String, items: Int = 2, ttl: Int? = nil) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(title)</title>"
        text += "<link>https://example.org/</link>" + (ttl.map { "<ttl>\($0)</ttl>" } ?? "")
        for index in 0..<items {
            text += "<item><title>\(title) story \(index)</title><guid>\(title)-\(index)</guid>"
            text += "<pubDate>Tue, 25 Nov 2025 0\(index):00:00 GMT</pubDate></item>"
        }
        return text + "</channel></rss>"
    }

    /// A temporary folder with `subs.opml` and `store/`.
    struct Workspace {
        let root: URL
        var opml: String { root.appendingPathComponent("subs.opml").path }
        var store: String { root.appendingPathComponent("store").path }

        init() throws { root = try CommandRunner.temporaryDirectory("fetch-cli") }

        func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
            var arguments = arguments
            if arguments.first == "fetch" || arguments.first == "feeds" {
                arguments += ["--opml", opml]
                if !["add", "import"].contains(arguments.dropFirst().first ?? "") { arguments += ["--store", store] }
            }
            return try await CommandRunner.aggregatorAsync(arguments, environment: environment)
        }

        func add(_ url: String, _ extra: [String] = []) async throws {
            let result = try await run(["feeds", "add", url, "--no-check"] + extra)
            #expect(result.status == 0, "\(result.standardError)")
        }

        func json(_ text: String) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            return try #require(object as? [String: Any])
        }

        func list() async throws -> [[String: Any]] {
            let result = try await run(["feeds", "list", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            return try #require(object as? [[String: Any]])
        }
    }

    @Test("200 then 304, a 404 named on stderr with what to do, exit 1; the store verifies")
    func endToEnd() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/a.xml": { request in
                if request.headers["if-none-match"] == "\"a1\"" { return TestReply(status: 304) }
                return .feed(Self.rss("Alpha"), headers: ["ETag": "\"a1\""])
            },
            "/b.xml": { _ in .feed(Self.rss("Bravo", items: 3)) },
        ])
        let work = try Workspace()
        for path in ["/a.xml", "/b.xml", "/missing.xml"] { try await work.add(server.url(path)) }

        let cold = try await work.run(["fetch", "--json"])
        #expect(cold.status == 1)
        #expect(cold.standardError.contains(server.url("/missing.xml") + ": the server answered 404 Not Found — "))
        #expect(!cold.standardError.contains("/a.xml"))
        let summary = try work.json(cold.standardOutput)
        #expect(summary["updated"] as? Int == 2)
        #expect(summary["failed"] as? Int == 1)
        #expect(summary["items"] as? Int == 5)

        let warm = try await work.run(["fetch", "--all", "--json"])
        let warmSummary = try work.json(warm.standardOutput)
        #expect(warmSummary["unchanged"] as? Int == 1)
        #expect(warmSummary["updated"] as? Int == 1)
        #expect(server.log.requests(for: "/a.xml").last?.headers["if-none-match"] == "\"a1\"")

        let feeds = try await work.list()
        #expect(feeds.map { $0["health"] as? String } == ["ok", "ok", "failing"])
        #expect(feeds[2]["errorCount"] as? Int == 2)

        let verify = try await CommandRunner.aggregatorAsync(["verify", "--store", work.store])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        await server.stop()
    }

    @Test("the schedule: a fresh run fetches nothing that is not due; ttl and back-off are stored")
    func schedule() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/slow.xml": { _ in .feed(Self.rss("Slow", ttl: 120)) },
            "/down.xml": { _ in TestReply(status: 503) },
        ])
        let work = try Workspace()
        try await work.add(server.url("/slow.xml"))
        try await work.add(server.url("/down.xml"))
        _ = try await work.run(["fetch"])
        let second = try await work.run(["fetch", "--json"])
        #expect(second.status == 0)
        #expect(try work.json(second.standardOutput)["due"] as? Int == 0)
        #expect(server.log.requests.count == 2)
        let feeds = try await work.list()
        let slowDue = try #require(feeds[0]["nextDue"] as? String)
        let lastAttempt = try #require(feeds[0]["lastAttempt"] as? String)
        #expect(slowDue > lastAttempt)
        #expect(feeds[1]["health"] as? String == "waiting" || feeds[1]["health"] as? String == "failing")
        await server.stop()
    }

    @Test("301 moves the feed (old URL kept as alias, export shows the new one); 302 does not")
    func permanentRedirect() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/old.xml": { _ in TestReply(status: 301, headers: ["Location": "/new.xml"]) },
            "/hop.xml": { _ in TestReply(status: 302, headers: ["Location": "/new.xml"]) },
            "/new.xml": { _ in .feed(Self.rss("Moved")) },
        ])
        let work = try Workspace()
        try await work.add(server.url("/old.xml"))
        try await work.add(server.url("/hop.xml"))
        let first = try await work.run(["fetch"])
        #expect(first.status == 0, "\(first.standardError)")
        let feeds = try await work.list()
        #expect(feeds[0]["currentURL"] as? String == server.url("/new.xml"))
        #expect(feeds[0]["aliases"] as? [String] == [server.url("/old.xml")])
        #expect(feeds[1]["currentURL"] as? String == server.url("/hop.xml"))
        let export = try await work.run(["feeds", "export"])
        #expect(export.standardOutput.contains("xmlUrl=\"\(server.url("/new.xml"))\""))
        #expect(export.standardOutput.contains("xmlUrl=\"\(server.url("/hop.xml"))\""))
        let before = server.log.requests(for: "/old.xml").count
        _ = try await work.run(["fetch", "--all"])
        #expect(server.log.requests(for: "/old.xml").count == before)
        #expect(server.log.requests(for: "/hop.xml").count == 2)
        await server.stop()
    }

    @Test("410 retires the feed (kept, shown as gone, not fetched); feeds reset revives it")
    func goneAndReset() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/gone.xml": { _ in TestReply(status: 410) },
            "/fine.xml": { _ in .feed(Self.rss("Fine")) },
        ])
        let work = try Workspace()
        try await work.add(server.url("/gone.xml"))
        try await work.add(server.url("/fine.xml"))
        let first = try await work.run(["fetch"])
        #expect(first.status == 1)
        #expect(first.standardError.contains("410 Gone"))
        #expect(try await work.list().first?["health"] as? String == "gone")
        let second = try await work.run(["fetch", "--all", "--verbose"])
        #expect(second.status == 0)
        #expect(second.standardError.contains("1 retired"))
        #expect(server.log.requests(for: "/gone.xml").count == 1)
        let reset = try await work.run(["feeds", "reset", server.url("/gone.xml")])
        #expect(reset.status == 0, "\(reset.standardError)")
        _ = try await work.run(["fetch"])
        #expect(server.log.requests(for: "/gone.xml").count == 2)
        await server.stop()
    }

    @Test("a body that is not a feed, a truncated gzip feed and a reset connection leave the others stored")
    func hostileFeedsInABatch() async throws {
        let gzip = Gzip.wrap(Array(Self.rss("Cut", items: 40).utf8))
        let cut = Array(gzip.prefix(gzip.count / 2))
        let raw = try await RawHTTPServer.start { request, connection in
            switch request.path {
            case "/cut.xml":
                try await connection.writeHead(headers: [
                    ("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip"),
                    ("Content-Length", String(cut.count)),
                ])
                try await connection.write(cut)
            default:
                try await connection.writeHead(headers: [
                    ("Content-Type", "application/rss+xml"), ("Content-Length", "900"),
                ])
                try await connection.write("<rss version=\"2.0\"><channel><title>Re")
                connection.reset()
            }
        }
        let server = try await TestHTTPServer.start(replies: [
            "/page.xml": { _ in
                TestReply(
                    status: 200, headers: ["Content-Type": "text/html"],
                    body: Array("<html><body>hi</body></html>".utf8))
            },
            "/good.xml": { _ in .feed(Self.rss("Good")) },
        ])
        let work = try Workspace()
        for url in [raw.url("/cut.xml"), raw.url("/reset.xml"), server.url("/page.xml"), server.url("/good.xml")] {
            try await work.add(url)
        }
        let result = try await work.run(["fetch", "--json"])
        #expect(result.status == 1)
        #expect(result.standardError.contains(raw.url("/reset.xml") + ": the connection broke"))
        #expect(result.standardError.contains(server.url("/page.xml")))
        let feeds = try await work.list()
        #expect(feeds[3]["health"] as? String == "ok")
        #expect(feeds[1]["health"] as? String == "failing")
        #expect(feeds[2]["health"] as? String == "failing")
        // The truncated gzip stream is cut at a matching Content-Length: libcurl cannot tell; the parser keeps
        // the complete items and says so (or rejects the document); either way nothing invalid is stored.
        let verify = try await CommandRunner.aggregatorAsync(["verify", "--store", work.store])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        await raw.stop()
        await server.stop()
    }

    @Test("429 with Retry-After pauses the whole host across runs, even for feeds added later")
    func hostPauseAcrossRuns() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/limited.xml": { _ in TestReply(status: 429, headers: ["Retry-After": "3600"]) },
            "/sibling.xml": { _ in .feed(Self.rss("Sibling")) },
            "/late.xml": { _ in .feed(Self.rss("Late")) },
        ])
        let work = try Workspace()
        try await work.add(server.url("/limited.xml"))
        try await work.add(server.url("/sibling.xml"))
        let first = try await work.run(["fetch", "--per-host", "1", "--json"])
        #expect(first.status == 1)
        #expect(first.standardError.contains("429"))
        #expect(try work.json(first.standardOutput)["deferred"] as? Int == 1)
        #expect(server.log.requests(for: "/sibling.xml").isEmpty)
        try await work.add(server.url("/late.xml"))
        let second = try await work.run(["fetch", "--json"])
        #expect(second.status == 0)
        #expect(try work.json(second.standardOutput)["due"] as? Int == 0)
        #expect(server.log.requests(for: "/late.xml").isEmpty)
        #expect(try await work.list().map { $0["health"] as? String } == ["waiting", "waiting", "new"])
        await server.stop()
    }

    @Test("proxy settings come from the environment (http_proxy)")
    func proxyFromEnvironment() async throws {
        let feed = Self.rss("Proxied")
        let proxy = try await RawHTTPServer.start { _, connection in
            try await connection.writeHead(headers: [
                ("Content-Type", "application/rss+xml"), ("Content-Length", String(feed.utf8.count)),
            ])
            try await connection.write(feed)
        }
        let work = try Workspace()
        try await work.add("http://feeds.invalid/war.xml")
        let result = try await work.run(
            ["fetch", "--json"],
            environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", "no_proxy": "", "NO_PROXY": ""])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try work.json(result.standardOutput)["items"] as? Int == 2)
        #expect(proxy.log.requests.first?.path == "http://feeds.invalid/war.xml")
        await proxy.stop()
    }

    @Test("feeds add resolves a web page to its feed; import, export and remove keep categories")
    func subscriptionCommands() async throws {
        let server = try await TestHTTPServer.start(replies: [
            "/index.html": { _ in
                TestReply(
                    headers: ["Content-Type": "text/html"],
                    body: Array(
                        "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\"></head></html>"
                            .utf8))
            },
            "/feed.xml": { _ in .feed(Self.rss("Discovered")) },
        ])
        let work = try Workspace()
        let added = try await work.run(["feeds", "add", server.url("/index.html"), "--category", "Ukraine/Official"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("added \(server.url("/feed.xml")) \"Discovered\" in Ukraine/Official"))
        let again = try await work.run(["feeds", "add", server.url("/feed.xml")])
        #expect(again.standardError.contains("already subscribed"))

        let other = work.root.appendingPathComponent("other.opml")
        try Data(
            """
            <opml version="1.0"><body><outline text="Russia"><outline text="Meduza" xmlUrl="https://meduza.io/rss/all"/>
            <outline text="Bad" xmlUrl="file:///etc/passwd"/></outline></body></opml>
            """.utf8
        ).write(to: other)
        let imported = try await work.run(["feeds", "import", other.path])
        #expect(imported.standardOutput.contains("imported 1 feeds"))
        let export = try await work.run(["feeds", "export"])
        #expect(export.standardOutput.contains("<outline text=\"Russia\">"))
        #expect(export.standardOutput.contains("<outline text=\"Official\">"))
        let removed = try await work.run(["feeds", "remove", "https://meduza.io/rss/all"])
        #expect(removed.status == 0)
        #expect(try await work.list().count == 1)
        let missing = try await work.run(["feeds", "remove", "https://nowhere.example/"])
        #expect(missing.status == 1)
        await server.stop()
    }

    @Test("exit 2 for a missing or broken subscription list, 3 while another run holds the store")
    func exitStatuses() async throws {
        let work = try Workspace()
        let missing = try await work.run(["fetch"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no such subscription list"))
        try Data("<opml><body><outline".utf8).write(to: URL(fileURLWithPath: work.opml))
        let broken = try await work.run(["fetch"])
        #expect(broken.status == 2)

        let slow = try await RawHTTPServer.start { _, connection in
            try await Task.sleep(for: .seconds(3))
            let feed = Self.rss("Slow")
            try await connection.writeHead(headers: [("Content-Length", String(feed.utf8.count))])
            try await connection.write(feed)
        }
        try FileManager.default.removeItem(atPath: work.opml)
        try await work.add(slow.url("/slow.xml"))
        async let first = work.run(["fetch"])
        try await Task.sleep(for: .seconds(1))
        let second = try await work.run(["fetch"])
        #expect(second.status == 3)
        #expect(second.standardError.contains("locked"))
        let firstResult = try await first
        #expect(firstResult.status == 0, "\(firstResult.standardError)")
        await slow.stop()
    }
}
