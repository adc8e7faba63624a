/// What `StoreSnapshot.claimScan(claims:firstSeenSince:)` finds in two passes over the index, without reading
/// any record written in index format 3: the items first seen since a date, the current links to a set of
/// claims, and the other items those links point to. All three lists are in commit order.
public struct ClaimScan: Sendable {
    /// Items first seen at or after the date (latest versions).
    public var newItems: [ItemHeader]
    /// The current links to the claims.
    public var links: [LinkHeader]
    /// The items the links point to that are not in `newItems` (latest versions).
    public var linkedItems: [ItemHeader]
    /// For each of `links`, the index of its item in `newItems + linkedItems` (-1: not stored).
    public var linkItems: [Int]
}
