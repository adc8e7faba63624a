import Foundation
import TestSupport
import Testing

/// What commands say on stderr (through swift-log) at each verbosity: the built binary, a temporary store and a
/// real HTTP server on 127.0.0.1.
@Suite("diagnostics: -v, default and -q")
struct DiagnosticsTests {
    static let feed = FetchCommandTests.rss("Alpha")

    /// `/a.xml`: the feed, with an ETag, and 304 when asked with it.
    static let replies: [String: @Sendable (TestRequest) -> TestReply] = [
        "/a.xml": { request in
            if request.headers["if-none-match"] == "\"a1\"" { return TestReply(status: 304) }
            return .feed(feed, headers: ["ETag": "\"a1\""])
        }
    ]

    /// A folder with a subscription list, a store, and (optionally) the repository's claims file named explicitly.
    struct Workspace {
        let root: URL
        var opml: URL { root.appendingPathComponent("subs.opml") }
        var store: String { root.appendingPathComponent("store").path }

        init(feeds: [String]) throws {
            root = try CommandRunner.temporaryDirectory("diagnostics")
            let outlines = feeds.map { "<outline text=\"f\" type=\"rss\" xmlUrl=\"\($0)\"/>" }.joined()
            try Data(
                """
                <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>\(outlines)</body></opml>
                """.utf8
            ).write(to: opml)
        }

