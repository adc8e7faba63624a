import Foundation
import TestSupport
import Testing

/// Tagging at import and fetch, `retag`, `items --claim` and `claims list|show`, run as the built binary on a
/// store each test creates by importing the feeds it writes, with a claims file it writes.
@Suite("claims over the store")
struct ClaimStoreCommandTests {
    static let claimsV1 = """
        version: 1
        claims:
          - id: bridge-reopens
            title: The Kerch bridge reopens
            query: 'bridge AND reopen*'
            support_cues: ["reopened on"]
            dispute_cues: ["remains closed"]
          - id: grain-deal
            title: A grain deal is agreed
            query: 'grain AND deal'

        """

    /// `grain-deal`'s query changed, `bridge-reopens` removed, `port-strike` added.
    static let claimsV2 = """
        version: 1
        claims:
          - id: grain-deal
            title: A grain deal is agreed
            query: 'grain AND (deal OR agreement)'
          - id: port-strike
            title: Odesa port is struck
            query: 'port AND strike*'

        """

    struct Story {
        var guid: String
        var title: String
        var text: String
        var day: Int
        var link: String
    }

    static let wireOne = [
        Story(
            guid: "w1-1", title: "Bridge reopened on Monday",
            text: "Officials said the bridge reopened on Monday after months of repairs.", day: 10,
            link: "https://wire-one.example/bridge-reopened"),
        Story(
            guid: "w1-2", title: "The bridge remains closed",
            text: "The ministry denied reports that the bridge would reopen; it remains closed to traffic.", day: 12,
            link: "https://wire-one.example/bridge-closed"),
        Story(
            guid: "w1-3", title: "Will the bridge reopen this month?",
            text: "Analysts ask whether the bridge could reopen before winter.", day: 14,
            link: "https://wire-one.example/bridge-question"),
        Story(
            guid: "w1-4", title: "Grain deal signed in Istanbul",
            text: "Negotiators signed the grain deal in Istanbul on Thursday.", day: 14,
            link: "https://wire-one.example/grain-deal"),
    ]

    /// Carries Wire One's "remains closed" story under the same URL (one story, two feeds) and a port story.
    static let wireTwo = [
        Story(
            guid: "w2-1", title: "Bridge remains closed, ministry says",
            text: "The ministry denied reports that the bridge would reopen; it remains closed to traffic.", day: 13,
            link: "https://wire-one.example/bridge-closed"),
        Story(
            guid: "w2-2", title: "Drones strike Odesa port",
            text: "A drone strike hit the port of Odesa overnight, damaging grain silos.", day: 15,
            link: "https://wire-two.example/port"),
    ]

