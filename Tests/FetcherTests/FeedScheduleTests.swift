import FeedModel
import Fetcher
import Foundation
import Testing

@Suite("Schedule and back-off")
struct FeedScheduleTests {
    let schedule = FeedSchedule()
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test("the largest of interval, ttl, max-age and publishing rate wins, clamped to 15 min … 24 h")
    func successInterval() {
        #expect(
            schedule.successInterval(ttlMinutes: nil, freshness: nil, publishInterval: nil, newestItem: nil, now: now)
                == 900)
        #expect(
            schedule.successInterval(ttlMinutes: 60, freshness: 1800, publishInterval: nil, newestItem: nil, now: now)
                == 3600)
        #expect(
            schedule.successInterval(ttlMinutes: 5, freshness: 7200, publishInterval: nil, newestItem: nil, now: now)
                == 7200)
        #expect(
            schedule.successInterval(ttlMinutes: nil, freshness: 60, publishInterval: nil, newestItem: nil, now: now)
                == 900)
        #expect(
            schedule.successInterval(
                ttlMinutes: 10_000, freshness: nil, publishInterval: nil, newestItem: nil, now: now) == 86_400)
        // A feed publishing every 4 hours is polled every 2 hours.
        #expect(
            schedule.successInterval(
                ttlMinutes: nil, freshness: nil, publishInterval: 14_400, newestItem: now, now: now) == 7200)
        // A dormant feed (nothing for 2 days) is polled every 12 hours.
        let twoDaysAgo = now.addingTimeInterval(-172_800)
        #expect(
            schedule.successInterval(
                ttlMinutes: nil, freshness: nil, publishInterval: nil, newestItem: twoDaysAgo, now: now) == 43_200)
    }

    @Test("errors back off exponentially, capped at 24 hours, and honour Retry-After")
    func backoff() {
        #expect(
            (1...8).map { schedule.backoffInterval(errorCount: $0) } == [
                900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400,
            ])
        #expect(schedule.backoffInterval(errorCount: 50) == 86_400)
        let retry = now.addingTimeInterval(5000)
        #expect(schedule.nextDueAfterFailure(errorCount: 1, retryAfter: retry, now: now) == retry)
        let absurd = now.addingTimeInterval(365 * 86_400)
        #expect(
            schedule.nextDueAfterFailure(errorCount: 1, retryAfter: absurd, now: now) == now.addingTimeInterval(86_400))
    }

    @Test("publishing interval is the median gap of recent items")
    func publishInterval() {
        let dates = [0, 3600, 7200, 10_800, 20_000].map { now.addingTimeInterval(-Double($0)) }
        #expect(FeedSchedule.publishInterval(itemDates: dates) == 3600)
        #expect(FeedSchedule.publishInterval(itemDates: Array(dates.prefix(2))) == nil)
    }

    @Test("state after 200, 304, 301, 410, 429 and a parse failure; reset clears the back-off")
    func stateUpdates() {
        let request = FetchRequest(url: "http://example.org/old.xml")
        var head = ResponseHead(statusCode: 200, url: "http://example.org/new.xml")
        head.etag = "\"e1\""
        head.lastModified = "Tue, 25 Nov 2025 07:00:00 GMT"
        head.maxAge = 3600
        let moved = FetchOutcome<Int>(
            request: request, status: .fetched, head: head,
            redirects: [Redirect(from: request.url, to: "http://example.org/new.xml", statusCode: 301)], product: 1,
            bodyBytes: 10, duration: 0.1)
        var state = FeedState(url: request.url, lastError: "boom", errorCount: 3)
        state = schedule.update(state, with: moved, body: BodySummary(ttlMinutes: 30, itemDates: [now]), now: now)
        #expect(state.url == "http://example.org/new.xml")
        #expect(state.aliases == ["http://example.org/old.xml"])
        #expect(state.etag == "\"e1\"" && state.lastModified == "Tue, 25 Nov 2025 07:00:00 GMT")
        #expect(state.errorCount == 0 && state.lastError == nil)
        #expect(state.nextDue == now.addingTimeInterval(3600))
        #expect(state.ttlMinutes == 30)

        let parseFailure = schedule.update(state, with: moved, body: BodySummary(failure: "not a feed"), now: now)
        #expect(parseFailure.errorCount == 1 && parseFailure.lastError == "not a feed")
        #expect(parseFailure.etag == "\"e1\"")

        let error = FetchError(.rateLimited, feedURL: state.url, reason: "429", hint: "wait", statusCode: 429)
        var limitedHead = ResponseHead(statusCode: 429, url: state.url)
        limitedHead.retryAfter = now.addingTimeInterval(7200)
        let limited = FetchOutcome<Int>(
            request: FetchRequest(url: state.url), status: .failed(error), head: limitedHead, redirects: [],
            product: nil,
            bodyBytes: 0, duration: 0)
        let afterLimit = schedule.update(state, with: limited, body: nil, now: now)
        #expect(afterLimit.errorCount == 1)
        #expect(afterLimit.nextDue == now.addingTimeInterval(7200))
        #expect(!schedule.isDue(afterLimit, now: now.addingTimeInterval(3600)))
        #expect(schedule.isDue(afterLimit, now: now.addingTimeInterval(7200)))
        #expect(schedule.isDue(afterLimit, now: now, ignoringSchedule: true))

        let gone = FetchOutcome<Int>(
            request: FetchRequest(url: state.url), status: .gone, head: ResponseHead(statusCode: 410, url: state.url),
            redirects: [], product: nil, bodyBytes: 0, duration: 0)
        let retired = schedule.update(afterLimit, with: gone, body: nil, now: now)
        #expect(retired.retired)
        #expect(!schedule.isDue(retired, now: now, ignoringSchedule: true))
        let revived = schedule.reset(retired)
        #expect(!revived.retired && revived.errorCount == 0 && schedule.isDue(revived, now: now))

        let unchanged = FetchOutcome<Int>(
            request: FetchRequest(url: state.url), status: .notModified,
            head: ResponseHead(statusCode: 304, url: state.url), redirects: [], product: nil, bodyBytes: 0, duration: 0)
        let afterNotModified = schedule.update(afterLimit, with: unchanged, body: nil, now: now)
        #expect(afterNotModified.errorCount == 0)
        #expect(afterNotModified.etag == "\"e1\"")
        #expect(afterNotModified.nextDue == now.addingTimeInterval(1800))  // the ttl kept from the last 200
    }
}

