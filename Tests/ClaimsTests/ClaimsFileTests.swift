import Claims
import FeedModel
import Foundation
import Testing

@Suite struct ClaimsFileTests {
    @Test func yamlWithEveryField() throws {
        let yaml = """
            version: 1
            claims:
              - id: trump-endorses-ceding-donbas
                title: Trump endorses Ukraine ceding the Donbas
                query: 'trump AND (donbas OR donetsk) AND (cede OR "give up")'
                description: optional text
                queries:
                  ru: 'трамп* AND донбас*'
                support_cues: ["endorses", "backs the idea"]
                dispute_cues: ["will not cede"]
            """
        let file = try ClaimsFile.decode(Data(yaml.utf8), source: "test.yaml")
        #expect(file.matching == .stemmed)
        let claim = try #require(file.claims.first)
        #expect(claim.id == "trump-endorses-ceding-donbas")
        #expect(claim.localizedQueries == ["ru": "трамп* AND донбас*"])
        #expect(claim.supportCues == ["endorses", "backs the idea"])
        #expect(claim.disputeCues == ["will not cede"])
        #expect(claim.description == "optional text")
        #expect(ClaimsChecker.problems(in: file).isEmpty)
    }

    @Test func benchJSONLoadsAsIsInExactMode() throws {
        let json = #"{"version": 1, "claims": [{"id": "c0001", "title": "T", "query": "a AND b*"}]}"#
        let file = try ClaimsFile.decode(Data(json.utf8), source: "claims_1.json")
        #expect(file.matching == .exact)
        #expect(file.claims.map(\.id) == ["c0001"])
    }

    @Test func theRepositoryClaimsFileIsValid() throws {
        let file = try ClaimsFile.load(contentsOf: ClaimsFixtures.claimsYAML)
        #expect(file.claims.count >= 10)
        #expect(ClaimsChecker.problems(in: file).filter { $0.severity == .error }.isEmpty)
        _ = try Tagger(file: file)
    }

    @Test func problemsNameTheClaimThePlaceAndWhatIsWrong() throws {
        let yaml = """
            version: 1
            claims:
              - id: Bad_Id
                title: x
                query: 'a AND (b OR c'
              - id: ok
                title: ''
                query: 'a'
                queries: {ru: 'а OR'}
                colour: red
              - id: ok
                title: dup
                query: 'NOT a'
            """
        let file = try ClaimsFile.decode(Data(yaml.utf8), source: "bad.yaml")
        let problems = ClaimsChecker.problems(in: file)
        let text = problems.map(\.description)
        #expect(
            text.contains(
                "error: claim Bad_Id, id: an id is a slug: lowercase letters, digits and '-', e.g. `russia-demands-x`"))
        #expect(text.contains("error: claim Bad_Id, query column 7: the '(' here is never closed: add a ')'"))
        #expect(text.contains("error: claim ok, title: the claim has no title: write the statement it tracks"))
        #expect(text.contains("error: claim ok, queries.ru column 5: the query ends too early: a term is missing here"))
        #expect(problems.contains { $0.field == "colour" && $0.severity == .warning })
        #expect(problems.contains { $0.message.hasPrefix("duplicate id") })
        #expect(problems.contains { $0.message.contains("only NOT terms") })
        #expect(throws: ClaimsError.self) { try Tagger(file: file) }
    }

    @Test func unreadableFilesAreErrorsThatSayWhat() {
        #expect {
            _ = try ClaimsFile.decode(Data("claims: [".utf8), source: "broken.yaml")
        } throws: { error in
            (error as? ClaimsError)?.description.hasPrefix("broken.yaml: not valid YAML") == true
        }
        #expect {
            _ = try ClaimsFile.decode(Data("version: 2\nclaims: []".utf8), source: "v2.yaml")
        } throws: { error in
            (error as? ClaimsError)?.message.contains("unsupported version") == true
        }
    }
}

@Suite struct TaggerLoadTests {
    @Test func brokenOrMissingFilesSkipTaggingWithAReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = TaggerLoad.load(claimsAt: folder.appendingPathComponent("none.yaml"))
        guard case .skipped(let reason) = missing else {
            Issue.record("a missing file must skip tagging")
            return
        }
        #expect(reason.contains("no claims file"))
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data("version: 1\nclaims:\n  - id: a\n    title: A\n    query: '(a'\n".utf8).write(to: broken)
        guard case .skipped(let brokenReason) = TaggerLoad.load(claimsAt: broken) else {
            Issue.record("a file with an error must skip tagging")
            return
        }
        #expect(brokenReason.contains("claim a, query column 1"))
        #expect(TaggerLoad.load(claimsAt: ClaimsFixtures.claimsYAML).tagger != nil)
    }
}

@Suite struct ClaimsChangeTests {
    @Test func onlyMatchingInputsCount() {
        let old = ClaimsFile(claims: [
            Claim(id: "a", title: "A", query: "x"), Claim(id: "b", title: "B", query: "y"),
            Claim(id: "c", title: "C", query: "z"),
        ])
        let new = ClaimsFile(claims: [
            Claim(id: "a", title: "A renamed", query: "x"), Claim(id: "b", title: "B", query: "y OR w"),
            Claim(id: "d", title: "D", query: "v"),
        ])
        let change = ClaimsChange(from: old, to: new)
        #expect(change.added == ["d"])
        #expect(change.removed == ["c"])
        #expect(change.changed == ["b"])
        #expect(change.toRetag == ["d", "b"])
        var exact = new
        exact.matching = .exact
        #expect(ClaimsChange(from: new, to: exact).changed == ["a", "b", "d"])
    }
}
