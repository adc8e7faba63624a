import FeedModel
import Foundation

/// The fields of one item or entry while it is being parsed, including the fallbacks that only decide at
/// the end (atom:link vs RSS link, media:description vs description, itunes:author vs author, ...).
struct ItemDraft: Sendable {
    var id: String?
    var title: PendingText?
    var fallbackTitle: PendingText?
    var link: String?
    var alternateLink: String?
    var alternateLinkIsHTML = false
    var guidLink: String?
    var published: Date?
    var dublinCoreDate: Date?
    var updated: Date?
    var authors: [String] = []
    var fallbackAuthor: String?
    var summary: PendingText?
    var fallbackSummary: PendingText?
    var mediaDescription: PendingText?
    var content: PendingText?
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var mediaEnclosures: [Enclosure] = []
    var thumbnail: Enclosure?

    /// Whether the draft has enough to be worth keeping when the document ends inside it.
    var isWorthKeeping: Bool {
        title != nil || link != nil || alternateLink != nil || guidLink != nil
    }

    mutating func addCategory(_ category: String) {
        if !categories.contains(category) { categories.append(category) }
    }

    /// Adds an enclosure unless one with the same URL is already there.
    mutating func addEnclosure(_ enclosure: Enclosure) {
        if !enclosures.contains(where: { $0.url == enclosure.url }) { enclosures.append(enclosure) }
    }

    /// Adds a media:content attachment (used only when the item has no enclosure of its own).
    mutating func addMediaEnclosure(_ enclosure: Enclosure) {
        if !mediaEnclosures.contains(where: { $0.url == enclosure.url }) { mediaEnclosures.append(enclosure) }
    }

    mutating func addAuthor(_ author: String) {
        if !authors.contains(author) { authors.append(author) }
    }

    /// The finished item: fallbacks applied, id synthesised when the feed gave none.
    func build(inheritedAuthors: [String], extractor: TextExtractor) -> FeedItem {
        let finalLink = link ?? alternateLink ?? guidLink
        let finalTitle = title?.plainText(extractor) ?? fallbackTitle?.plainText(extractor)
        let finalSummary =
            summary?.plainText(extractor) ?? fallbackSummary?.plainText(extractor)
            ?? mediaDescription?.plainText(extractor)
        let content = content?.plainText(extractor)
        var finalAuthors = authors
        if finalAuthors.isEmpty, let fallbackAuthor { finalAuthors = [fallbackAuthor] }
        if finalAuthors.isEmpty { finalAuthors = inheritedAuthors }
        var finalEnclosures = enclosures.isEmpty ? mediaEnclosures : enclosures
        if finalEnclosures.isEmpty, let thumbnail { finalEnclosures = [thumbnail] }
        let finalID =
            id ?? ItemIdentity.synthesize(link: finalLink, title: finalTitle, content: content ?? finalSummary)
        return FeedItem(
            id: finalID, title: finalTitle, link: finalLink, published: published ?? dublinCoreDate,
            updated: updated, authors: finalAuthors, summary: finalSummary, content: content,
            categories: categories, enclosures: finalEnclosures)
    }
}
