import ArgumentParser
import Claims
import FeedModel
import FeedParser
import Foundation

/// `aggregator claims eval` (hidden): link precision/recall and stance accuracy on a labelled set.
struct ClaimsEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the tagger on a labelled evaluation set.",
        discussion: """
            Example:
              aggregator claims eval --items Tests/ClaimsTests/Fixtures/eval/items.jsonl \\
                --corpus-labels Tests/ClaimsTests/Fixtures/eval/corpus-labels.jsonl --corpus ../shared/corpus
            """,
        shouldDisplay: false
    )

    @OptionGroup var claims: ClaimsOptions

    @Option(help: "Labelled items (JSON Lines with id, title, text, labels).")
    var items = "Tests/ClaimsTests/Fixtures/eval/items.jsonl"

    @Option(help: "Labels of real feed items ({file, item, title_prefix, labels}), resolved under --corpus.")
    var corpusLabels: String?

    @Option(help: "The folder that holds the files named in --corpus-labels (e.g. ../shared/corpus).")
    var corpus = "../shared/corpus"

    @Flag(help: "Also list every mistake.")
    var mistakes = false

    func run() throws {
        do {
            let tagger = try Tagger(file: try ClaimsFile.load(contentsOf: URL(fileURLWithPath: claims.path)))
            var sets: [(String, [LabelledItem])] = []
            let data = try Data(contentsOf: URL(fileURLWithPath: items))
            sets.append((items, try LabelledItem.load(jsonLines: data, source: items)))
            if let corpusLabels {
                sets.append((corpusLabels, try realItems(corpusLabels)))
            }
            var output = ""
            for (name, set) in sets {
                let report = EvaluationReport.evaluate(tagger, on: set)
                output += "\(name) (\(set.count) items)\n"
                for line in report.summary { output += "  \(line)\n" }
                if mistakes { for line in report.mistakes { output += "    \(line)\n" } }
            }
            try StandardStreams.writeOutput(Array(output.utf8))
        } catch let error as ClaimsError {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
    }

    /// Looks up each labelled real item in its corpus file (by guid or link) and pairs it with its labels.
    private func realItems(_ path: String) throws -> [LabelledItem] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var feeds: [String: ParsedFeed] = [:]
        var out: [LabelledItem] = []
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                let file = object["file"] as? String, let key = object["item"] as? String
            else { continue }
            if feeds[file] == nil {
                let url = URL(fileURLWithPath: corpus).appendingPathComponent(file)
                guard let bytes = try? Data(contentsOf: url), let feed = try? FeedDocumentParser.parse(bytes) else {
                    continue
                }
                feeds[file] = feed
            }
            guard let item = feeds[file]?.items.first(where: { $0.id == key || $0.link == key }) else { continue }
            var labels: [String: Stance] = [:]
            for (claim, value) in object["labels"] as? [String: String] ?? [:] {
                if let stance = Stance(rawValue: value) { labels[claim] = stance }
            }
            let text = [item.summary, item.content].compactMap { $0 }.joined(separator: " ")
            out.append(LabelledItem(id: key, title: item.title ?? "", text: text, labels: labels))
        }
        return out
    }
}
