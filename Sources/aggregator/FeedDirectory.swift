import FeedModel
import FeedParser
import Foundation
import Store

/// The subscriptions of the OPML list joined with their fetch state from the store.
///
/// A feed's store key is the hash of the URL it was first subscribed under. The OPML keeps that URL even after
/// a permanent redirect (the store's `FeedState.url` holds the new one and `aliases` the old), so the key is
/// found again from the list's URL, from the current URL or from any alias.
struct FeedDirectory {
    /// One subscribed feed.
    struct Entry {
        var subscription: OPMLDocument.Subscription
        /// The store key (`FeedState.key(forURL:)` of the first URL).
        var key: String
        /// The URL the key was derived from (what `StoreWriter.upsert` must be given).
        var keyURL: String
        /// The stored state, or a fresh one for a feed never fetched.
        var state: FeedState
        /// The feed's title as stored from its last document.
        var storedTitle: String?
    }

    var entries: [Entry]

    init(subscriptions: [OPMLDocument.Subscription], records: [String: FeedRecord]) {
        var keyByURL: [String: String] = [:]
        for (key, record) in records {
            if let state = record.state {
                keyByURL[state.url] = key
                for alias in state.aliases { keyByURL[alias] = key }
            }
            if let url = record.info?.url { keyByURL[url] = key }
        }
        entries = subscriptions.map { subscription in
            let key = keyByURL[subscription.url] ?? FeedState.key(forURL: subscription.url)
            let record = records[key]
            let keyURL = record?.info?.url ?? record?.state?.aliases.first ?? subscription.url
            return Entry(
                subscription: subscription, key: key, keyURL: keyURL,
                state: record?.state ?? FeedState(url: subscription.url), storedTitle: record?.info?.title)
        }
    }

    /// Entries matching `query`: a subscribed URL, a current or earlier URL, a store key, or an exact title.
    func matching(_ query: String) -> [Entry] {
        entries.filter { entry in
            entry.subscription.url == query || entry.state.url == query || entry.state.aliases.contains(query)
                || entry.key == query || entry.subscription.title == query || entry.storedTitle == query
        }
    }
}
