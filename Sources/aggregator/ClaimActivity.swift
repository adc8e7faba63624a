import FeedModel
import Foundation

/// One claim's links summarised for `claims list` and `claims show`: counts per stance, independent sources,
/// first and last item, momentum. Times are the items' times (published, else first seen).
struct ClaimActivity {
    /// How the last 7 days compare with the 28 before them.
    enum Trend: String, Encodable {
        /// More than 1.25 times the earlier weekly rate.
        case up
        /// Less than 0.8 times the earlier weekly rate.
        case down
        case steady
        /// Items in the last 7 days, none in the 28 before.
        case new
        /// No items in either stretch.
        case none
    }

    var claim: Claim
    /// Newest first.
    var evidence: [ClaimStoreReader.Evidence]
    var independentSources: Int
    var lastWeek = 0
    var previousFourWeeks = 0

    init(claim: Claim, evidence: [ClaimStoreReader.Evidence], independentSources: Int, until: Date) {
        self.claim = claim
        self.evidence = evidence
        self.independentSources = independentSources
        let weekStart = until.addingTimeInterval(-7 * 86_400)
        let earlierStart = weekStart.addingTimeInterval(-28 * 86_400)
        for entry in evidence where entry.time <= until {
            if entry.time > weekStart {
                lastWeek += 1
            } else if entry.time > earlierStart {
                previousFourWeeks += 1
            }
        }
    }

    func count(_ stance: Stance) -> Int {
        evidence.count { $0.link.stance == stance }
    }

    var first: ClaimStoreReader.Evidence? { evidence.last }
    var last: ClaimStoreReader.Evidence? { evidence.first }

    /// The last 7 days' count over the weekly average of the 28 days before; nil when that average is 0.
    var momentum: Double? {
        previousFourWeeks == 0 ? nil : Double(lastWeek) / (Double(previousFourWeeks) / 4)
    }

    var trend: Trend {
        guard let momentum else { return lastWeek > 0 ? .new : .none }
        if momentum >= 1.25 { return .up }
        if momentum <= 0.8 { return .down }
        return .steady
    }

    /// `↑ ×2.0`, `↓ ×0.5`, `→ ×1.0`, `↑ new`, `·`.
    var momentumText: String {
        switch trend {
        case .none: return "·"
        case .new: return "↑ new"
        case .up, .down, .steady:
            let arrow = trend == .up ? "↑" : trend == .down ? "↓" : "→"
            return arrow + " ×" + String(format: "%.1f", momentum ?? 0)
        }
    }

    /// The links worth quoting first: highest confidence, a side taken (+0.25), then newest.
    func bestEvidence(_ count: Int) -> [ClaimStoreReader.Evidence] {
        func score(_ entry: ClaimStoreReader.Evidence) -> Double {
            entry.link.confidence + (entry.link.stance == .mentions ? 0 : 0.25)
        }
        let ranked = evidence.enumerated().sorted { lhs, rhs in
            let (left, right) = (score(lhs.element), score(rhs.element))
            return left != right ? left > right : lhs.offset < rhs.offset
        }
        return ranked.prefix(count).map(\.element)
    }
}
