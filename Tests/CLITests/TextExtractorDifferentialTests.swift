import Foundation
import TestSupport
import Testing

/// The C text extractor has a fast path for simple HTML fragments and falls back to libxml2's HTML parser for
/// everything else. `AGGREGATOR_TEXT_EXTRACTOR=libxml2` forces libxml2 for every fragment. These tests require
/// both to produce byte-identical `parse --json` output, so the fast path can never change what users see.
@Suite struct TextExtractorDifferentialTests {
    private static func documents(in folder: URL, excluding: (String) -> Bool = { _ in false }) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !excluding($0) }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    private func assertSameOutput(for files: [String]) throws {
        #expect(!files.isEmpty)
        // One process per path over all files: the output is one JSON line per file, in argument order.
        let fast = try CommandRunner.aggregator(["parse", "--json"] + files)
        let reference = try CommandRunner.aggregator(
            ["parse", "--json"] + files, environment: ["AGGREGATOR_TEXT_EXTRACTOR": "libxml2"])
        #expect(fast.status == reference.status)
        let fastLines = fast.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        let referenceLines = reference.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(fastLines.count == referenceLines.count)
        for (index, (line, expected)) in zip(fastLines, referenceLines).enumerated() where line != expected {
            Issue.record("text differs between the fast path and libxml2 for \(files[min(index, files.count - 1)])")
        }
    }

    @Test func demoFeedsAndParserFixtures() throws {
        let root = TestPaths.repositoryRoot
        let demo = Self.documents(in: root.appendingPathComponent("Feeds/demo")) {
            $0.hasSuffix(".opml") || $0.hasSuffix(".md")
        }
        let fixtures = Self.documents(in: root.appendingPathComponent("Tests/FeedParserTests/Fixtures/feeds"))
        try assertSameOutput(for: demo + fixtures)
    }

    @Test func fragmentsThatExerciseTheFallbackRules() throws {
        // Hand-made descriptions around the fast path's edges: implied paragraphs after top-level inline
        // elements, literal ampersands, `<` that starts no tag, comments, raw-text elements, odd entities.
        let descriptions = [
            "<b>one</b>two", "a<i>b</i>c", "<p>one</p>two", "<b><i>x</b>y", "<b><div>x</b>y",
            "Q&amp;A &amp;T rocks &amp;amp; &amp;foo; &amp;#; &amp;#x41 &amp;#65;",
            "x &lt; y &lt;3 &lt;/ &lt;!-- c --&gt;z", "&lt;script&gt;alert(1)&lt;/script&gt;after",
            "&lt;ul&gt;&lt;li&gt;one&lt;li&gt;two&lt;/ul&gt;tail", "&lt;a href='x&gt;y'&gt;link&lt;/a&gt; end",
            "&lt;p&gt;&amp;nbsp;&lt;/p&gt;&amp;nbsp;x", "&lt;br&gt;&lt;wbr&gt;a&lt;img src=x&gt;b",
            "&lt;o:p&gt;office&lt;/o:p&gt;", "&amp;#128;&amp;#xD800;&amp;#0;", "&lt;title&gt;t&lt;/title&gt;body",
        ]
        let items = descriptions.enumerated().map { index, text in
            "<item><guid>g\(index)</guid><title>t\(index)</title><description>\(text)</description></item>"
        }
        let document =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>edges</title>"
            + items.joined() + "</channel></rss>"
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("edges.xml")
        try Data(document.utf8).write(to: file)
        try assertSameOutput(for: [file.path])
    }

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
    func everyRealCorpusDocument() throws {
        try assertSameOutput(for: Self.documents(in: TestPaths.realCorpus))
    }
}
