import FeedModel

/// Synthesises item ids for entries that carry no guid / atom:id / rdf:about / JSON id.
public enum ItemIdentity {
    /// A stable id: a hash of the link when there is one, else of title and content.
    /// The prefix says which, so that ids never collide with real guids that happen to be hex.
    public static func synthesize(link: String?, title: String?, content: String?) -> String {
        if let link, !link.isEmpty {
            return "urn:aggregator:link:" + StableHash.hex(of: link)
        }
        var hash = StableHash()
        hash.combine(title ?? "")
        hash.combineSeparator()
        hash.combine(content ?? "")
        return "urn:aggregator:text:" + hash.hex
    }
}
