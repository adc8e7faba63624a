import Digest
import Foundation

/// `--since` and `--until` values of the claim commands: a duration before now (`90m`, `24h`, `7d`) or a date
/// (`2025-08-15`, midnight UTC, or RFC 3339 `2025-08-15T07:00:00Z`).
enum ClaimDates {
    /// The instant a `--since` value names, counted back from `now`.
    static func since(_ text: String, now: Date) throws(ClaimCommandFailure) -> Date {
        switch try? DigestSince(parsing: text) {
        case .duration(let seconds): return now.addingTimeInterval(-Double(seconds))
        case .date(let date): return date
        default:
            throw ClaimCommandFailure(
                "--since \(text): not a duration or a date — use e.g. 7d, 24h, 2025-08-15 or 2025-08-15T07:00:00Z")
        }
    }

    /// The instant an `--until` value names: a date (a whole day counts to its end), or now when absent.
    static func until(_ text: String?, now: Date) throws(ClaimCommandFailure) -> Date {
        guard let text else { return now }
        guard case .date(let date) = try? DigestSince(parsing: text) else {
            throw ClaimCommandFailure(
                "--until \(text): not a date — use e.g. 2025-08-20 (the whole day) or 2025-08-20T12:00:00Z")
        }
        return text.count == 10 ? date.addingTimeInterval(86_400 - 1) : date
    }

    /// Midnight UTC of the day holding `date`.
    static func dayStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
