import Foundation

/// How the fetcher behaves on the network: concurrency, politeness, limits, identity.
///
/// The defaults are the ones the tool ships with; tests shorten the timeouts to provoke failures quickly.
public struct FetcherConfiguration: Sendable, Hashable {
    /// Transfers running at once across all hosts.
    public var maxConcurrentTransfers: Int = 16
    /// Transfers running at once against one host (host:port); also libcurl's per-host connection cap.
    public var maxTransfersPerHost: Int = 2
    /// Redirects followed before giving up.
    public var maxRedirects: Int = 5
    /// Seconds allowed to establish a connection (DNS, TCP, TLS).
    public var connectTimeout: TimeInterval = 15
    /// Seconds allowed for one whole transfer, redirects included.
    public var totalTimeout: TimeInterval = 90
    /// A transfer slower than this many bytes per second for `lowSpeedTime` seconds is aborted.
    public var lowSpeedLimit: Int = 64
    /// Seconds below `lowSpeedLimit` before aborting.
    public var lowSpeedTime: TimeInterval = 30
    /// The largest (decoded) body accepted, enforced while streaming.
    public var maxBodyBytes: Int64 = 16 * 1024 * 1024
    /// The tool's name and version for the User-Agent, e.g. "aggregator/0.1.0".
    public var product: String = "aggregator/0.1.0"
    /// How a site operator can reach whoever runs this copy (a URL or `mailto:`), added to the User-Agent.
    public var contact: String?
    /// Send `If-None-Match` / `If-Modified-Since` when validators are known (`--force` turns this off).
    public var useValidators: Bool = true
    /// Offer HTTP/2 over TLS (ALPN); plain http stays HTTP/1.1.
    public var allowHTTP2: Bool = true

    /// The defaults described on each property.
    public init() {}

    /// The User-Agent header value: product, platform, and the contact when one is configured.
    public var userAgent: String {
        if let contact, !contact.isEmpty {
            return "\(product) (feed aggregator; +\(contact))"
        }
        return "\(product) (feed aggregator)"
    }
}
