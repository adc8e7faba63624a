import Foundation
import TestSupport
import Testing

/// `import` remembers a hash of each feed's last document and skips an identical one without parsing it;
/// any change to the bytes makes it parse the document again.
@Suite struct ReimportTests {
    private func feed(_ summary: String) -> Data {
        Data(
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Front line notes</title>
            <item><title>Talks resume</title><guid>a</guid><description>\(summary)</description></item>
            <item><title>Talks resume</title><guid>a</guid><description>\(summary)</description></item>
            <item><title>Strikes on the port</title><guid>b</guid><description>Overnight.</description></item>
            </channel></rss>
            """.utf8)
    }

    @Test func anIdenticalDocumentIsSkippedAndAChangedOneIsParsed() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.xml")
        let store = folder.appendingPathComponent("store").path
        let arguments = ["import", "--store", store, "--claims", "/nonexistent/claims.yaml", file.path]
        try feed("Delegations meet in Geneva.").write(to: file)

        let first = try CommandRunner.aggregator(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains(": 2 new, 0 changed, 0 unchanged (feed "))
        #expect(first.standardOutput.contains("files=1 items=3 new=2 changed=0 unchanged=0"))

        let second = try CommandRunner.aggregator(arguments)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("0 new, 0 changed, 2 unchanged (feed "))
        #expect(second.standardOutput.contains("the same document as last time"))
        #expect(second.standardOutput.contains("files=1 items=3 new=0 changed=0 unchanged=2"))

        try feed("Delegations meet in Istanbul instead.").write(to: file)
        let third = try CommandRunner.aggregator(arguments)
        #expect(third.status == 0, "\(third.standardError)")
        #expect(!third.standardOutput.contains("the same document"))
        #expect(third.standardOutput.contains("files=1 items=3 new=0 changed=1 unchanged=1"))

        let verify = try CommandRunner.aggregator(["verify", "--store", store])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
    }
}
