/// An element's captured text, not yet turned into plain text. Items keep their big text fields in this form
/// until they are built, so the costly HTML-to-text step can run on another thread (`ItemPipeline`).
struct PendingText: Sendable {
    /// The element's character data (UTF-8), entities already decoded by the XML parser.
    var bytes: [UInt8]
    /// True for escaped HTML (markup stripped by libxml2's HTML parser); false when only whitespace is
    /// collapsed (plain text, or markup that was real XML elements and is already flattened).
    var interpretsHTML: Bool

    /// The plain text, or nil when nothing is left.
    func plainText(_ extractor: TextExtractor) -> String? {
        let text = bytes.withUnsafeBufferPointer { buffer in
            interpretsHTML ? extractor.plainText(fromHTML: buffer) : extractor.collapsedText(buffer)
        }
        return text.isEmpty ? nil : text
    }
}
