/// Recognises what kind of document the first bytes belong to, before any parser runs.
///
/// Works on partial input: it asks for more bytes rather than guessing. Whitespace and a UTF-8 BOM before the
/// first meaningful byte are skipped; UTF-16/UTF-32 input (a BOM or NUL bytes around `<`) is XML.
enum FeedSniffer {
    enum Verdict {
        case needMoreBytes
        case xml
        case json
        case notAFeed(FeedParseError)
    }

    static func sniff(_ bytes: [UInt8], isComplete: Bool) -> Verdict {
        // A byte-order mark or UTF-16 pattern may still be arriving.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if !isComplete && bytes.count < 3 && bytes.elementsEqual(bom.prefix(bytes.count)) { return .needMoreBytes }
        if !isComplete && bytes.count < 2 && (bytes.first == 0xFE || bytes.first == 0xFF || bytes.first == 0) {
            return .needMoreBytes
        }
        if bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            return .xml
        }
        if bytes.count >= 2 && ((bytes[0] == 0 && bytes[1] == 0x3C) || (bytes[0] == 0x3C && bytes[1] == 0)) {
            return .xml
        }
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        while index < bytes.count && SAXBytes.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .needMoreBytes }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json
        case UInt8(ascii: "<"):
            return sniffMarkup(bytes, from: index, isComplete: isComplete)
        default:
            return .notAFeed(
                FeedParseError(
                    .notAFeed,
                    reason: "the document is neither XML nor JSON (it starts with \(describe(bytes[index])))",
                    hint: "check that the URL or file is a feed; a feed starts with '<' (RSS, Atom) or '{' (JSON Feed)"
                ))
        }
    }

    /// HTML pages are recognised by `<!DOCTYPE html` or `<html` at the start; XHTML declared as XML is caught
    /// later by its root element.
    private static func sniffMarkup(_ bytes: [UInt8], from start: Int, isComplete: Bool) -> Verdict {
        let available = bytes.count - start
        for marker in ["<!doctype html", "<html"] {
            let pattern = Array(marker.utf8)
            let length = min(available, pattern.count)
            var matches = true
            for offset in 0..<length where SAXBytes.lowercased(bytes[start + offset]) != pattern[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            if length < pattern.count { return isComplete ? .xml : .needMoreBytes }
            let next = start + pattern.count
            if next < bytes.count, !(SAXBytes.isSpace(bytes[next]) || bytes[next] == 0x3E) { continue }
            if next >= bytes.count && !isComplete { return .needMoreBytes }
            return .notAFeed(
                FeedParseError(
                    .notAFeed, reason: "this is an HTML web page, not a feed",
                    hint: "open the page and use the address of its RSS or Atom feed"
                        + " (its <link rel=\"alternate\" type=\"application/rss+xml\"> element)"))
        }
        return .xml
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
