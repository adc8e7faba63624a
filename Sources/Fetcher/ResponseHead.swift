import Foundation

/// The final response of one transfer (after redirects): status and the headers the aggregator acts on.
public struct ResponseHead: Sendable, Hashable {
    /// The HTTP status code of the final response.
    public var statusCode: Int
    /// The URL that produced this response (the last redirect target).
    public var url: String
    /// The media type, lower-cased, without parameters (e.g. `application/rss+xml`).
    public var mediaType: String?
    /// The `charset` parameter of `Content-Type`, as sent (e.g. `windows-1251`), for the parser.
    public var charset: String?
    /// The `Content-Encoding` the server applied (libcurl has already decoded the body).
    public var contentEncoding: String?
    /// The `ETag` validator, verbatim (weak `W/` prefix included).
    public var etag: String?
    /// The `Last-Modified` validator, verbatim.
    public var lastModified: String?
    /// `Cache-Control: max-age` in seconds.
    public var maxAge: TimeInterval?
    /// `Expires`, as an instant.
    public var expires: Date?
    /// The server's `Date`, used to correct `Expires` for clock skew.
    public var date: Date?
    /// `Retry-After`, resolved to an instant (a delay in seconds is added to the receive time).
    public var retryAfter: Date?
    /// `Content-Length` when sent.
    public var contentLength: Int64?
    /// `Location` of the final response (set on 3xx answers that were not followed).
    public var location: String?

    /// A head with only a status and URL; the parser fills the rest from header lines.
    public init(statusCode: Int, url: String) {
        self.statusCode = statusCode
        self.url = url
    }

    /// How long the server says the response stays fresh: `max-age`, else `Expires` minus the server's `Date`.
    public var freshnessLifetime: TimeInterval? {
        if let maxAge { return maxAge }
        if let expires {
            return max(0, expires.timeIntervalSince(date ?? Date()))
        }
        return nil
    }
}
