/// How a document is to be parsed.
public struct ParseOptions: Sendable, Hashable {
    /// The default size guard: 64 MiB.
    public static let defaultMaxBytes = 64 * 1024 * 1024

    /// The URL the document came from: relative links are resolved against it (after any `xml:base`).
    public var documentURL: String?
    /// A charset handed in from outside, e.g. the `charset` parameter of the HTTP `Content-Type` header.
    /// It wins over the document's XML declaration (but not over a byte-order mark).
    public var charset: String?
    /// Documents larger than this are rejected with `FeedParseError.Kind.tooLarge`.
    public var maxBytes: Int

    /// Options with the given document URL, outside charset and size guard.
    public init(documentURL: String? = nil, charset: String? = nil, maxBytes: Int = ParseOptions.defaultMaxBytes) {
        self.documentURL = documentURL
        self.charset = charset
        self.maxBytes = maxBytes
    }
}
