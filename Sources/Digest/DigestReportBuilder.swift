import FeedModel
import Foundation

/// Builds a `DigestReport` from plain arrays in a few linear passes (no sorting of the whole store).
///
/// Rules:
/// - An item belongs to the period when its `firstSeen` is in `[period.start, period.end)`; links count for the
///   period of their item. Items seen after the period's end are ignored entirely. The activity series places
///   an item on the day it was published (never later than first seen).
/// - A claim is listed when a new item links to it. Its momentum is the sum of the confidences of the period's
///   links + 1 per independent source (distinct site host) + 0.5 per new source + 1 when its stance balance
///   changed significantly. Claims are sorted by momentum, then id.
/// - Best evidence: the period's link with the highest confidence, +0.25 when it takes a side; ties go to the
///   most recent item.
/// - Notable items: new items not shown as evidence, ranked by how many claims they link to, then recency;
///   at most `notablePerFeed` per feed, `notableFeeds` feeds and `notableTotal` items.
public struct DigestReportBuilder: Sendable {
    public var notablePerFeed: Int
    public var notableFeeds: Int
    public var notableTotal: Int
    /// Days in each claim's activity series.
    public var activityDays: Int

    public init(notablePerFeed: Int = 3, notableFeeds: Int = 10, notableTotal: Int = 25, activityDays: Int = 14) {
        self.notablePerFeed = max(0, notablePerFeed)
        self.notableFeeds = max(0, notableFeeds)
        self.notableTotal = max(0, notableTotal)
        self.activityDays = max(1, activityDays)
    }

    /// Builds the report for `period` from `input`.
    public func build(_ input: DigestInput, period: DateInterval, generatedAt: Date) -> DigestReport {
        var context = Context(input: input, period: period, activityDays: activityDays)
        context.resolveItems()
        context.accumulateLinks()

        var claims: [DigestReport.ClaimSummary] = []
        var newSourceFeeds = Set<Int>()
        var shownItems = Set<Int>()
        for index in context.accumulators.indices where context.accumulators[index].tally.total > 0 {
            let summary = context.summary(ofClaim: index, newSourceFeeds: &newSourceFeeds, shownItems: &shownItems)
            claims.append(summary)
        }
        claims.sort { $0.momentum != $1.momentum ? $0.momentum > $1.momentum : $0.id < $1.id }

        let (groups, omitted) = notable(context, excluding: shownItems)
        return DigestReport(
            period: period, generatedAt: generatedAt,
            counts: .init(
                newItems: context.newItems.count, claimsTouched: claims.count, newSources: newSourceFeeds.count),
            claims: claims, notableGroups: groups, notableOmitted: omitted,
            feedHealth: Self.feedHealth(input.feeds)
        )
    }
}

// MARK: - Notable items and feed health

extension DigestReportBuilder {
    private func notable(_ context: Context, excluding shown: Set<Int>) -> ([DigestReport.FeedGroup], Int) {
        // Candidates per feed with their sort keys computed once: more claim links first, then most recent.
        struct Candidate {
            var links: Int
            var time: Date
            var item: Int
        }
        func better(_ lhs: Candidate, _ rhs: Candidate) -> Bool {
            if lhs.links != rhs.links { return lhs.links > rhs.links }
            return lhs.time != rhs.time ? lhs.time > rhs.time : lhs.item < rhs.item
        }
        var perFeed: [Int: [Candidate]] = [:]
        var candidateCount = 0
        for itemIndex in context.newItems where !shown.contains(itemIndex) {
            let candidate = Candidate(
                links: context.linkCount[itemIndex], time: context.displayTime(itemIndex), item: itemIndex)
            perFeed[context.itemFeed[itemIndex], default: []].append(candidate)
            candidateCount += 1
        }
        var ranked: [(feed: Int, items: [Candidate], total: Int)] = perFeed.map { feed, candidates in
            (feed, Array(candidates.sorted(by: better).prefix(notablePerFeed)), candidates.count)
        }
        ranked.removeAll { $0.items.isEmpty }
        ranked.sort { lhs, rhs in
            guard let left = lhs.items.first, let right = rhs.items.first else { return lhs.feed < rhs.feed }
            return better(left, right)
        }

        var groups: [DigestReport.FeedGroup] = []
        var listed = 0
        for entry in ranked.prefix(notableFeeds) where listed < notableTotal {
            let items = entry.items.prefix(notableTotal - listed)
            listed += items.count
            groups.append(
                .init(
                    feedTitle: context.feedTitle(entry.feed),
                    items: items.map { context.evidence(item: $0.item, link: nil) },
                    omitted: entry.total - items.count))
        }
        return (groups, candidateCount - listed)
    }

