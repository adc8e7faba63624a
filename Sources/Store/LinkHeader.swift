import FeedModel

/// What the index knows about a current claim link without reading its record: enough to count it (stance,
/// confidence) and to attribute it. `StoreSnapshot.links(_:)` reads the full links (terms, field, snippet).
public struct LinkHeader: Sendable, Hashable {
    /// The linked item's store id.
    public var itemID: String
    /// The claim's id.
    public var claimID: String
    public var stance: Stance
    /// 0...1.
    public var confidence: Double
    /// Where the link record is in the snapshot that made the header.
    let location: EntryLocation
    /// The item's keys (nil when `itemID` is no store id).
    let key: GlobalKey?
}
