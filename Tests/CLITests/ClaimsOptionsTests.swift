import Foundation
import TestSupport
import Testing

/// Which claims file a command uses: --claims, else $AGGREGATOR_CLAIMS, else `claims:` in aggregator.yaml, else
/// Feeds/claims.yaml (in the current folder).
@Suite("--claims precedence")
struct ClaimsOptionsTests {
    static func claimsFile(id: String) -> Data {
        Data("version: 1\nclaims:\n  - id: \(id)\n    title: A \(id) claim\n    query: '\(id)'\n".utf8)
    }

    @Test("flag > environment > aggregator.yaml > Feeds/claims.yaml")
    func precedence() throws {
        let folder = try CommandRunner.temporaryDirectory("claims-options")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("Feeds"), withIntermediateDirectories: true)
        try Self.claimsFile(id: "builtin").write(to: folder.appendingPathComponent("Feeds/claims.yaml"))
        for name in ["flag", "environment", "configured"] {
            try Self.claimsFile(id: name).write(to: folder.appendingPathComponent("\(name).yaml"))
        }
        func used(_ arguments: [String], _ environment: [String: String] = [:]) throws -> String {
            let result = try CommandRunner.aggregator(
                ["claims", "check"] + arguments, environment: environment, currentDirectory: folder)
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput
        }

        #expect(try used([]).hasPrefix("Feeds/claims.yaml: 1 claims"))
        try Data("claims: configured.yaml\n".utf8).write(to: folder.appendingPathComponent("aggregator.yaml"))
        #expect(try used([]).hasPrefix("configured.yaml: 1 claims"))
        let environment = ["AGGREGATOR_CLAIMS": "environment.yaml"]
        #expect(try used([], environment).hasPrefix("environment.yaml: 1 claims"))
        #expect(try used(["--claims", "flag.yaml"], environment).hasPrefix("flag.yaml: 1 claims"))
    }
}
