import ArgumentParser
import CCurl
import FeedParser

/// The tool's own version.
enum AggregatorVersion {
    static let string = "0.1.0"
}

/// `aggregator version`: the tool's version and the C libraries it is linked against.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the aggregator version and the linked libcurl and libxml2 versions.",
        discussion: "Example:\n  aggregator version"
    )

    func run() {
        print("aggregator \(AggregatorVersion.string)")
        print("libxml2 \(LinkedLibraries.libxml2Version)")
        print(String(cString: ccurl_version()))
    }
}
