/// The one place feed text becomes HTML. Every string from a feed goes through `text(_:)` (element content and
/// attribute values alike); every link goes through `link(_:)`.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and drops control characters (keeping tab and newline), so the result
    /// is safe both as element content and inside a quoted attribute value.
    public static func text(_ string: String) -> String {
        var needsWork = false
        for scalar in string.unicodeScalars where needsEscaping(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return string }
        var result = ""
        result.reserveCapacity(string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if !isControl(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// The link escaped for an `href` attribute, or nil unless it is an absolute http or https URL without
    /// whitespace or control characters (so `javascript:` and `data:` links are never emitted).
    public static func link(_ url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard url.count > 8, !url.unicodeScalars.contains(where: { $0 == " " || isControl($0) }) else { return nil }
        return text(url)
    }

    private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": return true
        case "\t", "\n": return false
        default: return isControl(scalar)
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0x2028
            || scalar.value == 0x2029
    }
}
