import ArgumentParser
import Claims
import FeedModel
import FeedParser
import Foundation

/// `aggregator explain --feed FILE ITEM CLAIM`: why an item is or is not linked to a claim, and its stance.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why an item is (or is not) linked to a claim, and how its stance was decided.",
        discussion: """
            ITEM is an item id as `aggregator tag` prints it (the feed's guid / id, or the synthesised id); the item is looked up in the --feed files. Prints each query term with the fields it was found in, the evidence sentence, the cues found there and the rule that decided the stance.

            Example:
              aggregator explain --feed Feeds/demo/capital-wire.xml \
                capitalwire:2025-08-19:kremlin-meeting-careful-prep putin-zelensky-meeting
            """
    )

    @Option(help: "The claims file.")
    var claims = "Feeds/claims.yaml"

    @Option(name: .customLong("feed"), help: "A feed file holding the item (repeat for several).")
    var feeds: [String] = []

    @Argument(help: "The item id.")
    var item: String

    @Argument(help: "The claim id.")
    var claim: String

    func validate() throws {
        if feeds.isEmpty { throw ValidationError("give the feed file that holds the item with --feed FILE") }
    }

    func run() throws {
        let tagger: Tagger
        do {
            tagger = try Tagger(file: try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims)))
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        guard tagger.claims.contains(where: { $0.id == claim }) else {
            StandardStreams.writeError(
                "aggregator: \(claims): no claim with id \(claim) — `aggregator claims check` lists the ids\n")
            throw ExitCode(1)
        }
        for path in feeds {
            let feed: ParsedFeed
            do {
                feed = try FeedDocumentParser.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                StandardStreams.writeError("aggregator: \(path): \(error) — check the file\n")
                continue
            }
            guard let found = feed.items.first(where: { $0.id == item }) else { continue }
            guard let explanation = tagger.explain(found, claimID: claim) else { break }
            var text = "item \(found.id): \(found.title ?? "(untitled)")\n"
            for line in explanation.lines { text += line + "\n" }
            try StandardStreams.writeOutput(Array(text.utf8))
            return
        }
        StandardStreams.writeError(
            "aggregator: no item with id \(item) in \(feeds.joined(separator: ", ")) — `aggregator tag` prints item ids\n"
        )
        throw ExitCode(1)
    }
}
