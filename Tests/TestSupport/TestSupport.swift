import Foundation

/// Locations shared by the test targets.
public enum TestPaths {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared/corpus/real` beside the repository, if present.
    public static let realCorpus: URL = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/real")

    public static var realCorpusIsPresent: Bool {
        FileManager.default.fileExists(atPath: realCorpus.path)
    }
}
