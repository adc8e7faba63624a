/// Decides which character encoding libxml2 must read an XML document in, from its first bytes.
///
/// The order: a byte-order mark; then a charset handed in from outside (HTTP `Content-Type`), which wins over
/// the declaration; then the XML declaration; then, for undeclared documents, valid UTF-8 wins and anything
/// else is guessed as windows-1251 (when the high bytes look like Cyrillic words) or windows-1252.
/// A document that declares UTF-8 (or US-ASCII) but whose bytes are not UTF-8 gets the same guess.
/// ISO-8859-1 is read as its superset windows-1252, as browsers do (the Encoding Standard), so the smart quotes
/// that such feeds carry in 0x80–0x9F come out right. Mojibake that is valid UTF-8 is never "repaired".
struct EncodingDetector {
    /// What was decided and why.
    struct Decision: Equatable {
        /// The encoding to force on libxml2, or nil to let libxml2 decide (BOM-marked documents).
        var forcedEncoding: String?
        /// Set when the decision was a guess or overrode the document; becomes a warning.
        var note: String?
    }

    /// How many leading bytes the detector looks at.
    static let sniffLength = 64 * 1024

    /// Decides from `head` (the first `sniffLength` bytes or the whole document if shorter).
    /// `isComplete` says whether `head` is the whole document (then a cut-off UTF-8 tail is an error).
    static func decide(head: UnsafeRawBufferPointer, outsideCharset: String?, isComplete: Bool) -> Decision {
        let bytes = head.bindMemory(to: UInt8.self)
        if hasByteOrderMark(bytes) {
            return Decision(forcedEncoding: nil, note: nil)
        }
        if let outside = outsideCharset.flatMap(normalized), !outside.isEmpty {
            return Decision(forcedEncoding: safeName(webName(outside), for: bytes), note: nil)
        }
        let declared = declaredEncoding(bytes).flatMap(normalized)
        if let declared, !isUTF8Label(declared) {
            return Decision(forcedEncoding: safeName(webName(declared), for: bytes), note: nil)
        }
        let guess = guess(head: head, isComplete: isComplete)
        if guess == "UTF-8" {
            return Decision(forcedEncoding: guess, note: nil)
        }
        let what = declared.map { "declares \($0) but its bytes are not valid UTF-8" } ?? "declares no encoding"
        return Decision(
            forcedEncoding: guess,
            note: "the document \(what); it was read as \(guess) (a guess, so some characters may be wrong)")
    }

    /// Judges by the bytes alone: UTF-8 when they are valid UTF-8, else windows-1251 or windows-1252.
    static func guess(head: UnsafeRawBufferPointer, isComplete: Bool) -> String {
        let bytes = head.bindMemory(to: UInt8.self)
        if isValidUTF8(bytes, allowTruncatedTail: !isComplete) { return "UTF-8" }
        return looksCyrillic(bytes) ? "windows-1251" : safeName("windows-1252", for: bytes)
    }

    /// windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined, and iconv stops the whole parse at
    /// one of them. It is used (for its smart quotes and dashes) only when the head has bytes in 0x80–0x9F
    /// and none of those five; otherwise ISO-8859-1, which decodes every byte.
    static func safeName(_ encoding: String, for bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard encoding == "windows-1252" else { return encoding }
        var usesC1Range = false
        for byte in bytes where byte >= 0x80 && byte <= 0x9F {
            if byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D { return "ISO-8859-1" }
            usesC1Range = true
        }
        return usesC1Range ? "windows-1252" : "ISO-8859-1"
    }

    /// The `encoding="…"` of an XML declaration at the start of `bytes` (after optional whitespace).
    static func declaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count && SAXBytes.isSpace(bytes[index]) { index += 1 }
        let prefix: [UInt8] = Array("<?xml".utf8)
        guard bytes.count - index > prefix.count + 1 else { return nil }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] {
            return nil
        }
        index += prefix.count
        let end = min(bytes.count, index + 256)
        let key: [UInt8] = Array("encoding".utf8)
        while index + key.count < end {
            if bytes[index] == 0x3F && bytes[index + 1] == 0x3E { return nil }  // "?>"
            var matches = true
            for offset in 0..<key.count where bytes[index + offset] != key[offset] {
                matches = false
                break
            }
            if !matches {
                index += 1
                continue
            }
            index += key.count
            while index < end && (SAXBytes.isSpace(bytes[index]) || bytes[index] == 0x3D) { index += 1 }
            guard index < end, bytes[index] == 0x22 || bytes[index] == 0x27 else { return nil }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < end && bytes[index] != quote { index += 1 }
            guard index < end, index > start else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        return nil
    }

    /// Whether `bytes` is well-formed UTF-8; a sequence cut off at the very end is accepted when allowed.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedTail: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while index < count {
            // ASCII fast path, eight bytes at a time.
            while index + 8 <= count
                && UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimumSecond: UInt8 = 0x80
            var maximumSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                minimumSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                maximumSecond = 0x9F
            case 0xF0:
                length = 4
                minimumSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                maximumSecond = 0x8F
            default: return false
            }
            for offset in 1..<length {
                guard index + offset < count else { return allowTruncatedTail }
                let byte = bytes[index + offset]
                let low = offset == 1 ? minimumSecond : 0x80
                let high = offset == 1 ? maximumSecond : 0xBF
                if byte < low || byte > high { return false }
            }
            index += length
        }
        return true
    }

    /// Cyrillic in windows-1251 is runs of bytes in 0xC0–0xFF; Western text in windows-1252 has isolated
    /// accented letters between ASCII ones. Most high bytes standing next to another one means Cyrillic.
    static func looksCyrillic(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high = 0
        var adjacent = 0
        var previousHigh = false
        for byte in bytes {
            let isHigh = byte >= 0xC0
            if isHigh {
                high += 1
                if previousHigh { adjacent += 1 }
            }
            previousHigh = isHigh
        }
        return high > 0 && adjacent * 2 >= high
    }

    private static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return true }
        if bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            return true
        }
        // UTF-16 without a BOM: "<" next to a NUL byte.
        return bytes.count >= 2 && ((bytes[0] == 0 && bytes[1] == 0x3C) || (bytes[0] == 0x3C && bytes[1] == 0))
    }

    private static func normalized(_ label: String) -> String? {
        let trimmed = label.trimmingASCIIWhitespaceAndQuotes()
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isUTF8Label(_ label: String) -> Bool {
        switch label.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8": return true
        default: return false
        }
    }

    /// Maps labels to the encoding browsers actually use for them (ISO-8859-1 and US-ASCII mean windows-1252).
    private static func webName(_ label: String) -> String {
        switch label.lowercased() {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819", "ibm819", "us-ascii",
            "ascii":
            return "windows-1252"
        case "utf8": return "UTF-8"
        case "cp1251", "win-1251", "x-cp1251": return "windows-1251"
        case "cp1252", "win-1252", "x-cp1252": return "windows-1252"
        default: return label
        }
    }
}

extension String {
    /// The string without surrounding ASCII whitespace and quotes (charset labels arrive in both).
    fileprivate func trimmingASCIIWhitespaceAndQuotes() -> String {
        let unwanted: Set<Character> = [" ", "\t", "\n", "\r", "\"", "'"]
        var slice = Substring(self)
        while let first = slice.first, unwanted.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, unwanted.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
