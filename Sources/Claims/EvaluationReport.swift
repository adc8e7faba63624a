import FeedModel

/// Link precision and recall and stance accuracy of a tagger on a labelled set.
public struct EvaluationReport: Sendable, Hashable {
    /// Pairs linked by the tagger and labelled.
    public var truePositives = 0
    /// Pairs linked by the tagger but not labelled.
    public var falsePositives = 0
    /// Labelled pairs the tagger did not link.
    public var falseNegatives = 0
    /// Among true positives, those with the labelled stance.
    public var stanceCorrect = 0
    /// Labelled stance → tagger stance → count, over true positives.
    public var confusion: [Stance: [Stance: Int]] = [:]
    /// Human-readable mistakes: `e012 claim-x: linked, not labelled`.
    public var mistakes: [String] = []

    /// Creates an empty report.
    public init() {}

    /// Of the pairs linked, the share labelled.
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// Of the labelled pairs, the share linked.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// Of the pairs both linked and labelled, the share with the right stance.
    public var stanceAccuracy: Double { ratio(stanceCorrect, truePositives) }

    /// Accuracy for one labelled stance.
    public func accuracy(for stance: Stance) -> Double {
        let row = confusion[stance] ?? [:]
        return ratio(row[stance] ?? 0, row.values.reduce(0, +))
    }

    /// The metrics as lines of text.
    public var summary: [String] {
        var lines = [
            "links: precision \(percent(precision)) recall \(percent(recall)) "
                + "(tp \(truePositives), fp \(falsePositives), fn \(falseNegatives))",
            "stance: accuracy \(percent(stanceAccuracy)) (\(stanceCorrect) of \(truePositives))",
        ]
        for stance in Stance.allCases {
            let row = confusion[stance] ?? [:]
            let cells = Stance.allCases.map { "\($0.rawValue) \(row[$0] ?? 0)" }.joined(separator: ", ")
            lines.append("  labelled \(stance.rawValue): \(percent(accuracy(for: stance))) → \(cells)")
        }
        return lines
    }

    /// Compares the tagger's links of `items` with their labels.
    public static func evaluate(_ tagger: Tagger, on items: [LabelledItem]) -> EvaluationReport {
        let session = tagger.makeSession()
        let known = Set(tagger.claims.map(\.id))
        var report = EvaluationReport()
        for item in items {
            let links = session.tag(id: item.id, title: item.title, summary: item.text, content: nil)
            var linked: [String: ClaimLink] = [:]
            for link in links { linked[link.claimID] = link }
            for (claim, link) in linked.sorted(by: { $0.key < $1.key }) {
                guard let label = item.labels[claim] else {
                    report.falsePositives += 1
                    report.mistakes.append("\(item.id) \(claim): linked (\(link.stance.rawValue)), not labelled")
                    continue
                }
                report.truePositives += 1
                report.confusion[label, default: [:]][link.stance, default: 0] += 1
                if label == link.stance {
                    report.stanceCorrect += 1
                } else {
                    report.mistakes.append(
                        "\(item.id) \(claim): stance \(link.stance.rawValue), labelled \(label.rawValue)")
                }
            }
            for (claim, label) in item.labels.sorted(by: { $0.key < $1.key })
            where linked[claim] == nil && known.contains(claim) {
                report.falseNegatives += 1
                report.mistakes.append("\(item.id) \(claim): labelled \(label.rawValue), not linked")
            }
        }
        return report
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    private func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
