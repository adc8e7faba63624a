import Foundation

/// One run of a writing command (`fetch`, `import`, `prune`…), for `aggregator status`.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The run's id: its start time and process id, e.g. `2026-11-25T07:30:00Z/4242`.
    public var id: String
    public var command: String
    public var started: Date
    /// Nil while the run is in progress (or when it was killed before it finished).
    public var ended: Date?
    public var itemsAdded: Int
    public var itemsChanged: Int
    /// Per-feed outcomes, in the order they were recorded.
    public var feeds: [FeedRunResult]

    /// A run record.
    public init(
        id: String, command: String, started: Date, ended: Date? = nil, itemsAdded: Int = 0, itemsChanged: Int = 0,
        feeds: [FeedRunResult] = []
    ) {
        self.id = id
        self.command = command
        self.started = started
        self.ended = ended
        self.itemsAdded = itemsAdded
        self.itemsChanged = itemsChanged
        self.feeds = feeds
    }
}

/// What happened to one feed in one run.
public struct FeedRunResult: Sendable, Hashable, Codable {
    public var feedKey: String
    public var url: String
    /// A short word: `ok`, `not-modified`, `failed`, `imported`…
    public var status: String
    public var added: Int
    public var changed: Int
    public var message: String?

    /// A per-feed result.
    public init(feedKey: String, url: String, status: String, added: Int = 0, changed: Int = 0, message: String? = nil)
    {
        self.feedKey = feedKey
        self.url = url
        self.status = status
        self.added = added
        self.changed = changed
        self.message = message
    }
}