    static func rss(_ title: String, _ stories: [Story]) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(title)</title>"
        text += "<link>https://example.org/</link>"
        for story in stories {
            text += "<item><title>\(story.title)</title><guid>\(story.guid)</guid><link>\(story.link)</link>"
            text += "<description>\(story.text)</description>"
            text += "<pubDate>Mon, \(story.day) Aug 2025 09:00:00 GMT</pubDate></item>"
        }
        return text + "</channel></rss>"
    }

    /// A temporary folder with the two feeds, both claims files and a store path.
    struct Workspace {
        let root: URL
        var store: String { root.appendingPathComponent("store").path }
        var claimsV1: String { root.appendingPathComponent("claims-v1.yaml").path }
        var claimsV2: String { root.appendingPathComponent("claims-v2.yaml").path }
        var broken: String { root.appendingPathComponent("broken.yaml").path }
        var feeds: [String] { ["wire-one.xml", "wire-two.xml"].map { root.appendingPathComponent($0).path } }

        init() throws {
            root = try CommandRunner.temporaryDirectory("claims-store")
            let files = [
                "claims-v1.yaml": ClaimStoreCommandTests.claimsV1, "claims-v2.yaml": ClaimStoreCommandTests.claimsV2,
                "broken.yaml": "version: 1\nclaims:\n  - id: x\n    title: X\n    query: 'a AND'\n",
                "wire-one.xml": ClaimStoreCommandTests.rss("Wire One", ClaimStoreCommandTests.wireOne),
                "wire-two.xml": ClaimStoreCommandTests.rss("Wire Two", ClaimStoreCommandTests.wireTwo),
            ]
            for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        }

        func run(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.aggregator(arguments + ["--store", store])
        }

        func importFeeds(claims: String) throws -> CommandResult {
            try run(["import", "--claims", claims] + feeds)
        }

        func items(_ arguments: [String], claims: String? = nil) throws -> [[String: Any]] {
            let result = try run(["items", "--json", "--claims", claims ?? claimsV1] + arguments)
            #expect(result.status == 0, "\(result.standardError)")
            let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            return try #require(object as? [[String: Any]])
        }

        func list(claims: String? = nil) throws -> [String: [String: Any]] {
            let result = try run(["claims", "list", "--json", "--until", "2025-08-15", "--claims", claims ?? claimsV1])
            #expect(result.status == 0, "\(result.standardError)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [Any])
            var byID: [String: [String: Any]] = [:]
            for case let row as [String: Any] in rows { byID[row["id"] as? String ?? ""] = row }
            return byID
        }
    }

    @Test("import tags items; items --claim lists them newest first with source, stance, evidence and link")
    func importTagsAndItemsLists() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        let imported = try space.importFeeds(claims: space.claimsV1)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.isEmpty)

        let rows = try space.items(["--claim", "bridge-reopens"])
        #expect(rows.count == 4)
        let times = rows.compactMap { $0["time"] as? String }
        #expect(
            times == ["2025-08-14T09:00:00Z", "2025-08-13T09:00:00Z", "2025-08-12T09:00:00Z", "2025-08-10T09:00:00Z"])
        #expect(rows.map { $0["source"] as? String } == ["Wire One", "Wire Two", "Wire One", "Wire One"])
        #expect(rows.last?["stance"] as? String == "supports")
        #expect(rows[1]["stance"] as? String == "disputes")
        #expect(rows.last?["link"] as? String == "https://wire-one.example/bridge-reopened")
        #expect((rows.last?["snippet"] as? String ?? "").contains("reopened on Monday"))

        #expect(try space.items(["--claim", "bridge-reopens", "--stance", "disputes"]).count == 2)
        #expect(try space.items(["--claim", "bridge-reopens", "--feed", "wire two"]).count == 1)
        #expect(try space.items(["--claim", "bridge-reopens", "--limit", "1"]).count == 1)
        #expect(try space.items(["--claim", "bridge-reopens", "--since", "2025-08-13"]).count == 2)

        let text = try space.run(["items", "--claim", "grain-deal", "--claims", space.claimsV1])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("grain-deal: A grain deal is agreed — 1 item\n"))
        #expect(text.standardOutput.contains("2025-08-14 09:00  Wire One  "))
        #expect(text.standardOutput.contains("  https://wire-one.example/grain-deal\n"))
    }

    @Test("an unknown claim id is an error that names the known ids")
    func unknownClaim() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        _ = try space.importFeeds(claims: space.claimsV1)
        let result = try space.run(["items", "--claim", "bridge-collapses", "--claims", space.claimsV1])
        #expect(result.status == 1)
        #expect(
            result.standardError.hasPrefix("aggregator: \(space.claimsV1): no claim with id \"bridge-collapses\" — "))
        #expect(result.standardError.contains("bridge-reopens, grain-deal"))
        let show = try space.run(["claims", "show", "nope", "--claims", space.claimsV1])
        #expect(show.status == 1)
        #expect(show.standardError.contains("use one of its ids"))
    }

    @Test("links tagged in import's parallel jobs (a new feed) equal those the writer tags (a known feed)")
    func parallelAndWriterTaggingAgree() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        let feedURL = "https://wire-one.example/feed.xml"
        let document = space.root.appendingPathComponent("document.xml")
        func importDocument(_ stories: [Story], store: String) throws {
            try Data(ClaimStoreCommandTests.rss("Wire One", stories).utf8).write(to: document)
            let result = try CommandRunner.aggregator([
                "import", "--store", store, "--feed-url", feedURL, "--claims", space.claimsV1, document.path,
            ])
            #expect(result.status == 0, "\(result.standardError)")
        }
        // Store A: the whole feed at once, so every item is tagged in the parse job.
        let storeA = space.root.appendingPathComponent("store-a").path
        try importDocument(ClaimStoreCommandTests.wireOne, store: storeA)
        // Store B: one item first, then the whole feed: the feed has a stored document, so the writer tags the
        // three new items itself.
        let storeB = space.root.appendingPathComponent("store-b").path
        try importDocument([ClaimStoreCommandTests.wireOne[3]], store: storeB)
        try importDocument(ClaimStoreCommandTests.wireOne, store: storeB)
        for claim in ["bridge-reopens", "grain-deal"] {
            func rows(_ store: String) throws -> String {
                let result = try CommandRunner.aggregator([
                    "items", "--json", "--claim", claim, "--claims", space.claimsV1, "--store", store,
                ])
                #expect(result.status == 0, "\(result.standardError)")
                return result.standardOutput
            }
            let fromJobs = try rows(storeA)
            #expect(fromJobs.contains("\"stance\""))
            #expect(fromJobs == (try rows(storeB)), "\(claim)")
        }
    }

    @Test("a broken or missing claims file never stops items from being stored; retag tags them later")
    func brokenClaimsFile() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        let imported = try space.importFeeds(claims: space.broken)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("files=2 items=6 new=6"))
        #expect(imported.standardError.components(separatedBy: "aggregator: warning: not tagging: ").count == 2)
        #expect(imported.standardError.contains("claims check"))
        #expect(try space.items(["--claim", "bridge-reopens"]).isEmpty)

        let missing = try space.run(
            ["import", "--claims", space.root.appendingPathComponent("none.yaml").path] + space.feeds)
        #expect(missing.status == 0)
        #expect(missing.standardError.contains("no claims file"))

        let refused = try space.run(["retag", "--claims", space.broken])
        #expect(refused.status == 2)
        #expect(refused.standardError.hasPrefix("aggregator: retag: "))

        let retag = try space.run(["retag", "--claims", space.claimsV1])
        #expect(retag.status == 0, "\(retag.standardError)")
        #expect(retag.standardOutput.contains("retag: claims all 2 re-tagged; items scanned 6; links 5 new"))
        #expect(try space.items(["--claim", "bridge-reopens"]).count == 4)
    }

    @Test("retag touches only the claims whose definition changed")
    func retagOnlyChanged() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        _ = try space.importFeeds(claims: space.claimsV1)
        let unchanged = try space.run(["retag", "--claims", space.claimsV1])
        #expect(unchanged.status == 0)
        #expect(
            unchanged.standardOutput.hasPrefix("retag: 2 claims unchanged since the store was tagged: nothing to do"))

        let retag = try space.run(["retag", "--claims", space.claimsV2])
        #expect(retag.status == 0, "\(retag.standardError)")
        #expect(
            retag.standardOutput.contains(
                "retag: claims 1 added, 1 modified, 1 removed, 0 unchanged; items scanned 6; links 1 new, 4 dropped, "
                    + "0 changed, 1 kept"),
            "\(retag.standardOutput)")
        // The removed claim's links are gone (seen through the old file, which still names it).
        let old = try space.list(claims: space.claimsV1)
        #expect(old["bridge-reopens"]?["supports"] as? Int == 0)
        #expect(old["bridge-reopens"]?["firstSeen"] == nil)
        #expect(try space.items(["--claim", "port-strike"], claims: space.claimsV2).count == 1)
        let again = try space.run(["retag", "--claims", space.claimsV2])
        #expect(again.standardOutput.contains("nothing to do"))
        // The store verifies after the retag.
        #expect(try space.run(["verify"]).status == 0)
    }

    @Test("claims list: counts per stance, independent sources, first and last seen, momentum")
    func claimsList() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        _ = try space.importFeeds(claims: space.claimsV1)
        let rows = try space.list()
        let bridge = try #require(rows["bridge-reopens"])
        #expect(bridge["supports"] as? Int == 1)
        #expect(bridge["disputes"] as? Int == 2)
        #expect(bridge["mentions"] as? Int == 1)
        // The "remains closed" story is carried by both wires under one URL: it counts once.
        #expect(bridge["independentSources"] as? Int == 3)
        let first = try #require(bridge["firstSeen"] as? [String: Any])
        #expect(first["source"] as? String == "Wire One")
        #expect(first["time"] as? String == "2025-08-10T09:00:00Z")
        #expect((bridge["lastSeen"] as? [String: Any])?["time"] as? String == "2025-08-14T09:00:00Z")
        let momentum = try #require(bridge["momentum"] as? [String: Any])
        #expect(momentum["lastWeek"] as? Int == 4)
        #expect(momentum["trend"] as? String == "new")

        let table = try space.run(["claims", "list", "--until", "2025-08-15", "--claims", space.claimsV1])
        #expect(table.status == 0)
        let lines = table.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("CLAIM") == true)
        #expect(
            lines.contains {
                $0.hasPrefix("bridge-reopens") && $0.contains("2025-08-10 Wire One") && $0.contains("↑ new")
            })
        let later = try space.run(["claims", "list", "--until", "2025-09-30", "--claims", space.claimsV1])
        #expect(later.standardOutput.contains("·"))
    }

    @Test("claims show: a bar chart by day split by stance, balance changes, best evidence")
    func claimsShow() throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        _ = try space.importFeeds(claims: space.claimsV1)
        let result = try space.run([
            "claims", "show", "bridge-reopens", "--days", "7", "--until", "2025-08-15", "--claims", space.claimsV1,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        #expect(
            text.hasPrefix("bridge-reopens: The Kerch bridge reopens\n4 links (1 supports, 2 disputes, 1 mentions)"))
        #expect(text.contains("\n2025-08-09 │\n"))
        #expect(text.contains("\n2025-08-10 │████"))
        #expect(text.contains("█ supports  ▓ disputes  ░ mentions"))
        #expect(text.contains("2025-08-10: first sided links: supports lead"))
        #expect(text.contains("2025-08-12: supports and disputes level"))
        #expect(text.contains("2025-08-13: disputes overtook supports"))
        #expect(text.contains("Best evidence:\n"))
        let empty = try space.run([
            "claims", "show", "bridge-reopens", "--until", "2026-01-31", "--claims", space.claimsV1,
        ])
        #expect(empty.standardOutput.contains("try --until 2025-08-14"))
    }

    @Test("fetch tags what it stores, like import")
    func fetchTags() async throws {
        let space = try Workspace()
        defer { try? FileManager.default.removeItem(at: space.root) }
        let server = try await TestHTTPServer.start(replies: [
            "/one.xml": { _ in .feed(ClaimStoreCommandTests.rss("Wire One", ClaimStoreCommandTests.wireOne)) }
        ])
        let opml = space.root.appendingPathComponent("subs.opml").path
        let add = try await CommandRunner.aggregatorAsync([
            "feeds", "add", server.url("/one.xml"), "--no-check", "--opml", opml,
        ])
        #expect(add.status == 0, "\(add.standardError)")
        let fetch = try await CommandRunner.aggregatorAsync([
            "fetch", "--opml", opml, "--store", space.store, "--claims", space.claimsV1,
        ])
        #expect(fetch.status == 0, "\(fetch.standardError)")
        #expect(try space.items(["--claim", "bridge-reopens"]).count == 3)
        #expect(try space.run(["retag", "--claims", space.claimsV1]).standardOutput.contains("nothing to do"))
        await server.stop()
    }

    @Test("every new command has help with an example")
    func help() throws {
        for command in [["retag"], ["items"], ["claims", "list"], ["claims", "show"]] {
            let result = try CommandRunner.aggregator(command + ["--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("aggregator \(command.joined(separator: " "))"))
            #expect(result.standardOutput.lowercased().contains("example"))
        }
    }
}
