import Foundation

/// Feed text made safe and tidy for a terminal line: control characters (escape sequences included) and line
/// breaks become spaces, whitespace runs collapse, and long text is cut with an ellipsis.
enum TerminalText {
    static func line(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if scalar == " " || isControl || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result += " "
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// `line(text)`, at most `limit` characters (an ellipsis marks the cut).
    static func line(_ text: String, limit: Int) -> String {
        let clean = line(text)
        return clean.count <= limit ? clean : String(clean.prefix(max(0, limit - 1))) + "…"
    }

    /// Pads (or cuts) to exactly `width` characters.
    static func padded(_ text: String, _ width: Int) -> String {
        let cut = line(text, limit: width)
        return cut + String(repeating: " ", count: max(0, width - cut.count))
    }

    /// Right-aligns in `width` characters.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `2025-08-15 09:30` in UTC.
    static func minute(_ date: Date) -> String {
        let text = date.rfc3339
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    /// `2025-08-15` in UTC.
    static func day(_ date: Date) -> String {
        String(date.rfc3339.prefix(10))
    }

    /// A link worth printing: http(s) only.
    static func link(_ url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return line(url)
    }
}
