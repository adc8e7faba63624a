import FeedModel

/// One feed as a reader sees it: its description and, once the fetcher has stored one, its fetch state.
public struct FeedRecord: Sendable, Hashable, Codable {
    public var info: FeedInfo?
    public var state: FeedState?

    /// A feed entry of the manifest.
    public init(info: FeedInfo? = nil, state: FeedState? = nil) {
        self.info = info
        self.state = state
    }
}
