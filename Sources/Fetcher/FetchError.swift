import Foundation

/// Why one feed could not be fetched. The message names the feed URL, what went wrong and what to do.
///
/// Shaped like async-http-client's error: a struct around a `Kind`, so callers can branch on the kind while the
/// message stays the single place that explains the failure to a user.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it (and for `--json` summaries).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The URL is not an absolute http(s) URL.
        case invalidURL
        /// A redirect (or the URL itself) pointed at a scheme other than http or https, e.g. `file://`.
        case unsupportedProtocol
        /// More than the allowed number of redirects, or a redirect loop.
        case tooManyRedirects
        /// The host name did not resolve.
        case hostNotFound
        /// The TCP connection was refused or could not be established.
        case connectionFailed
        /// The connection broke before the response was complete (reset, closed early, nothing received).
        case connectionLost
        /// The connect or the whole-transfer timeout expired.
        case timedOut
        /// The server sent data slower than the low-speed limit for too long.
        case tooSlow
        /// TLS handshake or certificate failure.
        case tls
        /// The proxy taken from the environment failed.
        case proxy
        /// The body is larger than the configured cap.
        case tooLarge
        /// The body's content coding (gzip, deflate, br, zstd) is corrupt or truncated.
        case badContentEncoding
        /// The server answered with an error status (404, 5xx, other 4xx, unexpected 2xx/3xx).
        case httpStatus
        /// The server asked us to slow down (429 or 503), possibly with Retry-After.
        case rateLimited
        /// The body consumer (the parser) refused the body.
        case rejectedBody
        /// Any other libcurl failure.
        case transport
    }

    /// The kind of failure.
    public let kind: Kind
    /// The feed URL as subscribed (not the redirect target), so the user recognises it.
    public let feedURL: String
    /// What went wrong, in words a user understands.
    public let reason: String
    /// What the user can do about it.
    public let hint: String
    /// The HTTP status, when the failure is an HTTP answer.
    public let statusCode: Int?
    /// The libcurl result code, when the failure came from libcurl.
    public let curlCode: Int?

    /// Creates an error; prefer the kind-specific factories in `FetchError+Kinds.swift`-style call sites.
    public init(
        _ kind: Kind, feedURL: String, reason: String, hint: String, statusCode: Int? = nil, curlCode: Int? = nil
    ) {
        self.kind = kind
        self.feedURL = feedURL
        self.reason = reason
        self.hint = hint
        self.statusCode = statusCode
        self.curlCode = curlCode
    }

    /// `<feed URL>: <reason> — <hint>`.
    public var description: String { "\(feedURL): \(reason) — \(hint)" }

    /// A short label without the URL, suitable for a health column or a log field.
    public var shortDescription: String { reason }
}