@Suite("HTTP header values")
struct HTTPHeaderValueTests {
    @Test(
        "the three HTTP date forms",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        ])
    func httpDates(text: String) {
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test("format and parse round-trip; garbage is nil")
    func roundTrip() {
        let date = Date(timeIntervalSince1970: 1_764_054_000)
        #expect(HTTPDate.format(date) == "Tue, 25 Nov 2025 07:00:00 GMT")
        #expect(HTTPDate.parse(HTTPDate.format(date)) == date)
        #expect(HTTPDate.parse("soon") == nil)
        #expect(HTTPDate.parse("Tue, 45 Nov 2025 07:00:00 GMT") == nil)
    }
}

@Suite("HTML autodiscovery")
struct FeedAutodiscoveryTests {
    @Test("alternate links of feed types, resolved, in order; other links ignored")
    func links() {
        let html = """
            <!DOCTYPE html><html><head><title>Kyiv Independent</title>
            <link rel="stylesheet" href="/style.css">
            <LINK REL="alternate" TYPE="application/rss+xml" TITLE="News &amp; analysis" HREF="/feed/rss.xml">
            <link rel='alternate' type='application/atom+xml' href='https://other.example/atom'>
            <link rel="alternate" type="text/html" hreflang="uk" href="/uk/">
            <link rel=alternate type=application/feed+json href=feed.json>
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>
            """
        let links = FeedAutodiscovery.feedLinks(inHTML: Array(html.utf8), pageURL: "https://kyiv.example/news/today")
        #expect(
            links.map(\.url) == [
                "https://kyiv.example/feed/rss.xml", "https://other.example/atom",
                "https://kyiv.example/news/feed.json",
            ])
        #expect(links.first?.title == "News & analysis")
        #expect(FeedAutodiscovery.looksLikeHTML(Array(html.utf8), mediaType: nil))
        #expect(!FeedAutodiscovery.looksLikeHTML(Array("<rss/>".utf8), mediaType: "application/rss+xml"))
    }
}
