/// What `StoreWriter.prune` did.
public struct PruneResult: Sendable, Hashable {
    /// Items removed from the store.
    public var itemsDropped: Int
    /// Old items kept because a claim links to them.
    public var itemsKeptLinked: Int
    /// Segments rewritten without the dropped records (and without superseded versions).
    public var segmentsRewritten: Int
    /// Segments removed because nothing in them was left.
    public var segmentsRemoved: Int
    /// Segment bytes before and after.
    public var bytesBefore: Int
    public var bytesAfter: Int
}
