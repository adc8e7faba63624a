import FeedModel
import Foundation

/// One stored link with what `claims list` / `claims show` need about its item.
public struct LinkedItem: Sendable, Hashable {
    /// The link.
    public var link: ClaimLink
    /// When the item was published (or first seen).
    public var date: Date
    /// The feed (source) it came from.
    public var feed: String
    /// The story cluster it belongs to, if the store clusters stories; items without one count alone.
    public var cluster: String?

    /// Creates a linked item.
    public init(link: ClaimLink, date: Date, feed: String, cluster: String? = nil) {
        self.link = link
        self.date = date
        self.feed = feed
        self.cluster = cluster
    }
}

/// Per-claim activity: counts per stance, independent sources, first and last seen, momentum
/// (what `aggregator claims list` prints), and the day-by-day timeline of `claims show`.
public struct ClaimActivity: Sendable, Hashable {
    /// The claim.
    public var claimID: String
    /// Links per stance.
    public var counts: [Stance: Int]
    /// Distinct story clusters (an item without a cluster is its own story).
    public var independentSources: Int
    /// The earliest item: its date, id and feed.
    public var firstSeen: (date: Date, itemID: String, feed: String)?
    /// The latest item's date.
    public var lastSeen: Date?
    /// Links in the last 7 days, and in the 28 days before them.
    public var lastWeek: Int
    /// Links in the 28 days before the last 7.
    public var previousFourWeeks: Int
    /// Per UTC day (`yyyy-mm-dd`, oldest first), links per stance.
    public var days: [(day: String, counts: [Stance: Int])]

    /// Aggregates the links of one claim as of `now`.
    public init(claimID: String, items: [LinkedItem], now: Date) {
        self.claimID = claimID
        let mine = items.filter { $0.link.claimID == claimID }.sorted { $0.date < $1.date }
        var counts: [Stance: Int] = [:]
        var clusters = Set<String>()
        var byDay: [String: [Stance: Int]] = [:]
        var week = 0
        var before = 0
        for item in mine {
            counts[item.link.stance, default: 0] += 1
            clusters.insert(item.cluster ?? "item:" + item.link.itemID)
            byDay[Self.day(item.date), default: [:]][item.link.stance, default: 0] += 1
            let age = now.timeIntervalSince(item.date)
            if age >= 0 && age < 7 * 86_400 {
                week += 1
            } else if age >= 7 * 86_400 && age < 35 * 86_400 {
                before += 1
            }
        }
        self.counts = counts
        independentSources = clusters.count
        firstSeen = mine.first.map { ($0.date, $0.link.itemID, $0.feed) }
        lastSeen = mine.last?.date
        lastWeek = week
        previousFourWeeks = before
        days = byDay.keys.sorted().map { ($0, byDay[$0] ?? [:]) }
    }

    /// Last week against the weekly average of the four weeks before: "rising", "falling", "steady", "new".
    public var momentum: String {
        let baseline = Double(previousFourWeeks) / 4
        if baseline == 0 { return lastWeek > 0 ? "new" : "quiet" }
        let ratio = Double(lastWeek) / baseline
        return ratio >= 1.5 ? "rising" : ratio <= 0.67 ? "falling" : "steady"
    }

    /// Days on which the balance of supports against disputes changed side, with the new side.
    public var balanceChanges: [(day: String, side: Stance)] {
        var out: [(day: String, side: Stance)] = []
        var previous: Stance?
        for (day, counts) in days {
            let net = (counts[.supports] ?? 0) - (counts[.disputes] ?? 0)
            guard net != 0 else { continue }
            let side: Stance = net > 0 ? .supports : .disputes
            if let previous, previous != side { out.append((day, side)) }
            previous = side
        }
        return out
    }

    /// The timeline as a terminal bar chart: one line per day, `█` supports, `▒` disputes, `░` mentions,
    /// scaled so the busiest day is `width` characters wide.
    public func chart(width: Int = 40) -> [String] {
        let busiest = days.map { $0.counts.values.reduce(0, +) }.max() ?? 0
        guard busiest > 0 else { return [] }
        let changes = Dictionary(balanceChanges.map { ($0.day, $0.side) }, uniquingKeysWith: { first, _ in first })
        return days.map { day, counts in
            var bar = ""
            for (stance, glyph) in [(Stance.supports, "█"), (.disputes, "▒"), (.mentions, "░")] {
                let count = counts[stance] ?? 0
                let cells = count == 0 ? 0 : max(1, Int((Double(count) * Double(width) / Double(busiest)).rounded()))
                bar += String(repeating: glyph, count: cells)
            }
            let numbers = "s\(counts[.supports] ?? 0) d\(counts[.disputes] ?? 0) m\(counts[.mentions] ?? 0)"
            var line = "\(day) \(bar.padding(toLength: width + 3, withPad: " ", startingAt: 0)) \(numbers)"
            if let side = changes[day] { line += "  ← balance turns to \(side.rawValue)" }
            return line
        }
    }

    private static func day(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func == (lhs: ClaimActivity, rhs: ClaimActivity) -> Bool {
        lhs.claimID == rhs.claimID && lhs.counts == rhs.counts && lhs.chart() == rhs.chart()
            && lhs.lastWeek == rhs.lastWeek && lhs.previousFourWeeks == rhs.previousFourWeeks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(claimID)
        hasher.combine(counts)
    }
}
