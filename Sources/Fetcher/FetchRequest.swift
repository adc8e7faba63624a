/// One feed to fetch in a batch.
public struct FetchRequest: Sendable, Hashable {
    /// The URL to request (the feed's current URL).
    public var url: String
    /// The URL the user knows the feed by, used in messages; defaults to `url`.
    public var feedURL: String
    /// The `ETag` from the last 200, sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` from the last 200, sent as `If-Modified-Since`.
    public var lastModified: String?

    /// A request for `url`, optionally conditional on the validators of an earlier response.
    public init(url: String, feedURL: String? = nil, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.feedURL = feedURL ?? url
        self.etag = etag
        self.lastModified = lastModified
    }
}