    private static func feedHealth(_ feeds: [DigestInput.Feed]) -> DigestReport.FeedHealth {
        var failing: [DigestReport.FailingFeed] = []
        var retired: [DigestReport.RetiredFeed] = []
        for feed in feeds {
            if feed.state.retired {
                retired.append(.init(title: feed.displayTitle, url: feed.state.url))
            } else if feed.state.errorCount > 0 {
                failing.append(
                    .init(
                        title: feed.displayTitle, url: feed.state.url, error: feed.state.lastError ?? "unknown error",
                        failures: feed.state.errorCount, lastSuccess: feed.state.lastSuccess))
            }
        }
        failing.sort { $0.failures != $1.failures ? $0.failures > $1.failures : $0.title < $1.title }
        retired.sort { $0.title != $1.title ? $0.title < $1.title : $0.url < $1.url }
        return .init(failing: failing, retired: retired)
    }
}

// MARK: - The passes over the input

extension DigestReportBuilder {
    /// Per-claim running totals.
    fileprivate struct Accumulator {
        var tally = DigestReport.StanceTally()
        var before = DigestReport.StanceTally()
        var confidence = 0.0
        var activity: [DigestReport.StanceTally]
        var feedsInPeriod = Set<Int>()
        var feedsBefore = Set<Int>()
        var earliest: (time: Date, link: Int)?
        var best: (score: Double, time: Date, link: Int)?

        init(days: Int) {
            activity = Array(repeating: DigestReport.StanceTally(), count: days)
        }

        /// Counts one link of an item first seen at `seen` (before the period's end) in place.
        mutating func add(
            _ link: ClaimLink, index: Int, seen: Date, inPeriod: Bool, feed: Int, day: Int?, time: Date
        ) {
            if earliest.map({ seen < $0.time }) ?? true { earliest = (seen, index) }
            if let day { activity[day].add(link.stance) }
            guard inPeriod else {
                before.add(link.stance)
                if feed >= 0 { feedsBefore.insert(feed) }
                return
            }
            tally.add(link.stance)
            confidence += link.confidence
            if feed >= 0 { feedsInPeriod.insert(feed) }
            let score = link.confidence + (link.stance == .mentions ? 0 : 0.25)
            if best.map({ score > $0.score || (score == $0.score && time > $0.time) }) ?? true {
                best = (score, time, index)
            }
        }
    }

