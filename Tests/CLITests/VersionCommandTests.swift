import Foundation
import TestSupport
import Testing

@Suite struct VersionCommandTests {
    @Test func printsToolAndLibraryVersions() throws {
        let result = try CommandRunner.aggregator(["version"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("aggregator ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("libxml2 2.") == true)
        #expect(lines.last?.hasPrefix("libcurl/") == true)
    }
}
