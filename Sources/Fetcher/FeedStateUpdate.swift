import FeedModel
import Foundation

/// What the pipeline learned from a 200 body (parsed or not), for the schedule.
public struct BodySummary: Sendable, Hashable {
    /// RSS `<ttl>` in minutes.
    public var ttlMinutes: Int?
    /// The published/updated dates of the items.
    public var itemDates: [Date]
    /// Why the body was unusable (a parse error), or nil when it was stored.
    public var failure: String?

    /// A summary of one body.
    public init(ttlMinutes: Int? = nil, itemDates: [Date] = [], failure: String? = nil) {
        self.ttlMinutes = ttlMinutes
        self.itemDates = itemDates
        self.failure = failure
    }
}

extension FeedSchedule {
    /// The feed's state after one fetch: validators, URL and aliases (301/308), health, and the next due time.
    /// Nothing is ever dropped: a 410 retires the feed (kept, not fetched); errors only push `nextDue` back.
    ///
    /// - Parameters:
    ///   - outcome: what the fetcher reported.
    ///   - body: for a 200, what parsing it gave (nil is taken as a usable body with no dates).
    public func update<Product>(
        _ state: FeedState, with outcome: FetchOutcome<Product>, body: BodySummary?, now: Date
    ) -> FeedState {
        var next = state
        next.lastAttempt = now
        if let status = outcome.head?.statusCode { next.lastStatus = status }
        if let permanent = outcome.permanentURL, permanent != state.url {
            if !next.aliases.contains(state.url) { next.aliases.append(state.url) }
            next.aliases.removeAll { $0 == permanent }
            next.url = permanent
        }
        switch outcome.status {
        case .fetched:
            if let failure = body?.failure {
                return failed(next, message: failure, retryAfter: nil, now: now)
            }
            next.etag = outcome.head?.etag
            next.lastModified = outcome.head?.lastModified
            if let body {
                next.ttlMinutes = body.ttlMinutes
                if let interval = Self.publishInterval(itemDates: body.itemDates) { next.publishInterval = interval }
                if let newest = body.itemDates.max() { next.newestItem = newest }
            }
            return succeeded(next, head: outcome.head, now: now)
        case .notModified:
            return succeeded(next, head: outcome.head, now: now)
        case .gone:
            next.retired = true
            next.lastError =
                "\(state.url): the server answered 410 Gone — the feed was retired; it is kept but no "
                + "longer fetched (`aggregator feeds reset` to try again, or remove it)"
            next.nextDue = nil
            return next
        case .deferred(let until):
            next.retryAfter = until
            next.nextDue = min(until, now.addingTimeInterval(maximumInterval))
            next.lastAttempt = state.lastAttempt
            return next
        case .failed(let error):
            return failed(next, message: error.description, retryAfter: outcome.head?.retryAfter, now: now)
        }
    }

    /// Clears errors and back-off (`feeds reset`): the feed is due now and no longer retired.
    public func reset(_ state: FeedState) -> FeedState {
        var next = state
        next.errorCount = 0
        next.lastError = nil
        next.retryAfter = nil
        next.retired = false
        next.nextDue = nil
        return next
    }

    /// Whether the feed should be fetched at `now` (retired feeds never are; `ignoringSchedule` is `--all`).
    public func isDue(_ state: FeedState, now: Date, ignoringSchedule: Bool = false) -> Bool {
        guard !state.retired else { return false }
        if ignoringSchedule { return true }
        if let retryAfter = state.retryAfter, retryAfter > now { return false }
        return (state.nextDue ?? .distantPast) <= now
    }

    private func succeeded(_ state: FeedState, head: ResponseHead?, now: Date) -> FeedState {
        var next = state
        next.lastSuccess = now
        next.errorCount = 0
        next.lastError = nil
        next.retryAfter = nil
        let interval = successInterval(
            ttlMinutes: next.ttlMinutes, freshness: head?.freshnessLifetime, publishInterval: next.publishInterval,
            newestItem: next.newestItem, now: now)
        next.nextDue = now.addingTimeInterval(interval)
        return next
    }

    private func failed(_ state: FeedState, message: String, retryAfter: Date?, now: Date) -> FeedState {
        var next = state
        next.errorCount += 1
        next.lastError = message
        next.retryAfter = retryAfter
        next.nextDue = nextDueAfterFailure(errorCount: next.errorCount, retryAfter: retryAfter, now: now)
        return next
    }
}
