import ArgumentParser
import Claims
import FeedModel
import FeedParser
import Foundation
import Store

/// `aggregator explain ITEM CLAIM`: why an item (from the store, or from `--feed` files) is or is not linked to a
/// claim, and how its stance was decided.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why an item is (or is not) linked to a claim, and how its stance was decided.",
        discussion: """
            ITEM is an item id: the store's id (as `aggregator items --json` prints it) or the feed's own guid / id \
            (as `aggregator tag` prints it). The item is looked up in the --feed files when given, else in the \
            store. Prints each query term with the fields it was found in, the evidence sentence, the cues found \
            there and the rule that decided the stance.

            Examples:
              aggregator explain capitalwire:2025-08-19:kremlin-meeting-careful-prep putin-zelensky-meeting
              aggregator explain --feed Feeds/demo/capital-wire.xml \
                capitalwire:2025-08-19:kremlin-meeting-careful-prep putin-zelensky-meeting
            """
    )

    @OptionGroup var claims: ClaimsOptions

    @Option(name: .customLong("feed"), help: "A feed file holding the item (repeat for several).")
    var feeds: [String] = []

    @OptionGroup var store: StoreOptions

    @Argument(help: "The item id.")
    var item: String

    @Argument(help: "The claim id.")
    var claim: String

    func run() throws {
        let tagger: Tagger
        do {
            tagger = try Tagger(file: try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims.path)))
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        guard tagger.claims.contains(where: { $0.id == claim }) else {
            StandardStreams.writeError(
                "aggregator: \(claims.path): no claim with id \(claim) — `aggregator claims check` lists the ids\n")
            throw ExitCode(1)
        }
        if feeds.isEmpty {
            try explainFromStore(tagger)
            return
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
            try print(explanationOf: found, shownAs: found.id, with: tagger)
            return
        }
        StandardStreams.writeError(
            "aggregator: no item with id \(item) in \(feeds.joined(separator: ", ")) — `aggregator tag` prints item ids\n"
        )
        throw ExitCode(1)
    }

    /// Looks the item up in the store: by the store's id, else by the feed's own id.
    private func explainFromStore(_ tagger: Tagger) throws {
        let stored: StoredItem?
        do throws(StoreError) {
            let snapshot = try StoreSnapshot.open(at: store.path)
            if let direct = try snapshot.item(id: item) {
                stored = direct
            } else {
                stored = try snapshot.items(firstSeenSince: .distantPast).first { $0.item.id == item }
            }
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(1)
        }
        guard let stored else {
            StandardStreams.writeError(
                "aggregator: \(store.path): no item with id \(item) — `aggregator items --claim ID --json` "
                    + "prints item ids, or pass --feed FILE\n")
            throw ExitCode(1)
        }
        try print(explanationOf: stored.item, shownAs: stored.id, with: tagger)
    }

    private func print(explanationOf found: FeedItem, shownAs id: String, with tagger: Tagger) throws {
        guard let explanation = tagger.explain(found, claimID: claim) else { return }
        var text = "item \(id): \(found.title ?? "(untitled)")\n"
        for line in explanation.lines { text += line + "\n" }
        try StandardStreams.writeOutput(Array(text.utf8))
    }
}
