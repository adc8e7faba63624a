/// What `StoreWriter.upsert` did with one feed document.
public struct UpsertResult: Sendable, Hashable {
    /// What happened to one input item.
    public enum Status: String, Sendable, Hashable {
        case added
        case changed
        case unchanged
        /// A later item of the same document had the same identity; that one was kept.
        case duplicate
    }

    /// One input item's outcome, in input order.
    public struct Entry: Sendable, Hashable {
        /// The store id (`StoredItem.id`), to use as `ClaimLink.itemID`.
        public var id: String
        public var status: Status
    }

    public var feedKey: String
    public var identity: IdentityStrategy
    public var entries: [Entry]

    public var added: Int { entries.count { $0.status == .added } }
    public var changed: Int { entries.count { $0.status == .changed } }
    public var unchanged: Int { entries.count { $0.status == .unchanged } }
}
