/// Feed text made fit for a plain-text line: control characters and line breaks become spaces and runs of
/// whitespace collapse, so a hostile title cannot forge lines or terminal escapes. Nothing else changes:
/// `<script>` stays `<script>`.
enum PlainText {
    static func line(_ string: String) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        var pendingSpace = false
        for scalar in string.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || HTMLEscape.isControl(scalar) {
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

    /// An http(s) link as one line, or nil for other schemes (`javascript:` and the like are not shown).
    static func link(_ url: String?) -> String? {
        guard let url, HTMLEscape.link(url) != nil else { return nil }
        return line(url)
    }
}
