import Foundation
import TestSupport
import Testing

/// The README's first command, `contrib/demo.sh`, end to end: with AGGREGATOR_DEMO_BINARY it skips the package
/// check and the build and runs the binary `swift test` built, into a temporary output folder.
@Suite("contrib/demo.sh")
struct DemoScriptTests {
    @Test("first run: claims summary and the three digests; second run: 304s and nothing new")
    func demoTwice() async throws {
        let output = try CommandRunner.temporaryDirectory("demo-script")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = TestPaths.repositoryRoot.appendingPathComponent("contrib/demo.sh")
        let environment = ["AGGREGATOR_DEMO_BINARY": CommandRunner.aggregatorBinary.path]
        // One port for both runs (the feed URLs must not change): one a loopback server just had, now free.
        let probe = try await TestHTTPServer.start(replies: [:])
        let port = probe.port
        await probe.stop()
        let arguments = [script.path, "--output", output.path, "--port", String(port)]

        let first = try await Self.bash(arguments, environment: environment)
        #expect(first.standardOutput.contains("== aggregator claims list"), "\(first.standardOutput)")
        #expect(first.standardOutput.contains("trump-endorses-ceding-donbas"))
        #expect(first.standardError.contains("9 of 9 feeds due; 9 updated, 0 unchanged"), "\(first.standardError)")
        for (format, name) in [("text", "digest.txt"), ("html", "digest.html"), ("mime", "digest.eml")] {
            let file = output.appendingPathComponent(name)
            #expect(first.standardOutput.contains("Wrote the \(format) digest to \(file.path)"))
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.count > 500, "\(name) is nearly empty")
        }
        #expect(try String(contentsOf: output.appendingPathComponent("digest.html"), encoding: .utf8).contains("<html"))
        #expect(
            try String(contentsOf: output.appendingPathComponent("digest.eml"), encoding: .utf8).contains(
                "MIME-Version: 1.0"))

        let second = try await Self.bash(arguments, environment: environment)
        #expect(second.standardOutput.contains("Serving Feeds/demo/ on http://127.0.0.1:\(port)/"))
        let notModified = second.standardError.split(separator: "\n").filter { $0.hasSuffix(": not modified") }
        #expect(notModified.count == 9, "\(second.standardError)")
        #expect(!second.standardError.contains(" new, "), "\(second.standardError)")
        #expect(second.standardError.contains("9 of 9 feeds due; 0 updated, 9 unchanged"))
        #expect(second.standardOutput.contains("+0 new, 0 changed"), "\(second.standardOutput)")
    }

    /// Runs `bash` with `arguments` on a thread of its own (the demo serves its feeds from the child process).
    static func bash(_ arguments: [String], environment: [String: String]) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), arguments, environment: environment)
                    })
            }
            thread.start()
        }
    }
}
