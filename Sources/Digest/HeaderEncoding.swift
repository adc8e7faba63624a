import Foundation

/// RFC 5322 header folding and RFC 2047 encoded words (UTF-8, base64) for header values that are not ASCII.
enum HeaderEncoding {
    /// Bytes of UTF-8 per encoded word: 39 bytes → 52 base64 characters → a 64-character word, so every folded
    /// line stays under 78 characters.
    private static let bytesPerWord = 39

    /// A complete header field, folded with CRLF + space; unstructured text (Subject) is encoded when needed.
    static func field(_ name: String, unstructured value: String) -> String {
        if isPlainASCII(value) {
            return fold(name + ": " + value)
        }
        let words = encodedWords(value)
        return name + ": " + words.joined(separator: "\r\n ")
    }

    /// A display name: as is when it is plain atoms, quoted when it has specials, encoded when not ASCII.
    static func phrase(_ text: String) -> String {
        guard isPlainASCII(text) else { return encodedWords(text).joined(separator: " ") }
        let specials = Set("()<>[]:;@\\,.\"")
        guard text.contains(where: { specials.contains($0) }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// True when `text` is printable ASCII with no sequence that a decoder would mistake for an encoded word.
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// `=?UTF-8?B?...?=` words, split between characters (never inside a UTF-8 sequence).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerWord { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// Folds a long ASCII header line at spaces so lines stay within 78 characters where possible.
    static func fold(_ line: String, limit: Int = 78) -> String {
        guard line.count > limit else { return line }
        var result = ""
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > limit {
                result += current + "\r\n"
                current = " " + word
            } else {
                current += " " + word
            }
        }
        return result + current
    }
}
