import Foundation

/// A feed document as the parser understood it: channel metadata, items, and what had to be repaired.
///
/// All text fields are plain text (markup stripped, entities decoded, whitespace collapsed); all URLs are
/// absolute where a base was known; all dates are instants (UTC when printed).
public struct ParsedFeed: Sendable, Hashable, Codable {
    public var format: FeedFormat
    public var title: String?
    /// The site's (HTML alternate) URL.
    public var link: String?
    public var description: String?
    public var language: String?
    public var updated: Date?
    /// RSS `<ttl>` in minutes, when the feed declares one (used by the fetch scheduler).
    public var timeToLiveMinutes: Int?
    /// Problems that were recovered from; empty when the document was well-formed.
    public var warnings: [String]
    public var items: [FeedItem]

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, description: String? = nil,
        language: String? = nil, updated: Date? = nil, timeToLiveMinutes: Int? = nil, warnings: [String] = [],
        items: [FeedItem] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.updated = updated
        self.timeToLiveMinutes = timeToLiveMinutes
        self.warnings = warnings
        self.items = items
    }
}

/// One entry of a feed.
public struct FeedItem: Sendable, Hashable, Codable {
    /// guid / atom:id / rdf:about / JSON `id`; otherwise a stable hash of the link, else of title + content.
    public var id: String
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [String]
    /// Plain-text summary (RSS description, Atom summary, JSON summary).
    public var summary: String?
    /// Plain-text full content (content:encoded, Atom content, JSON content_html/content_text).
    public var content: String?
    public var categories: [String]
    public var enclosures: [Enclosure]

    public init(
        id: String, title: String? = nil, link: String? = nil, published: Date? = nil, updated: Date? = nil,
        authors: [String] = [], summary: String? = nil, content: String? = nil, categories: [String] = [],
        enclosures: [Enclosure] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.authors = authors
        self.summary = summary
        self.content = content
        self.categories = categories
        self.enclosures = enclosures
    }
}

/// A media attachment (RSS enclosure, Atom `link rel="enclosure"`, JSON attachment, media:content).
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
