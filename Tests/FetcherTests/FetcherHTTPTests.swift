import FeedModel
import Fetcher
import FlyingFox
import Foundation
import TestSupport
import Testing

/// The fetcher against real servers on 127.0.0.1: each case is fetched in a batch with a well-behaved bystander
/// feed, which must come through untouched.
@Suite("Fetcher over HTTP")
struct FetcherHTTPTests {
    let fetcher = Fetcher(configuration: FetcherFixtures.quick)

    @Test("200 then 304: both validators are captured, then sent")
    func conditionalGet() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/feed.xml": { request in
                if request.headers["if-none-match"] == "\"v1\"" {
                    return FetcherFixtures.status(304)
                }
                return FetcherFixtures.ok(
                    FetcherFixtures.rssBytes,
                    [
                        HTTPHeader("ETag"): "\"v1\"", HTTPHeader("Last-Modified"): "Tue, 25 Nov 2025 07:00:00 GMT",
                        HTTPHeader("Cache-Control"): "public, max-age=1800",
                    ])
            }
        ])
        let first = await fetcher.fetchCollecting([FetchRequest(url: server.url("/feed.xml"))])
        #expect(first[0].status == .fetched)
        let head = try #require(first[0].head)
        #expect(head.etag == "\"v1\"")
        #expect(head.lastModified == "Tue, 25 Nov 2025 07:00:00 GMT")
        #expect(head.maxAge == 1800)
        #expect(first[0].product?.bytes == FetcherFixtures.rssBytes)

        let second = await fetcher.fetchCollecting([
            FetchRequest(url: server.url("/feed.xml"), etag: head.etag, lastModified: head.lastModified)
        ])
        #expect(second[0].status == .notModified)
        #expect(second[0].product == nil)
        let sent = try #require(server.log.requests(for: "/feed.xml").last)
        #expect(sent.headers["if-none-match"] == "\"v1\"")
        #expect(sent.headers["if-modified-since"] == "Tue, 25 Nov 2025 07:00:00 GMT")
        #expect(sent.headers["user-agent"]?.contains("aggregator/") == true)
        #expect(sent.headers["user-agent"]?.contains("mailto:ops@example.org") == true)

        var forced = FetcherFixtures.quick
        forced.useValidators = false
        let third = await Fetcher(configuration: forced).fetchCollecting([
            FetchRequest(url: server.url("/feed.xml"), etag: head.etag, lastModified: head.lastModified)
        ])
        #expect(third[0].status == .fetched)
        #expect(server.log.requests(for: "/feed.xml").last?.headers["if-none-match"] == nil)
        await server.stop()
    }

    @Test("gzip bodies are decoded and streamed in chunks")
    func gzip() async throws {
        let big = Array(String(repeating: FetcherFixtures.rss, count: 400).utf8)
        let server = try await TestHTTPServer.start(routes: [
            "/gz.xml": { request in
                guard request.headers["accept-encoding"]?.contains("gzip") == true else {
                    return FetcherFixtures.status(406)
                }
                return FetcherFixtures.ok(Gzip.wrap(big), [HTTPHeader("Content-Encoding"): "gzip"])
            }
        ])
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/gz.xml")), bystander.request])
        #expect(outcomes[0].status == .fetched)
        #expect(outcomes[0].head?.contentEncoding == "gzip")
        let body = try #require(outcomes[0].product)
        #expect(body.bytes == big)
        #expect(body.chunkCount > 1)
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    @Test("301/308 give a URL to persist; 302 does not; a mixed chain persists up to the first temporary hop")
    func permanentAndTemporaryRedirects() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/old.xml": { _ in FetcherFixtures.redirect(301, to: "/new.xml") },
            "/moved308.xml": { _ in FetcherFixtures.redirect(308, to: "/new.xml") },
            "/temp.xml": { _ in FetcherFixtures.redirect(302, to: "/new.xml") },
            "/chain.xml": { _ in FetcherFixtures.redirect(301, to: "/middle.xml") },
            "/middle.xml": { _ in FetcherFixtures.redirect(307, to: "/new.xml") },
            "/new.xml": { _ in FetcherFixtures.ok(FetcherFixtures.rssBytes) },
        ])
        let outcomes = await fetcher.fetchCollecting(
            ["/old.xml", "/moved308.xml", "/temp.xml", "/chain.xml"].map { FetchRequest(url: server.url($0)) })
        for outcome in outcomes {
            #expect(outcome.status == .fetched)
            #expect(outcome.head?.url == server.url("/new.xml"))
            #expect(outcome.product?.bytes == FetcherFixtures.rssBytes)
        }
        #expect(outcomes[0].permanentURL == server.url("/new.xml"))
        #expect(
            outcomes[0].redirects == [
                Redirect(from: server.url("/old.xml"), to: server.url("/new.xml"), statusCode: 301)
            ])
        #expect(outcomes[1].permanentURL == server.url("/new.xml"))
        #expect(outcomes[2].permanentURL == nil)
        #expect(outcomes[2].redirects.map(\.statusCode) == [302])
        #expect(outcomes[3].permanentURL == server.url("/middle.xml"))
        #expect(outcomes[3].redirects.map(\.statusCode) == [301, 307])
        await server.stop()
    }

    @Test("a redirect to file:///etc/passwd is refused, and so is a non-http URL")
    func redirectToFileRefused() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/evil.xml": { _ in FetcherFixtures.redirect(302, to: "file:///etc/passwd") }
        ])
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([
            FetchRequest(url: server.url("/evil.xml")), FetchRequest(url: "file:///etc/passwd"),
            FetchRequest(url: "gopher://example.org/feed"), bystander.request,
        ])
        let error = try #require(outcomes[0].error)
        #expect(error.kind == .unsupportedProtocol)
        #expect(error.description.contains(server.url("/evil.xml")))
        #expect(error.description.contains("file:///etc/passwd"))
        #expect(outcomes[0].product == nil)
        #expect(outcomes[1].error?.kind == .unsupportedProtocol)
        #expect(outcomes[2].error?.kind == .unsupportedProtocol)
        #expect(bystander.isUnaffected(outcomes[3]))
        await server.stop()
        await bystander.stop()
    }

    @Test("a redirect loop stops after the redirect limit")
    func redirectLoop() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/ping.xml": { _ in FetcherFixtures.redirect(302, to: "/pong.xml") },
            "/pong.xml": { _ in FetcherFixtures.redirect(302, to: "/ping.xml") },
        ])
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([FetchRequest(url: server.url("/ping.xml")), bystander.request])
        #expect(outcomes[0].error?.kind == .tooManyRedirects)
        #expect(server.log.requests.count == 6)  // the first request and 5 redirects, no more
        #expect(bystander.isUnaffected(outcomes[1]))
        await server.stop()
        await bystander.stop()
    }

    @Test("410 retires, 404 and 5xx are errors, and only a 200 body reaches the sink")
    func goneAndErrors() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/gone.xml": { _ in FetcherFixtures.status(410) },
            "/boom.xml": { _ in FetcherFixtures.status(502) },
        ])
        let bystander = try await Bystander.start()
        let outcomes = await fetcher.fetchCollecting([
            FetchRequest(url: server.url("/gone.xml")), FetchRequest(url: server.url("/missing.xml")),
            FetchRequest(url: server.url("/boom.xml")), bystander.request,
        ])
        #expect(outcomes[0].status == .gone)
        #expect(outcomes[1].error?.kind == .httpStatus)
        #expect(outcomes[1].error?.statusCode == 404)
        #expect(outcomes[1].error?.description.contains("/missing.xml") == true)
        #expect(outcomes[2].error?.statusCode == 502)
        #expect(outcomes[0...2].allSatisfy { $0.product == nil })
        #expect(bystander.isUnaffected(outcomes[3]))
        await server.stop()
        await bystander.stop()
    }

    @Test("429 with Retry-After in seconds pauses the whole host; the other feeds of that host are deferred")
    func retryAfterSeconds() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/a.xml": { _ in FetcherFixtures.status(429, [HTTPHeader("Retry-After"): "120"]) },
            "/b.xml": { _ in FetcherFixtures.ok(FetcherFixtures.rssBytes) },
            "/c.xml": { _ in FetcherFixtures.ok(FetcherFixtures.rssBytes) },
        ])
        let bystander = try await Bystander.start()
        var serial = FetcherFixtures.quick
        serial.maxTransfersPerHost = 1
        let before = Date()
        let outcomes = await Fetcher(configuration: serial).fetchCollecting(
            ["/a.xml", "/b.xml", "/c.xml"].map { FetchRequest(url: server.url($0)) } + [bystander.request])
        let error = try #require(outcomes[0].error)
        #expect(error.kind == .rateLimited)
        #expect(error.statusCode == 429)
        let until = try #require(outcomes[0].head?.retryAfter)
        #expect(until.timeIntervalSince(before) >= 119 && until.timeIntervalSince(before) < 180)
        #expect(outcomes[1].status == .deferred(until: until))
        #expect(outcomes[2].status == .deferred(until: until))
        #expect(server.log.requests.count == 1)
        #expect(bystander.isUnaffected(outcomes[3]))
        await server.stop()
        await bystander.stop()
    }

    @Test("429 and 503 with Retry-After as an HTTP date")
    func retryAfterDate() async throws {
        let when = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3600).rounded(.down))
        let server = try await TestHTTPServer.start(routes: [
            "/limited.xml": { _ in FetcherFixtures.status(429, [HTTPHeader("Retry-After"): HTTPDate.format(when)]) }
        ])
        let other = try await TestHTTPServer.start(routes: [
            "/down.xml": { _ in FetcherFixtures.status(503, [HTTPHeader("Retry-After"): HTTPDate.format(when)]) }
        ])
        let outcomes = await fetcher.fetchCollecting([
            FetchRequest(url: server.url("/limited.xml")), FetchRequest(url: other.url("/down.xml")),
        ])
        #expect(outcomes[0].error?.kind == .rateLimited)
        #expect(outcomes[0].head?.retryAfter == when)
        #expect(outcomes[1].error?.kind == .rateLimited)
        #expect(outcomes[1].error?.statusCode == 503)
        #expect(outcomes[1].head?.retryAfter == when)
        await server.stop()
        await other.stop()
    }

    @Test("a charset given only in the Content-Type header reaches the sink's caller, bytes untouched")
    func charsetFromHeader() async throws {
        // "Мир" in windows-1251, in a document with no encoding declaration.
        let body =
            Array("<rss version=\"2.0\"><channel><title>".utf8) + [0xCC, 0xE8, 0xF0]
            + Array("</title></channel></rss>".utf8)
        let server = try await TestHTTPServer.start(routes: [
            "/ru.xml": { _ in
                FetcherFixtures.ok(body, [HTTPHeader("Content-Type"): "application/rss+xml; charset=\"windows-1251\""])
            }
        ])
        let outcomes = await fetcher.fetch([FetchRequest(url: server.url("/ru.xml"))]) { _, head in
            CharsetRecordingSink(charset: head.charset)
        }
        #expect(outcomes[0].head?.mediaType == "application/rss+xml")
        #expect(outcomes[0].head?.charset == "windows-1251")
        #expect(outcomes[0].product?.charset == "windows-1251")
        #expect(outcomes[0].product?.bytes == body)
        await server.stop()
    }

    @Test("500 then recovery on the next run")
    func serverErrorThenRecovery() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/flaky.xml": { request in
                request.sequence == 0 ? FetcherFixtures.status(500) : FetcherFixtures.ok(FetcherFixtures.rssBytes)
            }
        ])
        let bystander = try await Bystander.start()
        let first = await fetcher.fetchCollecting([FetchRequest(url: server.url("/flaky.xml")), bystander.request])
        #expect(first[0].error?.statusCode == 500)
        #expect(first[0].error?.hint.contains("back-off") == true)
        #expect(bystander.isUnaffected(first[1]))
        let second = await fetcher.fetchCollecting([FetchRequest(url: server.url("/flaky.xml"))])
        #expect(second[0].status == .fetched)
        #expect(second[0].product?.bytes == FetcherFixtures.rssBytes)
        await server.stop()
        await bystander.stop()
    }

    @Test("never more than the per-host cap at once against one host")
    func perHostCap() async throws {
        let gauge = ConcurrencyGauge()
        let server = try await TestHTTPServer.start { _ in
            gauge.enter()
            try await Task.sleep(for: .milliseconds(60))
            gauge.leave()
            return FetcherFixtures.ok(FetcherFixtures.rssBytes)
        }
        let outcomes = await fetcher.fetchCollecting((0..<8).map { FetchRequest(url: server.url("/feed\($0).xml")) })
        #expect(outcomes.allSatisfy { $0.status == .fetched })
        #expect(gauge.peak <= 2)
        #expect(gauge.peak >= 1)
        await server.stop()
    }
}

