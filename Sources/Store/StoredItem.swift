import FeedModel
import Foundation

/// An item as the store keeps it: the parsed item plus the store's bookkeeping.
public struct StoredItem: Sendable, Hashable, Codable {
    /// The store's id for the item: `<feed key>-<item key>`, 33 characters, stable across content changes.
    /// `ClaimLink.itemID` holds this id.
    public var id: String
    /// The key of the feed it came from (`FeedState.key(forURL:)`).
    public var feedKey: String
    /// The identity rule the item was first matched under.
    public var identity: IdentityStrategy
    /// When the store first saw the item (kept across updates).
    public var firstSeen: Date
    /// When its content last changed (equals `firstSeen` until it changes).
    public var lastChanged: Date
    /// 16 hex digits of a hash over the item's content fields (not its id).
    public var contentHash: String
    /// The item as last parsed (dates truncated to whole seconds).
    public var item: FeedItem

    /// A stored item.
    public init(
        id: String, feedKey: String, identity: IdentityStrategy, firstSeen: Date, lastChanged: Date,
        contentHash: String, item: FeedItem
    ) {
        self.id = id
        self.feedKey = feedKey
        self.identity = identity
        self.firstSeen = firstSeen
        self.lastChanged = lastChanged
        self.contentHash = contentHash
        self.item = item
    }
}
