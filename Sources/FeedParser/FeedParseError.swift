/// Why a document could not be turned into a feed. Every message names what was wrong and what to do.
public struct FeedParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Kind: String, Sendable, Hashable {
        /// The input is empty (or only whitespace).
        case empty
        /// The input is not a feed (HTML page, unknown XML vocabulary, JSON without feed structure, binary).
        case notAFeed
        /// The input exceeded a size or nesting limit.
        case tooLarge
        /// The input is a feed but so broken that nothing could be recovered.
        case unrecoverable
        /// The declared or requested character encoding is unknown to libxml2/iconv.
        case unsupportedEncoding
    }

    public let kind: Kind
    /// What went wrong, in words a user understands.
    public let reason: String
    /// What the user can do about it.
    public let hint: String

    public init(_ kind: Kind, reason: String, hint: String) {
        self.kind = kind
        self.reason = reason
        self.hint = hint
    }

    public var description: String { "\(reason) — \(hint)" }
}
