import Foundation

/// Dates as the digest prints them, computed without formatters (UTC throughout).
enum DigestTime {
    /// "2026-11-24 10:00 UTC".
    static func minute(_ date: Date) -> String {
        let stamp = date.rfc3339
        return "\(stamp.prefix(10)) \(stamp.dropFirst(11).prefix(5)) UTC"
    }

    /// "2026-11-24".
    static func day(_ date: Date) -> String {
        String(date.rfc3339.prefix(10))
    }

    /// RFC 5322 `Date:` value, e.g. "Wed, 25 Nov 2026 07:00:00 +0000".
    static func rfc5322(_ date: Date) -> String {
        let stamp = date.rfc3339  // 2026-11-25T07:00:00Z
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let parts = stamp.split(whereSeparator: { $0 == "-" || $0 == "T" })
        let month = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let weekday = weekdays[((days % 7) + 7) % 7]
        let year = parts.first.map(String.init) ?? "1970"
        let day = parts.count > 2 ? String(parts[2]) : "01"
        let time = stamp.dropFirst(11).prefix(8)
        return "\(weekday), \(day) \(months[max(0, min(11, month - 1))]) \(year) \(time) +0000"
    }
}
