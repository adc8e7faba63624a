import FeedModel
import Foundation

/// Everything one digest shows, as a plain value: built from the store by `DigestReportBuilder`, rendered by
/// `TextDigestRenderer`, `HTMLDigestRenderer` and `MIMEDigestMessage`.
///
/// All strings are plain text exactly as the feeds gave them (untrusted); renderers escape them.
public struct DigestReport: Sendable, Hashable, Codable {
    /// The window the digest covers: items first seen in `[start, end)`.
    public var period: DateInterval
    public var generatedAt: Date
    public var counts: Counts
    /// Claims with activity in the period, most active (highest momentum) first.
    public var claims: [ClaimSummary]
    /// Other notable new items, grouped by feed; already capped.
    public var notableGroups: [FeedGroup]
    /// How many new items were left out of `notableGroups` by the cap.
    public var notableOmitted: Int
    public var feedHealth: FeedHealth

    public init(
        period: DateInterval, generatedAt: Date, counts: Counts, claims: [ClaimSummary] = [],
        notableGroups: [FeedGroup] = [], notableOmitted: Int = 0, feedHealth: FeedHealth = FeedHealth()
    ) {
        self.period = period
        self.generatedAt = generatedAt
        self.counts = counts
        self.claims = claims
        self.notableGroups = notableGroups
        self.notableOmitted = notableOmitted
        self.feedHealth = feedHealth
    }

    /// True when there is nothing to report: no new items, no claim activity and healthy feeds.
    public var isEmpty: Bool {
        counts.newItems == 0 && claims.isEmpty && feedHealth.failing.isEmpty && feedHealth.retired.isEmpty
    }
}

extension DigestReport {
    /// The headline numbers.
    public struct Counts: Sendable, Hashable, Codable {
        /// Items first seen in the period.
        public var newItems: Int
        /// Claims with at least one link from a new item.
        public var claimsTouched: Int
        /// Feeds that linked to some claim in the period and never linked to it before.
        public var newSources: Int

        public init(newItems: Int, claimsTouched: Int, newSources: Int) {
            self.newItems = newItems
            self.claimsTouched = claimsTouched
            self.newSources = newSources
        }
    }

    /// How many links took each stance.
    public struct StanceTally: Sendable, Hashable, Codable {
        public var supports: Int
        public var disputes: Int
        public var mentions: Int

        public init(supports: Int = 0, disputes: Int = 0, mentions: Int = 0) {
            self.supports = supports
            self.disputes = disputes
            self.mentions = mentions
        }

        public var total: Int { supports + disputes + mentions }

        /// Adds one link of `stance`.
        public mutating func add(_ stance: Stance) {
            switch stance {
            case .supports: supports += 1
            case .disputes: disputes += 1
            case .mentions: mentions += 1
            }
        }

        /// The share of supporting links among those that take a side (0...1), or nil when none does.
        public var supportShare: Double? {
            let sided = supports + disputes
            return sided == 0 ? nil : Double(supports) / Double(sided)
        }
    }

    /// One claim's activity in the period.
    public struct ClaimSummary: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        /// The ranking score (see `DigestReportBuilder` for the formula); higher is more active.
        public var momentum: Double
        /// Links from items new in the period.
        public var tally: StanceTally
        /// Distinct outlets (feed hosts) among the period's links.
        public var independentSources: Int
        /// Titles of feeds that linked to this claim in the period for the first time.
        public var newSources: [String]
        /// The earliest item ever linked, when that happened in the period (the claim is new).
        public var firstSeen: Evidence?
        /// The strongest link of the period.
        public var bestEvidence: Evidence?
        public var balance: BalanceChange
        /// 14 UTC days ending with the period's last day, oldest first.
        public var activity: [DayActivity]

        public init(
            id: String, title: String, momentum: Double, tally: StanceTally, independentSources: Int,
            newSources: [String], firstSeen: Evidence?, bestEvidence: Evidence?, balance: BalanceChange,
            activity: [DayActivity]
        ) {
            self.id = id
            self.title = title
            self.momentum = momentum
            self.tally = tally
            self.independentSources = independentSources
            self.newSources = newSources
            self.firstSeen = firstSeen
            self.bestEvidence = bestEvidence
            self.balance = balance
            self.activity = activity
        }

        /// True when the first item ever linked to the claim arrived in this period.
        public var isNew: Bool { firstSeen != nil }
    }

    /// One item shown as evidence or as a notable item.
    public struct Evidence: Sendable, Hashable, Codable {
        public var itemID: String
        public var title: String
        /// The matched sentence(s); empty for notable items without a link.
        public var snippet: String
        public var stance: Stance?
        public var feedTitle: String
        /// When the item was published (or first seen when it carries no date).
        public var time: Date
        /// The item's link; renderers show only http and https links.
        public var link: String?

        public init(
            itemID: String, title: String, snippet: String, stance: Stance?, feedTitle: String, time: Date,
            link: String?
        ) {
            self.itemID = itemID
            self.title = title
            self.snippet = snippet
            self.stance = stance
            self.feedTitle = feedTitle
            self.time = time
            self.link = link
        }
    }

    /// The stance balance of a claim before the period and at its end (all links up to then).
    public struct BalanceChange: Sendable, Hashable, Codable {
        public var before: StanceTally
        public var after: StanceTally

        public init(before: StanceTally, after: StanceTally) {
            self.before = before
            self.after = after
        }

        /// True when the share of supporting links moved by at least 10 points, or appeared or flipped side.
        public var isSignificant: Bool {
            switch (before.supportShare, after.supportShare) {
            case (nil, nil): return false
            case (nil, _?), (_?, nil): return before.total > 0
            case (let old?, let new?):
                return abs(new - old) >= 0.1 || (old < 0.5) != (new < 0.5)
            }
        }
    }

    /// One UTC day of a claim's links, split by stance.
    public struct DayActivity: Sendable, Hashable, Codable {
        /// Midnight UTC starting the day.
        public var day: Date
        public var tally: StanceTally

        public init(day: Date, tally: StanceTally) {
            self.day = day
            self.tally = tally
        }
    }

    /// New items of one feed.
    public struct FeedGroup: Sendable, Hashable, Codable {
        public var feedTitle: String
        public var items: [Evidence]
        /// New items of this feed not listed.
        public var omitted: Int

        public init(feedTitle: String, items: [Evidence], omitted: Int) {
            self.feedTitle = feedTitle
            self.items = items
            self.omitted = omitted
        }
    }

    /// The feed-health footer.
    public struct FeedHealth: Sendable, Hashable, Codable {
        public var failing: [FailingFeed]
        /// Feeds that answered 410 Gone and are no longer fetched.
        public var retired: [RetiredFeed]

        public init(failing: [FailingFeed] = [], retired: [RetiredFeed] = []) {
            self.failing = failing
            self.retired = retired
        }
    }

    /// A feed whose last fetches failed.
    public struct FailingFeed: Sendable, Hashable, Codable {
        public var title: String
        public var url: String
        public var error: String
        /// Consecutive failures.
        public var failures: Int
        public var lastSuccess: Date?

        public init(title: String, url: String, error: String, failures: Int, lastSuccess: Date?) {
            self.title = title
            self.url = url
            self.error = error
            self.failures = failures
            self.lastSuccess = lastSuccess
        }
    }

    /// A feed that is kept but no longer fetched.
    public struct RetiredFeed: Sendable, Hashable, Codable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }
}
