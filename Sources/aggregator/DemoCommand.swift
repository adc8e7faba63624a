import ArgumentParser
import DemoServer
import FeedModel
import FeedParser
import Foundation
import Logging
import Store

/// `aggregator demo`: the whole job, offline, on the demo feeds of `Feeds/demo/`.
///
/// It serves the demo feeds from a web server on 127.0.0.1, fetches them into a demo store (parse, tag, store),
/// shows the claims summary and writes the digest as text, HTML and a MIME message. Run it twice: the second
/// fetch gets 304 Not Modified for every feed and stores nothing new.
///
/// The demo story is set in August 2025, so the demo runs on a fixed clock (`--clock`, by default the evening of
/// its last day): items are "first seen" then, and the digest covers the week before, as it would have that day.
struct DemoCommand: AsyncParsableCommand, DiagnosticCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run fetch, tagging, the claims summary and the digest offline on the bundled demo feeds.",
        discussion: """
            Serves Feeds/demo/ on 127.0.0.1 (port 8642, or any free port if that one is taken), fetches it into \
            demo-output/store, prints the claims summary and writes demo-output/digest.txt, digest.html and \
            digest.eml. Running it again shows the second run's 304s and nothing new.

            Examples:
              aggregator demo
              aggregator demo --output /tmp/demo --port 0
            """
    )

    @Option(help: ArgumentHelp("The folder of demo feeds (with demo.opml).", valueName: "dir"))
    var feeds = "Feeds/demo"

    @OptionGroup var claims: ClaimsOptions

    @Option(help: ArgumentHelp("Where the demo store and digests go.", valueName: "dir"))
    var output = "demo-output"

    @Option(help: "The loopback port to serve the feeds on (0: any free port).")
    var port: UInt16 = 8642

    @Option(help: "The demo's clock: when the fetch happens (RFC 3339); the digest is written an hour later.")
    var clock = "2025-08-20T06:00:00Z"

    @OptionGroup var verbosity: OutputOptions

    /// The demo shows fetch's line per feed by default (info); -v adds the per-transfer lines, -q hides both.
    var diagnosticsLevel: Logger.Level { verbosity.level(standard: .info) }

    func validate() throws {
        if DateParser.parse(clock) == nil { throw ValidationError("--clock must be an RFC 3339 date") }
    }

    func run() async throws {
        let feedsFolder = URL(fileURLWithPath: feeds, isDirectory: true)
        let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
        let template = feedsFolder.appendingPathComponent("demo.opml")
        guard let opmlTemplate = try? String(contentsOf: template, encoding: .utf8) else {
            throw fail("cannot read \(template.path) — run the demo from the repository's top folder, or pass --feeds")
        }
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot create \(outputFolder.path): \(error.localizedDescription) — pass another --output")
        }

        let (server, servedPort) = try await startServer(folder: feedsFolder)
        defer { Task { await server.stop() } }
        say("Serving \(feeds)/ on http://127.0.0.1:\(servedPort)/")

        let opml = outputFolder.appendingPathComponent("subscriptions.opml")
        let store = outputFolder.appendingPathComponent("store").path
        do {
            try Data(opmlTemplate.replacingOccurrences(of: "{PORT}", with: String(servedPort)).utf8)
                .write(to: opml, options: .atomic)
        } catch {
            throw fail("cannot write \(opml.path): \(error.localizedDescription)")
        }

        say("\n== aggregator fetch --opml \(opml.path) --store \(store) --all --verbose")
        let fetchStatus = await runOnThread {
            let fetch = try FetchCommand.parse([
                "--opml", opml.path, "--store", store, "--claims", claims.path, "--all", "--now", clock,
            ])
            try fetch.run()
        }
        if fetchStatus != 0 { say("(fetch exited with status \(fetchStatus): see the lines above)") }
        // The per-feed lines were the point; the other steps' info lines would only repeat what the demo says.
        if !verbosity.verbose { Diagnostics.level = max(Diagnostics.level, .notice) }

        say("\n== aggregator status --store \(store)")
        _ = await runOnThread {
            let status = try StatusCommand.parse([
                "--store", store, "--opml", opml.path, "--claims", claims.path,
            ])
            try status.run()
        }

        // The digest is written an hour after the fetch (its period ends just before its own clock).
        let digestClock = (DateParser.parse(clock) ?? Date()).addingTimeInterval(3600).rfc3339
        say("\n== aggregator claims list --store \(store) --until \(digestClock)")
        _ = await runOnThread {
            let list = try ClaimsListCommand.parse(["--store", store, "--claims", claims.path, "--until", digestClock])
            try list.run()
        }
        say("")
        let digests = [("text", "digest.txt"), ("html", "digest.html"), ("mime", "digest.eml")]
        for (format, name) in digests {
            let file = outputFolder.appendingPathComponent(name).path
            let digestStatus = await runOnThread {
                let digest = try DigestCommand.parse([
                    "--store", store, "--claims", claims.path, "--since", "7d", "--now", digestClock, "--format",
                    format,
                    "--from", "aggregator demo <demo@example.org>", "--to", "analyst@example.org",
                    "--output", file,
                ])
                try digest.run()
            }
            if digestStatus == 0 { say("Wrote the \(format) digest to \(file)") }
        }
        say("\nRead the digest with: less \(output)/digest.txt   (or open \(output)/digest.html in a browser)")
        say("Run `aggregator demo` again to see the second run's 304s and nothing new.")
    }

    /// Starts the server on the requested port, or on any free port when that one is taken.
    private func startServer(folder: URL) async throws -> (DemoFeedServer, UInt16) {
        let preferred = DemoFeedServer(folder: folder, port: port)
        if let served = try? await preferred.start() { return (preferred, served) }
        await preferred.stop()
        let fallback = DemoFeedServer(folder: folder, port: 0)
        do {
            return (fallback, try await fallback.start())
        } catch {
            throw fail("cannot start the demo web server on 127.0.0.1: \(error)")
        }
    }

    /// Runs a blocking command body (libcurl's loop, file I/O) on its own thread; returns its exit status.
    private func runOnThread(_ body: @escaping @Sendable () throws -> Void) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                do {
                    try body()
                    continuation.resume(returning: 0)
                } catch let exit as ExitCode {
                    continuation.resume(returning: exit.rawValue)
                } catch {
                    StandardStreams.writeError("aggregator: demo: \(error)\n")
                    continuation.resume(returning: 1)
                }
            }
            thread.start()
        }
    }

    private func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    private func fail(_ message: String) -> ExitCode {
        StandardStreams.writeError("aggregator: demo: \(message)\n")
        return ExitCode(2)
    }
}
