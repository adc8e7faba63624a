import FeedModel
import Foundation
import Store
import TestSupport

/// Builders for the store tests: parsed feeds, RSS documents on disk, temporary stores.
enum StoreFixtures {
    static let day: TimeInterval = 86_400
    static let epoch = Date(timeIntervalSince1970: 1_763_000_000)

    /// A fresh, empty folder for a store (not created: the writer creates it).
    static func storePath() throws -> String {
        try CommandRunner.temporaryDirectory("store-test").appendingPathComponent("Storage").path
    }

    static func item(
        _ guid: String, title: String? = nil, link: String? = nil, published: Date? = epoch, summary: String? = nil
    ) -> FeedItem {
        FeedItem(
            id: guid, title: title ?? "Story \(guid)", link: link ?? "https://news.example/\(guid)",
            published: published, summary: summary ?? "Summary of \(guid).")
    }

    static func feed(_ items: [FeedItem], title: String = "Test feed") -> ParsedFeed {
        ParsedFeed(format: .rss20, title: title, link: "https://news.example/", items: items)
    }

    /// An RSS 2.0 document whose items are `(guid, title, description)`.
    static func rss(title: String, items: [(guid: String, title: String, text: String)], published: Date = epoch)
        -> String
    {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<rss version=\"2.0\"><channel>",
            "<title>\(title)</title><link>https://site.example/</link><description>test</description>",
        ]
        for (number, item) in items.enumerated() {
            let date = rfc822(published.addingTimeInterval(Double(number) * 60))
            lines.append(
                "<item><title>\(item.title)</title><link>https://site.example/\(item.guid)</link>"
                    + "<guid isPermaLink=\"false\">\(item.guid)</guid><pubDate>\(date)</pubDate>"
                    + "<description>\(item.text)</description></item>")
        }
        lines.append("</channel></rss>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }
}