        /// `aggregator fetch --all` against this workspace, run from `root` (so `Feeds/claims.yaml` is missing
        /// unless a test creates it).
        func fetch(_ extra: [String], environment: [String: String] = [:]) async throws -> CommandResult {
            try await CommandRunner.aggregatorAsync(
                ["fetch", "--opml", opml.path, "--store", store, "--all"] + extra, environment: environment,
                currentDirectory: root)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static var repositoryClaims: String { TestPaths.repositoryRoot.appendingPathComponent("Feeds/claims.yaml").path }

    @Test("fetch: -v shows per-feed and per-transfer lines, the default and -q say nothing when all is well")
    func fetchSuccess() async throws {
        let server = try await TestHTTPServer.start(replies: Self.replies)
        let work = try Workspace(feeds: [server.url("/a.xml")])
        defer { work.remove() }
        let claims = ["--claims", Self.repositoryClaims]

        let verbose = try await work.fetch(claims + ["-v"])
        #expect(verbose.status == 0, "\(verbose.standardError)")
        let url = server.url("/a.xml")
        #expect(verbose.standardError.contains("aggregator: \(url): 200 fetched, "), "\(verbose.standardError)")
        #expect(verbose.standardError.contains(" bytes in "))
        #expect(verbose.standardError.contains("aggregator: \(url): 2 items, 2 new, 0 changed\n"))
        #expect(verbose.standardError.contains("aggregator: tagging with "))
        #expect(verbose.standardError.contains("aggregator: fetch: 1 of 1 feeds due; 1 updated, 0 unchanged"))
        #expect(!verbose.standardError.contains("warning:"))

        let standard = try await work.fetch(claims)
        #expect(standard.status == 0)
        #expect(standard.standardError == "")

        let quiet = try await work.fetch(claims + ["--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.standardError == "")

        let second = try await work.fetch(claims + ["--verbose"])
        #expect(second.standardError.contains("aggregator: \(url): not modified\n"))
        #expect(second.standardError.contains("0 updated, 1 unchanged"))
        await server.stop()
    }

    @Test("fetch: a failing feed is an error at every verbosity; the summary is hidden by -q only")
    func fetchFailure() async throws {
        let server = try await TestHTTPServer.start(replies: Self.replies)
        let missing = server.url("/missing.xml")
        let work = try Workspace(feeds: [server.url("/a.xml"), missing])
        defer { work.remove() }
        let claims = ["--claims", Self.repositoryClaims]
        let failure = "aggregator: error: \(missing): the server answered 404 Not Found — "

        let quiet = try await work.fetch(claims + ["-q"])
        #expect(quiet.status == 1)
        #expect(quiet.standardError.hasPrefix(failure), "\(quiet.standardError)")
        #expect(quiet.standardError.components(separatedBy: "\n").count == 2)

        let standard = try await work.fetch(claims)
        #expect(standard.status == 1)
        #expect(standard.standardError.contains(failure))
        #expect(standard.standardError.contains("aggregator: fetch: 2 of 2 feeds due; 0 updated, 1 unchanged"))
        #expect(!standard.standardError.contains("/a.xml"))

        let verbose = try await work.fetch(claims + ["-v"])
        #expect(verbose.standardError.contains(failure))
        #expect(verbose.standardError.contains("aggregator: \(missing): 404 failed (the server answered 404"))
        #expect(verbose.standardError.contains(server.url("/a.xml") + ": not modified"))

        let both = try await work.fetch(["-v", "-q"])
        #expect(both.status == 2)
        #expect(both.standardError.contains("--verbose and --quiet cannot be used together"))
        await server.stop()
    }

    @Test("a missing default claims file is said with -v only; a named missing or a broken file is a warning")
    func missingClaims() async throws {
        let server = try await TestHTTPServer.start(replies: Self.replies)
        let work = try Workspace(feeds: [server.url("/a.xml")])
        defer { work.remove() }

        let cron = try await work.fetch(["--quiet"])
        #expect(cron.status == 0)
        #expect(cron.standardError == "")
        let standard = try await work.fetch([])
        #expect(standard.standardError == "")
        let verbose = try await work.fetch(["-v"])
        #expect(
            verbose.standardError.contains("aggregator: not tagging: no claims file at Feeds/claims.yaml"),
            "\(verbose.standardError)")
        #expect(!verbose.standardError.contains("warning: not tagging"))

        let named = work.root.appendingPathComponent("mine.yaml").path
        let explicit = try await work.fetch(["--claims", named])
        #expect(explicit.status == 0)
        #expect(explicit.standardError.contains("aggregator: warning: not tagging: \(named): no claims file"))
        #expect(explicit.standardError.contains("--claims"))
        let fromEnvironment = try await work.fetch([], environment: ["AGGREGATOR_CLAIMS": named])
        #expect(fromEnvironment.standardError.contains("aggregator: warning: not tagging: \(named)"))

        let broken = work.root.appendingPathComponent("broken.yaml")
        try Data("version: 1\nclaims:\n  - id: [unclosed\n".utf8).write(to: broken)
        let brokenRun = try await work.fetch(["--claims", broken.path])
        #expect(brokenRun.status == 0)
        #expect(brokenRun.standardError.hasPrefix("aggregator: warning: not tagging: "), "\(brokenRun.standardError)")
        #expect(brokenRun.standardError.contains(broken.path))
        let brokenQuiet = try await work.fetch(["--claims", broken.path, "-q"])
        #expect(brokenQuiet.standardError == "")
        await server.stop()
    }

    @Test("-v and -q on the other commands: verify, prune, retag, digest, import")
    func otherCommands() async throws {
        let work = try Workspace(feeds: [])
        defer { work.remove() }
        let feedFile = work.root.appendingPathComponent("alpha.xml")
        try Data(Self.feed.utf8).write(to: feedFile)
        let store = ["--store", work.store]
        let claims = ["--claims", Self.repositoryClaims]

        let imported = try await CommandRunner.aggregatorAsync(["import", feedFile.path, "-v"] + store + claims)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("aggregator: \(feedFile.path): 2 items, stored under file://"))
        #expect(imported.standardError.contains("aggregator: import: tagged 2 items, "))
        let notAFeed = work.root.appendingPathComponent("page.html")
        try Data("<html><body>no feed</body></html>".utf8).write(to: notAFeed)
        let failedImport = try await CommandRunner.aggregatorAsync(["import", notAFeed.path, "-q"] + store + claims)
        #expect(failedImport.status == 1)
        #expect(failedImport.standardError.hasPrefix("aggregator: error: \(notAFeed.path): "))

        for (command, line) in [
            (["verify"], "aggregator: verify: checking \(work.store)"),
            (["prune", "--older-than", "10000d"], "aggregator: prune: \(work.store): dropping items published"),
            (["retag", "--all"] + claims, "aggregator: retag: claims all "),
            (
                ["digest", "--since", "3650d", "--output", work.root.appendingPathComponent("d.txt").path] + claims,
                "aggregator: digest: wrote "
            ),
        ] {
            let verbose = try await CommandRunner.aggregatorAsync(command + store + ["--verbose"])
            #expect(verbose.status == 0, "\(command): \(verbose.standardError)")
            #expect(verbose.standardError.contains(line), "\(command): \(verbose.standardError)")
            let quiet = try await CommandRunner.aggregatorAsync(command + store + ["-q"])
            #expect(quiet.status == 0, "\(command): \(quiet.standardError)")
            #expect(quiet.standardError == "", "\(command): \(quiet.standardError)")
        }
    }
}
