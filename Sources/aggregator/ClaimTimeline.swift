import FeedModel
import Foundation

/// A claim's links counted per UTC day and stance over a window of days, drawn as horizontal bars, with the days
/// on which the running balance between supports and disputes changed sides.
struct ClaimTimeline {
    /// One day's counts, and the running totals of every link up to the end of that day.
    struct Day {
        var start: Date
        var supports = 0
        var disputes = 0
        var mentions = 0
        var runningSupports = 0
        var runningDisputes = 0
        /// Set when the side ahead differs from the previous day's.
        var change: String?

        var total: Int { supports + disputes + mentions }
    }

    /// Bars are at most this wide.
    static let width = 40
    static let legend = "█ supports  ▓ disputes  ░ mentions  ◆ balance changed"

    private(set) var days: [Day] = []

    /// Counts `evidence` into the `days` days ending with the day starting at `lastDay`.
    init(evidence: [ClaimStoreReader.Evidence], lastDay: Date, days count: Int) {
        let first = lastDay.addingTimeInterval(-Double(count - 1) * 86_400)
        days = (0..<count).map { Day(start: first.addingTimeInterval(Double($0) * 86_400)) }
        var priorSupports = 0
        var priorDisputes = 0
        for entry in evidence {
            let offset = Int((entry.time.timeIntervalSince(first) / 86_400).rounded(.down))
            if offset < 0 {
                if entry.link.stance == .supports { priorSupports += 1 }
                if entry.link.stance == .disputes { priorDisputes += 1 }
                continue
            }
            guard offset < count else { continue }
            switch entry.link.stance {
            case .supports: days[offset].supports += 1
            case .disputes: days[offset].disputes += 1
            case .mentions: days[offset].mentions += 1
            }
        }
        var supports = priorSupports
        var disputes = priorDisputes
        var leader = Self.leader(supports, disputes)
        for index in days.indices {
            supports += days[index].supports
            disputes += days[index].disputes
            days[index].runningSupports = supports
            days[index].runningDisputes = disputes
            let now = Self.leader(supports, disputes)
            if now != leader, days[index].supports + days[index].disputes > 0 {
                let before = Self.share(supports - days[index].supports, disputes - days[index].disputes)
                let after = Self.share(supports, disputes)
                var what: String
                switch (leader, now) {
                case (nil, "supports"?) where before == nil: what = "first sided links: supports lead"
                case (nil, "disputes"?) where before == nil: what = "first sided links: disputes lead"
                case (_, nil): what = "supports and disputes level"
                case (_, let side?): what = "\(side) overtook \(side == "supports" ? "disputes" : "supports")"
                }
                what += " (supports share \(before ?? "–") → \(after ?? "–"); \(supports) supports vs \(disputes) "
                what += "disputes so far)"
                days[index].change = what
            }
            leader = now
        }
    }

    var total: Int { days.reduce(0) { $0 + $1.total } }

    /// `2025-08-14: disputes overtook supports (…)` for each day the side ahead changed.
    var balanceChanges: [String] {
        days.compactMap { day in day.change.map { "\(TerminalText.day(day.start)): \($0)" } }
    }

    /// The chart: one line per day, then the legend.
    func render() -> String {
        let peak = days.map(\.total).max() ?? 0
        let scale = peak == 0 ? 1 : min(4, Double(Self.width) / Double(peak))
        var text = ""
        for day in days {
            var bar = ""
            for (count, glyph) in [(day.supports, "█"), (day.disputes, "▓"), (day.mentions, "░")] where count > 0 {
                bar += String(repeating: glyph, count: max(1, Int((Double(count) * scale).rounded())))
            }
            var line = "\(TerminalText.day(day.start)) │\(TerminalText.padded(bar, Self.width + 2))"
            if day.total > 0 {
                line += TerminalText.right(String(day.total), 3)
                line += "  \(day.supports)/\(day.disputes)/\(day.mentions)"
            }
            if day.change != nil { line += " ◆" }
            text += line.trimmingTrailingSpaces() + "\n"
        }
        text += "           └ " + Self.legend + "  (counts: supports/disputes/mentions)\n"
        return text
    }

    /// "supports" or "disputes" when one is ahead, nil when level.
    private static func leader(_ supports: Int, _ disputes: Int) -> String? {
        supports > disputes ? "supports" : disputes > supports ? "disputes" : nil
    }

    private static func share(_ supports: Int, _ disputes: Int) -> String? {
        supports + disputes == 0 ? nil : "\(Int((Double(supports) * 100 / Double(supports + disputes)).rounded()))%"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
