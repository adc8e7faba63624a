import Foundation

/// What the aggregator remembers about one subscribed feed between runs: HTTP validators, schedule, health.
/// The store persists it; the fetcher reads it to plan a run and returns an updated copy.
public struct FeedState: Sendable, Hashable, Codable {
    /// The feed's current URL (updated by permanent redirects).
    public var url: String
    /// Earlier URLs that permanently redirected here.
    public var aliases: [String]
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    /// Consecutive failures; 0 after a success.
    public var errorCount: Int
    public var nextDue: Date?
    /// Set when the server answered 410 Gone: the feed is kept but no longer fetched.
    public var retired: Bool
    /// Host-wide back-off requested by 429/503 Retry-After.
    public var retryAfter: Date?
    /// RSS `<ttl>` in minutes from the last parsed document (kept across 304s for the schedule).
    public var ttlMinutes: Int?
    /// Typical gap between the feed's items, in seconds, estimated from the last parsed document.
    public var publishInterval: Double?
    /// Date of the newest item seen in the last parsed document.
    public var newestItem: Date?
    /// HTTP status of the last response (0 or nil when none arrived).
    public var lastStatus: Int?

    public init(
        url: String, aliases: [String] = [], etag: String? = nil, lastModified: String? = nil,
        lastAttempt: Date? = nil, lastSuccess: Date? = nil, lastError: String? = nil, errorCount: Int = 0,
        nextDue: Date? = nil, retired: Bool = false, retryAfter: Date? = nil, ttlMinutes: Int? = nil,
        publishInterval: Double? = nil, newestItem: Date? = nil, lastStatus: Int? = nil
    ) {
        self.url = url
        self.aliases = aliases
        self.etag = etag
        self.lastModified = lastModified
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.errorCount = errorCount
        self.nextDue = nextDue
        self.retired = retired
        self.retryAfter = retryAfter
        self.ttlMinutes = ttlMinutes
        self.publishInterval = publishInterval
        self.newestItem = newestItem
        self.lastStatus = lastStatus
    }

    /// The stable key of a feed in the store: a hash of the URL it was first subscribed under.
    public static func key(forURL url: String) -> String {
        StableHash.hex(of: url)
    }
}
