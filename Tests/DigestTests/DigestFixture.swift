import Digest
import FeedModel
import Foundation

/// A small fixed store: five feeds (one hostile, one Cyrillic, one Urdu, one failing, one retired), five
/// claims and two weeks of items and links, with the digest period 2026-11-24 07:00 to 2026-11-25 07:00 UTC.
enum DigestFixture {
    static let periodEnd = Date(timeIntervalSince1970: 1_795_590_000)  // 2026-11-25T07:00:00Z
    static let period = DateInterval(start: periodEnd.addingTimeInterval(-86_400), end: periodEnd)
    static let hostileTitle = "<script>alert('x')</script> & \"><img src=x onerror=alert(1)>"
    static let hostileFeedTitle = "Evil & Co \"><img src=x onerror=alert(document.cookie)>"

    static func hoursBeforeEnd(_ hours: Double) -> Date {
        periodEnd.addingTimeInterval(-hours * 3600)
    }

    static let feeds: [DigestInput.Feed] = [
        feed("Kyiv Independent", "https://kyivindependent.com/feed/"),
        feed("Медуза", "https://meduza.io/rss/all"),
        feed("بی بی سی اردو", "https://feeds.bbci.co.uk/urdu/rss.xml"),
        feed(hostileFeedTitle, "https://evil.example/feed"),
        feed(nil, "https://www.kyivpost.com/feed"),
        DigestInput.Feed(
            key: FeedState.key(forURL: "https://www.reuters.com/world/rss"), title: "Reuters World",
            state: FeedState(
                url: "https://www.reuters.com/world/rss", lastSuccess: Date(timeIntervalSince1970: 1_795_400_000),
                lastError: "HTTP 503 Service Unavailable from www.reuters.com", errorCount: 3)),
        DigestInput.Feed(
            key: FeedState.key(forURL: "https://old.example/blog.xml"), title: "Old Blog",
            state: FeedState(url: "https://old.example/blog.xml", retired: true)),
    ]

    static func feed(_ title: String?, _ url: String) -> DigestInput.Feed {
        DigestInput.Feed(key: FeedState.key(forURL: url), title: title, state: FeedState(url: url))
    }

    static func key(_ index: Int) -> String { feeds[index].key }

    static let claims: [Claim] = [
        Claim(id: "trump-donbas", title: "Trump endorses Ukraine ceding the Donbas", query: "trump AND donbas"),
        Claim(id: "eu-sanctions-20", title: "The EU adopts a 20th sanctions package", query: "sanctions"),
        Claim(id: "russia-callup", title: "Россия объявляет мобилизацию резервистов", query: "мобилизация"),
        Claim(id: "hostile", title: hostileTitle, query: "evil"),
        Claim(id: "quiet", title: "A claim nobody wrote about this week", query: "quiet"),
    ]

    /// (feed, id, title, hours before the period's end it was first seen, link)
    static let itemRows: [(Int, String, String, Double, String?)] = [
        // Before the period.
        (0, "kyiv-1", "Trump says Kyiv should consider territorial concessions", 200, "https://kyivindependent.com/a1"),
        (1, "meduza-1", "Трамп и Донбасс: что известно", 150, "https://meduza.io/news/1"),
        (0, "kyiv-2", "Brussels prepares a 20th package", 120, "https://kyivindependent.com/a2"),
        (4, "kp-1", "Analysis: Will Washington push for Donbas concessions?", 60, "https://www.kyivpost.com/p/1"),
        (0, "kyiv-3", "Zelensky rejects any withdrawal from Donbas", 30, "https://kyivindependent.com/a3"),
        // In the period.
        (0, "kyiv-4", "Trump: Ukraine must give up Donbas for peace", 20, "https://kyivindependent.com/a4"),
        (2, "urdu-1", "ٹرمپ کا یوکرین سے ڈونباس چھوڑنے کا مطالبہ", 18, "https://www.bbc.com/urdu/1"),
        (1, "meduza-2", "Путин объявил о призыве резервистов", 16, "https://meduza.io/news/2"),
        (3, "evil-1", hostileTitle, 14, "javascript:alert(1)"),
        (4, "kp-2", "EU ambassadors agree 20th sanctions package", 12, "https://www.kyivpost.com/p/2"),
        (1, "meduza-3", "Мобилизация: новые повестки в Москве", 10, "https://meduza.io/news/3"),
        (0, "kyiv-5", "Frontline update: shelling in Kharkiv overnight", 8, "https://kyivindependent.com/a5"),
        (0, "kyiv-6", "Energy grid: rolling blackouts return", 6, "https://kyivindependent.com/a6"),
        (0, "kyiv-7", "Culture: Kyiv opera reopens", 4, nil),
        (2, "urdu-2", "یوکرین میں سردی کی شدت", 3, "https://www.bbc.com/urdu/2"),
        // After the period: ignored.
        (0, "kyiv-8", "Tomorrow's news", -2, "https://kyivindependent.com/a8"),
    ]

    static let items: [DigestInput.Item] = itemRows.map { feed, id, title, hours, link in
        let seen = hoursBeforeEnd(hours)
        return DigestInput.Item(
            feedKey: key(feed),
            item: FeedItem(id: id, title: title, link: link, published: seen.addingTimeInterval(-600)),
            firstSeen: seen)
    }

    /// (item, claim, stance, confidence, snippet)
    static let linkRows: [(String, String, Stance, Double, String)] = [
        ("kyiv-1", "trump-donbas", .mentions, 0.6, "Trump said Kyiv should consider concessions."),
        ("meduza-1", "trump-donbas", .supports, 0.7, "Трамп поддержал передачу Донбасса."),
        ("kyiv-2", "eu-sanctions-20", .mentions, 0.5, "Brussels is preparing a 20th package."),
        ("kp-1", "trump-donbas", .mentions, 0.5, "Will Washington push for Donbas concessions?"),
        ("kyiv-3", "trump-donbas", .disputes, 0.4, "Zelensky rejects any withdrawal."),
        ("kyiv-4", "trump-donbas", .supports, 0.9, "Trump said Ukraine must give up the Donbas to get peace."),
        ("urdu-1", "trump-donbas", .supports, 0.8, "ٹرمپ نے یوکرین سے ڈونباس چھوڑنے کا مطالبہ کیا۔"),
        ("meduza-2", "russia-callup", .supports, 0.85, "Путин подписал указ о призыве резервистов."),
        ("meduza-3", "russia-callup", .supports, 0.6, "В Москве раздают повестки резервистам."),
        ("evil-1", "hostile", .supports, 0.9, "<b>bold</b> & <script>steal()</script>"),
        ("kp-2", "eu-sanctions-20", .supports, 0.95, "EU ambassadors agreed the 20th package on Monday."),
        ("kp-2", "trump-donbas", .mentions, 0.3, "Separately, Trump's Donbas remarks drew criticism."),
        ("kyiv-8", "trump-donbas", .supports, 0.9, "After the period."),
        ("missing-item", "trump-donbas", .supports, 0.9, "No such item."),
        ("kyiv-5", "no-such-claim", .supports, 0.9, "No such claim."),
    ]

    static let links: [ClaimLink] = linkRows.map { item, claim, stance, confidence, snippet in
        ClaimLink(
            itemID: item, claimID: claim, stance: stance, confidence: confidence, terms: [], field: .summary,
            snippet: snippet)
    }

    static let input = DigestInput(items: items, links: links, claims: claims, feeds: feeds)

    static let report = DigestReportBuilder().build(input, period: period, generatedAt: periodEnd)
}