/// Records the charset the fetcher announced with the head, and the bytes.
final class CharsetRecordingSink: FetchBodySink {
    struct Product: Sendable {
        var charset: String?
        var bytes: [UInt8]
    }

    private let charset: String?
    private var bytes: [UInt8] = []

    init(charset: String?) {
        self.charset = charset
    }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        bytes.append(contentsOf: chunk)
        return true
    }

    func finish(error: FetchError?) -> Product {
        Product(charset: charset, bytes: bytes)
    }
}

/// Counts requests in flight at once on a test server.
final class ConcurrencyGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var highest = 0

    func enter() {
        lock.lock()
        current += 1
        highest = max(highest, current)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        current -= 1
        lock.unlock()
    }

    var peak: Int {
        lock.lock()
        defer { lock.unlock() }
        return highest
    }
}

@Suite("Autodiscovery over HTTP")
struct AutodiscoveryHTTPTests {
    @Test("a web page's <link rel=alternate> leads to its feed")
    func pageToFeed() async throws {
        let server = try await TestHTTPServer.start(routes: [
            "/news/today.html": { _ in
                FetcherFixtures.ok(
                    Array(
                        "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"../feed.xml\"></head></html>"
                            .utf8), [HTTPHeader("Content-Type"): "text/html; charset=utf-8"])
            },
            "/feed.xml": { _ in FetcherFixtures.ok(FetcherFixtures.rssBytes) },
        ])
        let fetcher = Fetcher(configuration: FetcherFixtures.quick)
        let page = await fetcher.fetchCollecting([FetchRequest(url: server.url("/news/today.html"))])
        let body = try #require(page[0].product)
        #expect(FeedAutodiscovery.looksLikeHTML(body.bytes, mediaType: page[0].head?.mediaType))
        let links = FeedAutodiscovery.feedLinks(inHTML: body.bytes, pageURL: page[0].head?.url ?? "")
        #expect(links.map(\.url) == [server.url("/feed.xml")])
        let feed = await fetcher.fetchCollecting([FetchRequest(url: links[0].url)])
        #expect(feed[0].product?.bytes == FetcherFixtures.rssBytes)
        await server.stop()
    }
}
