import Claims
import FeedModel
import Foundation
import Testing

@Suite struct ClaimActivityTests {
    private func item(_ id: String, _ stance: Stance, day: Int, cluster: String? = nil) -> LinkedItem {
        let link = ClaimLink(
            itemID: id, claimID: "c", stance: stance, confidence: 0.7, terms: [], field: .title, snippet: "")
        // 2025-08-01T12:00:00Z plus `day` days.
        return LinkedItem(
            link: link, date: Date(timeIntervalSince1970: 1_754_049_600 + Double(day) * 86_400), feed: "f",
            cluster: cluster)
    }

    @Test func countsSourcesMomentumAndChart() throws {
        let items = [
            item("a", .supports, day: 0, cluster: "s1"), item("b", .supports, day: 0, cluster: "s1"),
            item("c", .disputes, day: 20), item("d", .disputes, day: 30), item("e", .disputes, day: 31),
            item("f", .mentions, day: 31),
        ]
        let now = Date(timeIntervalSince1970: 1_754_049_600 + 32 * 86_400)
        let activity = ClaimActivity(claimID: "c", items: items, now: now)
        #expect(activity.counts == [.supports: 2, .disputes: 3, .mentions: 1])
        #expect(activity.independentSources == 5)
        #expect(activity.firstSeen?.itemID == "a")
        #expect(activity.lastWeek == 3)
        #expect(activity.previousFourWeeks == 3)
        #expect(activity.momentum == "rising")
        #expect(activity.balanceChanges.map(\.day) == ["2025-08-21"])
        let chart = activity.chart(width: 4)
        #expect(chart.first == "2025-08-01 ████    s2 d0 m0")
        #expect(chart.last == "2025-09-01 ▒▒░░    s0 d1 m1")
        #expect(chart[1].hasSuffix("← balance turns to disputes"))
    }
}
