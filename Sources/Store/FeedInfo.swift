import Foundation

/// What the store knows about a feed apart from its fetch state: where it comes from, its title and the
/// identity rule its items are matched by.
public struct FeedInfo: Sendable, Hashable, Codable {
    /// `FeedState.key(forURL:)` of `url`.
    public var key: String
    /// The feed's URL (for imported files without `--feed-url`: a `file://` URL).
    public var url: String
    public var title: String?
    /// The site's URL.
    public var siteLink: String?
    public var identity: IdentityStrategy
    public var firstSeen: Date
    /// The last document stored for the feed, when it was stored with its hash (nil in stores written before).
    public var lastDocument: DocumentFingerprint?

    /// A feed description.
    public init(
        key: String, url: String, title: String? = nil, siteLink: String? = nil, identity: IdentityStrategy = .guid,
        firstSeen: Date
    ) {
        self.key = key
        self.url = url
        self.title = title
        self.siteLink = siteLink
        self.identity = identity
        self.firstSeen = firstSeen
    }
}
