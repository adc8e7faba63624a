import Foundation

/// What the index knows about an item without reading its segment: its id, feed and dates.
/// `StoreSnapshot.itemHeaders(ids:)` returns these for callers that need to place items in time and attribute
/// them to a feed, but not their text (the digest's older linked items, claim statistics).
public struct ItemHeader: Sendable, Hashable {
    /// The store id (`StoredItem.id`).
    public var id: String
    /// The key of the feed it came from (`FeedState.key(forURL:)`).
    public var feedKey: String
    /// When the store first saw the item.
    public var firstSeen: Date
    /// The item's publication date, when it has one.
    public var published: Date?
    /// Where the item's latest version is in the snapshot that made the header (nil: unknown).
    let location: EntryLocation?

    /// An item header.
    public init(id: String, feedKey: String, firstSeen: Date, published: Date?) {
        self.init(id: id, feedKey: feedKey, firstSeen: firstSeen, published: published, location: nil)
    }

    init(id: String, feedKey: String, firstSeen: Date, published: Date?, location: EntryLocation?) {
        self.id = id
        self.feedKey = feedKey
        self.firstSeen = firstSeen
        self.published = published
        self.location = location
    }
}
