import ArgumentParser
import FeedParser
import Fetcher
import Foundation

/// `aggregator feeds add URL [--title T] [--category C]`.
struct FeedsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Subscribe to a feed (a web page URL is resolved to its feed by autodiscovery).",
        discussion: """
            The URL is fetched once: a feed is added under its own title (unless --title is given); an HTML \
            page is searched for <link rel="alternate"> feeds and the first one is added. --no-check adds the \
            URL as given without fetching it.
            """
    )

    @OptionGroup var subscriptions: SubscriptionOptions

    @Argument(help: "The feed's URL, or a web page announcing a feed.")
    var url: String

    @Option(help: "The name to show (default: the feed's own title).")
    var title: String?

    @Option(help: "The category, nested with '/', e.g. \"Ukraine/Official\".")
    var category: String?

    @Flag(name: .customLong("no-check"), help: "Add the URL without fetching it.")
    var noCheck = false

    func validate() throws {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil else {
            throw ValidationError("'\(url)' is not an http:// or https:// URL")
        }
    }

    func run() throws {
        var document: OPMLDocument
        do throws(SubscriptionFile.Failure) {
            document = try SubscriptionFile.load(subscriptions.path)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        var feedURL = url
        var feedTitle = title
        var note = ""
        if !noCheck {
            switch FeedProbe.probe(url) {
            case .feed(let finalURL, let parsedTitle):
                feedURL = finalURL
                feedTitle = feedTitle ?? parsedTitle
            case .discovered(let link, let parsedTitle):
                feedURL = link
                feedTitle = feedTitle ?? parsedTitle
                note = " (found on \(url))"
            case .failed(let message):
                StandardStreams.writeError("aggregator: \(message)\n")
                throw ExitCode(1)
            }
        }
        let categories = (category ?? "").split(separator: "/").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard document.add(url: feedURL, title: feedTitle, categories: categories) else {
            StandardStreams.writeError("aggregator: \(feedURL) is already subscribed — nothing changed\n")
            return
        }
        do throws(SubscriptionFile.Failure) {
            try SubscriptionFile.save(document, to: subscriptions.path)
        } catch {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
        let place = categories.isEmpty ? "" : " in \(categories.joined(separator: "/"))"
        let name = feedTitle.map { " \"\($0)\"" } ?? ""
        try? StandardStreams.writeOutput(Array("added \(feedURL)\(name)\(place)\(note)\n".utf8))
    }
}

/// Fetches a URL once to learn whether it is a feed (and its title) or a page announcing one.
enum FeedProbe {
    enum Result {
        case feed(url: String, title: String?)
        case discovered(url: String, title: String?)
        case failed(String)
    }

    static func probe(_ url: String, depth: Int = 0) -> Result {
        var configuration = FetcherConfiguration()
        configuration.product = "aggregator/\(AggregatorVersion.string)"
        configuration.contact = ProcessInfo.processInfo.environment["AGGREGATOR_CONTACT"]
        configuration.totalTimeout = 30
        let outcome = Fetcher(configuration: configuration).fetchBlocking(
            [FetchRequest(url: url)], makeSink: { _, _ in DataSink() })[0]
        guard case .fetched = outcome.status, let body = outcome.product, let head = outcome.head else {
            return .failed(
                outcome.error?.description ?? "\(url): the server sent no usable answer — check the URL in a browser")
        }
        let finalURL = outcome.permanentURL ?? url
        let bytes = body.bytes
        let parser = StreamingFeedParser(options: ParseOptions(documentURL: head.url, charset: head.charset))
        let accepted = bytes.withUnsafeBytes { parser.append($0) }
        if accepted, let feed = try? parser.finish() {
            return .feed(url: finalURL, title: feed.title)
        }
        guard depth == 0, FeedAutodiscovery.looksLikeHTML(bytes, mediaType: head.mediaType) else {
            return .failed("\(url): this is neither a feed nor a web page announcing one — check the URL")
        }
        guard let link = FeedAutodiscovery.feedLinks(inHTML: bytes, pageURL: head.url).first else {
            return .failed(
                "\(url): the page announces no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">) — "
                    + "find the feed's own URL on the site and add that")
        }
        switch probe(link.url, depth: 1) {
        case .feed(let feedURL, let title): return .discovered(url: feedURL, title: title ?? link.title)
        case .discovered(let feedURL, let title): return .discovered(url: feedURL, title: title)
        case .failed(let message): return .failed(message)
        }
    }
}
