import Foundation
import TestSupport
import Testing

@Suite struct TagCommandTests {
    private let root = TestPaths.repositoryRoot

    @Test func tagPrintsOneJSONLinePerLink() throws {
        let result = try CommandRunner.aggregator(
            ["tag", "--claims", "Feeds/claims.yaml", "Feeds/demo/capital-wire.xml", "Feeds/demo/summit-watch.atom"],
            currentDirectory: root)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["item", "feed", "claim", "stance", "confidence", "terms", "field", "snippet"])
            let stance = try #require(object["stance"] as? String)
            #expect(["supports", "disputes", "mentions"].contains(stance))
            #expect((object["snippet"] as? String ?? "").count <= 300)
            #expect(["capital-wire.xml", "summit-watch.atom"].contains(object["feed"] as? String ?? ""))
        }
    }

    @Test func statsPrintsOnlyTheCounts() throws {
        let result = try CommandRunner.aggregator(
            ["tag", "--stats", "--claims", "Feeds/claims.yaml", "Feeds/demo/capital-wire.xml"], currentDirectory: root)
        #expect(result.status == 0)
        let line = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            line.range(of: #"^files=1 items=\d+ links=\d+ seconds=\d+\.\d{3}$"#, options: .regularExpression) != nil)
    }

    @Test func aBrokenClaimsFileIsReportedAndTaggingStops() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let claims = folder.appendingPathComponent("claims.yaml")
        try Data("version: 1\nclaims:\n  - id: x\n    title: X\n    query: 'a AND'\n".utf8).write(to: claims)
        let check = try CommandRunner.aggregator(["claims", "check", "--claims", claims.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("error: claim x, query column 6: the query ends too early"))
        #expect(check.standardOutput.contains("1 claims, matching stemmed: 1 error, 0 warnings"))
        let tag = try CommandRunner.aggregator(
            ["tag", "--claims", claims.path, root.appendingPathComponent("Feeds/demo/capital-wire.xml").path])
        #expect(tag.status == 2)
        #expect(tag.standardError.contains("claims check"))
    }

    @Test func theRepositoryClaimsFileChecksClean() throws {
        let result = try CommandRunner.aggregator(["claims", "check"], currentDirectory: root)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(": 0 errors"))
    }
}
