import FeedModel
import Foundation

/// The plain data a digest is built from, as the store hands it over: every stored item with its feed and the
/// time it was first seen, every claim link, the tracked claims and the feeds' states.
public struct DigestInput: Sendable, Codable {
    public var items: [Item]
    public var links: [ClaimLink]
    public var claims: [Claim]
    public var feeds: [Feed]
    /// Optional: for each of `links`, the index in `items` of the first item whose `id` is the link's `itemID`
    /// (-1: none). A caller that knows it (the store reader) spares the builder looking every id up; when nil,
    /// or not one per link, the builder finds the items itself. Indexes outside `items` count as -1.
    public var linkItems: [Int]?

    public init(items: [Item], links: [ClaimLink], claims: [Claim], feeds: [Feed], linkItems: [Int]? = nil) {
        self.items = items
        self.links = links
        self.claims = claims
        self.feeds = feeds
        self.linkItems = linkItems
    }
}

extension DigestInput {
    /// One stored item.
    public struct Item: Sendable, Codable {
        /// The id claim links use for the item (`ClaimLink.itemID`: the store's item id).
        public var id: String
        /// The store key of the item's feed (`Feed.key`).
        public var feedKey: String
        public var item: FeedItem
        /// When the aggregator first stored the item: decides which period it belongs to.
        public var firstSeen: Date

        /// `id` defaults to the feed's own item id (`item.id`).
        public init(id: String? = nil, feedKey: String, item: FeedItem, firstSeen: Date) {
            self.id = id ?? item.id
            self.feedKey = feedKey
            self.item = item
            self.firstSeen = firstSeen
        }
    }

    /// One subscribed feed.
    public struct Feed: Sendable, Codable {
        /// The store key (`FeedState.key(forURL:)` of the URL it was subscribed under).
        public var key: String
        /// The feed's own title, when known; otherwise the digest shows the URL's host.
        public var title: String?
        public var state: FeedState
        /// The site the feed belongs to (its HTML alternate link), when the feed names one.
        public var siteLink: String?

        public init(key: String, title: String?, state: FeedState, siteLink: String? = nil) {
            self.key = key
            self.title = title
            self.state = state
            self.siteLink = siteLink
        }

        /// The feed's title, else its URL's host, else its URL.
        public var displayTitle: String {
            if let title, !title.isEmpty { return title }
            return host ?? state.url
        }

        /// What "independent source" counts: the host of the feed's site (its HTML link), else of the feed's own
        /// URL; lowercased, without a leading "www.". Two feeds of one publisher are one source; a feed served
        /// through a proxy, a mirror or feed hosting still counts as the site it belongs to.
        public var host: String? {
            for url in [siteLink, state.url].compactMap({ $0 }) {
                if let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty {
                    return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
                }
            }
            return nil
        }
    }
}
