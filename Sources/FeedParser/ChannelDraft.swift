import Foundation

/// The channel (feed-level) fields while the document is being parsed, with their fallbacks.
struct ChannelDraft {
    var title: String?
    var fallbackTitle: String?
    var link: String?
    var alternateLink: String?
    var description: String?
    var fallbackDescription: String?
    var language: String?
    var xmlLanguage: String?
    var updated: Date?
    var published: Date?
    var timeToLiveMinutes: Int?
    /// Atom feed-level authors; entries without their own inherit them (RFC 4287 section 4.2.1).
    var authors: [String] = []

    var finalTitle: String? { title ?? fallbackTitle }
    var finalLink: String? { link ?? alternateLink }
    var finalDescription: String? { description ?? fallbackDescription }
    var finalLanguage: String? { language ?? xmlLanguage }
    var finalUpdated: Date? { updated ?? published }
}
