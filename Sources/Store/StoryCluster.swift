/// One story told by one or more items, possibly from several feeds.
public struct StoryCluster: Sendable, Hashable {
    /// The id of the cluster's earliest item (by publication date, then id): stable while that item exists.
    public var id: String
    /// The member items' store ids, earliest first.
    public var itemIDs: [String]
    /// The distinct feeds the story came from (sorted).
    public var feedKeys: [String]

    /// How many independent sources carry the story: distinct feeds. Counting clusters instead of items
    /// counts a syndicated story once.
    public var sourceCount: Int { feedKeys.count }
}
