import Claims
import FeedModel
import Foundation
import Testing

/// Link precision and recall and stance accuracy on the labelled set must not drop below the levels
/// recorded in docs/benchmarks/claims-quality.md (minus a margin of about two points).
@Suite struct EvaluationTests {
    static let minimumPrecision = 0.75
    static let minimumRecall = 0.98
    static let minimumStanceAccuracy = 0.67

    @Test func qualityOnTheLabelledSetHolds() throws {
        let tagger = try Tagger(file: try ClaimsFile.load(contentsOf: ClaimsFixtures.claimsYAML))
        let url = ClaimsFixtures.directory.appendingPathComponent("eval/items.jsonl")
        let items = try LabelledItem.load(jsonLines: try Data(contentsOf: url), source: url.path)
        #expect(items.count >= 200)
        let report = EvaluationReport.evaluate(tagger, on: items)
        // Printed so `swift test --filter EvaluationTests` shows the figures.
        print(report.summary.joined(separator: "\n"))
        #expect(report.precision >= Self.minimumPrecision, "\(report.summary)")
        #expect(report.recall >= Self.minimumRecall, "\(report.summary)")
        #expect(report.stanceAccuracy >= Self.minimumStanceAccuracy, "\(report.summary)")
    }
}
