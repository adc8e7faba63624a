import FeedModel
import FeedParser
import Foundation
import Testing

/// Hostile documents: nothing is expanded, nothing outside the bytes is read, nesting is bounded.
@Suite struct SecurityTests {
    private func allText(_ feed: ParsedFeed) -> String {
        var parts = [feed.title, feed.description, feed.link].compactMap { $0 }
        for item in feed.items {
            parts += [item.title, item.summary, item.content, item.link].compactMap { $0 }
        }
        return parts.joined(separator: "\n")
    }

    @Test func billionLaughsIsNotExpanded() throws {
        let feed = try FeedDocumentParser.parse(Fixtures.data("hostile-billion-laughs.xml"))
        #expect(feed.title == "Laughs &lol9;")
        #expect(!allText(feed).contains("lollol"))
        #expect(allText(feed).utf8.count < 200)
    }

    @Test func externalEntitiesAreNotRead() throws {
        let feed = try FeedDocumentParser.parse(Fixtures.data("hostile-xxe.xml"))
        #expect(feed.items.first?.title == "Secret: &xxe;")
        let text = allText(feed)
        #expect(!text.contains("root:"))
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if let hostname, !hostname.isEmpty { #expect(!text.contains(hostname)) }
    }

    @Test func deepNestingStopsWithAWarning() throws {
        let feed = try FeedDocumentParser.parse(Fixtures.data("hostile-deep-nesting.xml"))
        #expect(feed.items.map(\.title) == ["Before", "Deep one"])
        #expect(feed.warnings.contains { $0.contains("nested more than 256") })
    }
}
