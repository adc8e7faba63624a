import FeedModel
import Foundation

/// When to fetch a feed next: politeness and back-off, as pure arithmetic (no clock, no I/O).
///
/// After a success the interval is the largest of the configured interval, the feed's RSS `<ttl>`, the server's
/// freshness lifetime (`Cache-Control: max-age`, else `Expires`), and an estimate from how often the feed really
/// publishes; then it is clamped to [`minimumInterval`, `maximumInterval`] (15 minutes to 24 hours).
/// After a failure the delay doubles with each consecutive error, from the success interval up to 24 hours,
/// and never ends before a `Retry-After` the host asked for (itself capped at 24 hours).
public struct FeedSchedule: Sendable, Hashable {
    /// The user's interval between fetches of one feed.
    public var configuredInterval: TimeInterval
    /// The shortest interval ever used (the clamp's floor).
    public var minimumInterval: TimeInterval
    /// The longest interval and the back-off cap.
    public var maximumInterval: TimeInterval

    /// 15 minutes configured, clamped to 15 minutes … 24 hours.
    public init(
        configuredInterval: TimeInterval = 15 * 60, minimumInterval: TimeInterval = 15 * 60,
        maximumInterval: TimeInterval = 24 * 3600
    ) {
        self.configuredInterval = configuredInterval
        self.minimumInterval = minimumInterval
        self.maximumInterval = maximumInterval
    }

    /// The interval after a successful fetch (200 or 304).
    ///
    /// - Parameters:
    ///   - ttlMinutes: RSS `<ttl>`.
    ///   - freshness: the server's freshness lifetime in seconds.
    ///   - publishInterval: the typical gap between the feed's items (see `publishInterval(itemDates:)`).
    ///   - newestItem: the date of the feed's newest item; a dormant feed is polled less often.
    ///   - now: the time of the fetch.
    public func successInterval(
        ttlMinutes: Int?, freshness: TimeInterval?, publishInterval: TimeInterval?, newestItem: Date?, now: Date
    ) -> TimeInterval {
        var interval = configuredInterval
        if let ttlMinutes, ttlMinutes > 0 { interval = max(interval, TimeInterval(ttlMinutes) * 60) }
        if let freshness, freshness > 0 { interval = max(interval, freshness) }
        // Poll about twice per typical publishing gap, and a quarter of the time since the feed last published.
        if let publishInterval, publishInterval > 0 { interval = max(interval, publishInterval / 2) }
        if let newestItem, newestItem < now { interval = max(interval, now.timeIntervalSince(newestItem) / 4) }
        return clamp(interval)
    }

    /// The delay after the `errorCount`-th consecutive failure (1 for the first).
    public func backoffInterval(errorCount: Int) -> TimeInterval {
        let base = clamp(configuredInterval)
        let doublings = min(max(errorCount - 1, 0), 16)
        return min(maximumInterval, base * pow(2, Double(doublings)))
    }

    /// The next due time after a failure, honouring the host's `Retry-After` (capped at `maximumInterval`).
    public func nextDueAfterFailure(errorCount: Int, retryAfter: Date?, now: Date) -> Date {
        var due = now.addingTimeInterval(backoffInterval(errorCount: errorCount))
        if let retryAfter {
            due = max(due, min(retryAfter, now.addingTimeInterval(maximumInterval)))
        }
        return due
    }

    /// The typical gap between items: the median gap between the most recent distinct item dates (up to 20).
    /// Nil with fewer than 3 dated items.
    public static func publishInterval(itemDates: [Date]) -> TimeInterval? {
        let recent = Array(Set(itemDates)).sorted(by: >).prefix(20)
        guard recent.count >= 3 else { return nil }
        var gaps: [TimeInterval] = []
        for (newer, older) in zip(recent, recent.dropFirst()) {
            gaps.append(newer.timeIntervalSince(older))
        }
        gaps.sort()
        return gaps[gaps.count / 2]
    }

    private func clamp(_ interval: TimeInterval) -> TimeInterval {
        min(maximumInterval, max(minimumInterval, interval))
    }
}
