import Foundation

/// Where a digest's period starts: `last` (the mark left by the last sent or marked digest), a duration
/// before now (`24h`, `7d`, `90m`), or a date (`2026-11-24` at midnight UTC, or RFC 3339 `2026-11-24T07:00:00Z`).
public enum DigestSince: Sendable, Hashable, CustomStringConvertible {
    case last
    case duration(seconds: Int)
    case date(Date)

    /// Parses a `--since` value.
    public init(parsing text: String) throws(DigestSinceError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value == "last" {
            self = .last
            return
        }
        if let unit = value.last, let count = Int(value.dropLast()), count > 0 {
            let multiplier: Int? =
                switch unit {
                case "m": 60
                case "h": 3600
                case "d": 86_400
                default: nil
                }
            if let multiplier {
                self = .duration(seconds: count * multiplier)
                return
            }
        }
        let formatter = ISO8601DateFormatter()
        if value.count == 10 {
            formatter.formatOptions = [.withFullDate]
        }
        formatter.timeZone = TimeZone(identifier: "UTC")
        if let date = formatter.date(from: value) {
            self = .date(date)
            return
        }
        throw DigestSinceError(value: text)
    }

    /// The period from this start to `now`. `last` with no mark yet means the last 24 hours.
    public func period(now: Date, lastMark: Date?) -> DateInterval {
        let start: Date
        switch self {
        case .last: start = lastMark ?? now.addingTimeInterval(-86_400)
        case .duration(let seconds): start = now.addingTimeInterval(-Double(seconds))
        case .date(let date): start = date
        }
        return DateInterval(start: min(start, now), end: now)
    }

    public var description: String {
        switch self {
        case .last: return "last"
        case .duration(let seconds): return "\(seconds)s"
        case .date(let date): return date.rfc3339
        }
    }
}

/// A `--since` value that is none of `last`, `<N>m|h|d` or a date.
public struct DigestSinceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String

    public var description: String {
        "cannot read --since \"\(value)\": use last, a duration such as 24h or 7d, or a date such as 2026-11-24 "
            + "or 2026-11-24T07:00:00Z"
    }
}
