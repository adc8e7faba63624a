import Foundation
import TestSupport
import Testing

/// `aggregator.yaml` precedence and errors, and `aggregator status`, through the real binary.
@Suite struct ConfigurationAndStatusTests {
    private func demoFeeds() -> [String] {
        let folder = TestPaths.repositoryRoot.appendingPathComponent("Feeds/demo")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".opml") && !$0.hasSuffix(".md") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    @Test func unknownKeyNamesFileLineAndKey() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("store: somewhere\nmail:\n  from: a@example.org\n  frm: typo\n".utf8)
            .write(to: folder.appendingPathComponent("aggregator.yaml"))
        let result = try CommandRunner.aggregator(["status"], currentDirectory: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("aggregator.yaml:4: key 'mail.frm': unknown key"))
    }

    @Test func invalidYAMLAndOutOfRangeValuesAreReported() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("custom.yaml")
        try Data("concurrency: 0\n".utf8).write(to: config)
        let range = try CommandRunner.aggregator(["status"], environment: ["AGGREGATOR_CONFIG": config.path])
        #expect(range.status == 2)
        #expect(range.standardError.contains("custom.yaml:1: key 'concurrency': expected a whole number from 1"))

        try Data("store: [unclosed\n".utf8).write(to: config)
        let broken = try CommandRunner.aggregator(["status"], environment: ["AGGREGATOR_CONFIG": config.path])
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("custom.yaml:"))
        #expect(broken.standardError.contains("not valid YAML"))
    }

    @Test func storeComesFromFlagThenEnvironmentThenFile() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromFile = folder.appendingPathComponent("file-store").path
        let imported = try CommandRunner.aggregator(["import", "--store", fromFile] + demoFeeds())
        #expect(imported.status == 0)
        try Data("store: \(fromFile)\n".utf8).write(to: folder.appendingPathComponent("aggregator.yaml"))

        let viaFile = try CommandRunner.aggregator(["status"], currentDirectory: folder)
        #expect(viaFile.status == 0)
        #expect(viaFile.standardOutput.hasPrefix("Store: \(fromFile) — 95 items from 9 feeds"))

        let missing = folder.appendingPathComponent("no-store").path
        let viaEnvironment = try CommandRunner.aggregator(
            ["status"], environment: ["AGGREGATOR_STORE": missing], currentDirectory: folder)
        #expect(viaEnvironment.status == 2)
        #expect(viaEnvironment.standardError.contains(missing))

        let viaFlag = try CommandRunner.aggregator(
            ["status", "--store", fromFile, "--json"], environment: ["AGGREGATOR_STORE": missing],
            currentDirectory: folder)
        #expect(viaFlag.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(viaFlag.standardOutput.utf8)) as? [String: Any])
        let store = try #require(object["store"] as? [String: Any])
        #expect(store["items"] as? Int == 95)
        #expect(store["feeds"] as? Int == 9)
        let run = try #require(object["last_run"] as? [String: Any])
        #expect(run["command"] as? String == "import")
        #expect(run["items_added"] as? Int == 95)
    }
}
