import CXMLShim

/// Turns HTML fragments from feeds into plain text with libxml2's HTML parser (through CXMLShim's
/// `axml_text_extractor`; never the network).
///
/// Markup is stripped, `script`/`style`/`template` bodies dropped, every HTML entity decoded, block elements
/// separate words, and whitespace (including U+00A0) is collapsed to single spaces and trimmed. Input holding
/// neither `<` nor `&` skips libxml2 and is only whitespace-collapsed. The `String` is built once from the
/// extractor's UTF-8 buffer (invalid UTF-8 becomes U+FFFD).
///
/// The extractor reuses its C buffers between calls: create one per parse. It is not `Sendable`.
public final class TextExtractor {
    private let extractor: OpaquePointer?

    /// Creates an extractor with its own libxml2 HTML parser context.
    public init() {
        extractor = axml_text_extractor_create()
    }

    deinit {
        if let extractor { axml_text_extractor_free(extractor) }
    }

    /// Plain text of an HTML fragment given as UTF-8 bytes; "" for empty input.
    public func plainText(fromHTML bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        guard let extractor else { return Self.fallbackCollapse(bytes) }
        var length = 0
        guard let result = axml_text_extract(extractor, base, bytes.count, &length) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
    }

    /// Plain text of an HTML fragment; "" for empty input.
    public func plainText(fromHTML string: String) -> String {
        var copy = string
        return copy.withUTF8 { plainText(fromHTML: $0) }
    }

    /// Collapses whitespace only, without interpreting markup or entities (Atom `type="text"`, JSON
    /// `content_text`).
    public func collapsedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        guard let extractor else { return Self.fallbackCollapse(bytes) }
        var length = 0
        guard let result = axml_text_collapse(extractor, base, bytes.count, &length) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
    }
}

// MARK: - Fallback

extension TextExtractor {
    /// Whitespace collapse in Swift, used only if libxml2 could not create a parser context (out of memory).
    private static func fallbackCollapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