    fileprivate struct Context {
        let input: DigestInput
        let period: DateInterval
        let activityDays: Int
        /// Per link: the index of its item (the first with its id; -1: unknown).
        var linkItem: [Int] = []
        /// Per item: index into `input.feeds` (-1: unknown feed) and how many links it has.
        var itemFeed: [Int]
        var linkCount: [Int]
        var newItems: [Int] = []
        var feedIndex: [String: Int] = [:]
        var claimIndex: [String: Int] = [:]
        var accumulators: [Accumulator]
        /// The first day (days since 1970, UTC) of the activity series.
        let firstDay: Int

        init(input: DigestInput, period: DateInterval, activityDays: Int) {
            self.input = input
            self.period = period
            self.activityDays = activityDays
            itemFeed = Array(repeating: -1, count: input.items.count)
            linkCount = Array(repeating: 0, count: input.items.count)
            accumulators = Array(repeating: Accumulator(days: activityDays), count: input.claims.count)
            let lastSecond = max(period.start.timeIntervalSince1970, period.end.timeIntervalSince1970 - 1)
            firstDay = Self.day(lastSecond) - activityDays + 1
            for (index, feed) in input.feeds.enumerated() where feedIndex[feed.key] == nil {
                feedIndex[feed.key] = index
            }
            for (index, claim) in input.claims.enumerated() where claimIndex[claim.id] == nil {
                claimIndex[claim.id] = index
            }
        }

        static func day(_ seconds: Double) -> Int {
            Int((seconds / 86_400).rounded(.down))
        }

        /// Pass 1 over links (ids they need) and pass over items (resolve those ids, find new items); or, when
        /// the input says which item each link is, one pass over items.
        mutating func resolveItems() {
            var linked = [Bool](repeating: false, count: input.items.count)
            if let given = input.linkItems, given.count == input.links.count {
                linkItem = given.map { $0 >= 0 && $0 < input.items.count ? $0 : -1 }
                for index in linkItem where index >= 0 { linked[index] = true }
            } else {
                var slots = ItemIDTable(capacity: input.links.count)
                let linkSlot = input.links.map { slots.insert($0.itemID) }
                var slotItem = Array(repeating: -1, count: slots.count)
                for index in input.items.indices {
                    if let slot = slots.slot(of: input.items[index].id), slotItem[slot] < 0 {
                        slotItem[slot] = index
                        linked[index] = true
                    }
                }
                linkItem = linkSlot.map { slotItem[$0] }
            }
            let start = period.start
            let end = period.end
            // Items of one feed tend to come together: remember the last feed looked up.
            var lastFeed: (key: String, index: Int)?
            for index in input.items.indices {
                var needsFeed = linked[index]
                let seen = input.items[index].firstSeen
                if seen >= start && seen < end {
                    newItems.append(index)
                    needsFeed = true
                }
                guard needsFeed else { continue }
                let key = input.items[index].feedKey
                if let lastFeed, lastFeed.key == key {
                    itemFeed[index] = lastFeed.index
                } else {
                    itemFeed[index] = feedIndex[key] ?? -1
                    lastFeed = (key, itemFeed[index])
                }
            }
        }

        /// Pass 2 over links: per-claim tallies, sources, activity, evidence.
        mutating func accumulateLinks() {
            let start = period.start
            let end = period.end
            for (linkIndex, link) in input.links.enumerated() {
                guard let claim = claimIndex[link.claimID] else { continue }
                let itemIndex = linkItem[linkIndex]
                guard itemIndex >= 0 else { continue }
                let seen = input.items[itemIndex].firstSeen
                guard seen < end else { continue }
                let feed = itemFeed[itemIndex]
                let day = Self.day(activityTime(itemIndex).timeIntervalSince1970) - firstDay
                if seen >= start { linkCount[itemIndex] += 1 }
                accumulators[claim].add(
                    link, index: linkIndex, seen: seen, inPeriod: seen >= start, feed: feed,
                    day: day >= 0 && day < activityDays ? day : nil, time: displayTime(itemIndex))
            }
        }

        func summary(
            ofClaim index: Int, newSourceFeeds: inout Set<Int>, shownItems: inout Set<Int>
        ) -> DigestReport.ClaimSummary {
            let accumulator = accumulators[index]
            let claim = input.claims[index]
            var hosts = Set<String>()
            var newFeeds: [Int] = []
            for feed in accumulator.feedsInPeriod {
                hosts.insert(input.feeds[feed].host ?? input.feeds[feed].state.url)
                if !accumulator.feedsBefore.contains(feed) { newFeeds.append(feed) }
            }
            newSourceFeeds.formUnion(newFeeds)
            var after = accumulator.before
            after.supports += accumulator.tally.supports
            after.disputes += accumulator.tally.disputes
            after.mentions += accumulator.tally.mentions
            let balance = DigestReport.BalanceChange(before: accumulator.before, after: after)

            var firstSeen: DigestReport.Evidence?
            if let earliest = accumulator.earliest, earliest.time >= period.start {
                firstSeen = evidence(link: earliest.link, shown: &shownItems)
            }
            let best = accumulator.best.flatMap { evidence(link: $0.link, shown: &shownItems) }
            let momentum =
                accumulator.confidence + Double(hosts.count) + 0.5 * Double(newFeeds.count)
                + (balance.isSignificant ? 1 : 0)
            let activity = accumulator.activity.enumerated().map { offset, tally in
                DigestReport.DayActivity(
                    day: Date(timeIntervalSince1970: Double(firstDay + offset) * 86_400), tally: tally)
            }
            return .init(
                id: claim.id, title: claim.title, momentum: (momentum * 1000).rounded() / 1000,
                tally: accumulator.tally, independentSources: hosts.count,
                newSources: newFeeds.map { feedTitle($0) }.sorted(), firstSeen: firstSeen, bestEvidence: best,
                balance: balance, activity: activity)
        }

        private func evidence(link linkIndex: Int, shown: inout Set<Int>) -> DigestReport.Evidence? {
            let itemIndex = linkItem[linkIndex]
            guard itemIndex >= 0 else { return nil }
            shown.insert(itemIndex)
            return evidence(item: itemIndex, link: input.links[linkIndex])
        }

        func evidence(item index: Int, link: ClaimLink?) -> DigestReport.Evidence {
            let item = input.items[index].item
            return .init(
                itemID: input.items[index].id, title: DigestReport.Evidence.title(of: item),
                snippet: link?.snippet ?? "", stance: link?.stance, feedTitle: feedTitle(itemFeed[index]),
                time: displayTime(index), link: item.link)
        }

        func feedTitle(_ feed: Int) -> String {
            feed >= 0 ? input.feeds[feed].displayTitle : "unknown feed"
        }

        /// When an item counts in the activity series: its publication time, but never after it was first seen
        /// (a future-dated post) — so a new feed's backlog spreads over the days it was written, not one spike.
        func activityTime(_ index: Int) -> Date {
            let firstSeen = input.items[index].firstSeen
            guard let published = input.items[index].item.published ?? input.items[index].item.updated else {
                return firstSeen
            }
            return min(published, firstSeen)
        }

        func displayTime(_ index: Int) -> Date {
            input.items[index].item.published ?? input.items[index].item.updated ?? input.items[index].firstSeen
        }
    }
}
