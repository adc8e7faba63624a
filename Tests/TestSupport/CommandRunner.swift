import Foundation

/// The result of running a child process to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the built `aggregator` executable (and other programs) as real child processes.
public enum CommandRunner {
    /// The `aggregator` binary built next to the test bundle (`swift test` builds every product first).
    public static var aggregatorBinary: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = executable.deletingLastPathComponent().appendingPathComponent("aggregator")
        if FileManager.default.isExecutableFile(atPath: sibling.path) {
            return sibling
        }
        return TestPaths.repositoryRoot.appendingPathComponent(".build/debug/aggregator")
    }

    /// Runs `aggregator` with `arguments`, feeding `input` on stdin, and waits for it.
    public static func aggregator(
        _ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CommandResult {
        try run(aggregatorBinary, arguments, input: input, environment: environment, currentDirectory: currentDirectory)
    }

    /// Runs any executable and waits for it; stdout and stderr are captured in full.
    public static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()

        // Drain both pipes concurrently so a chatty child never blocks on a full pipe. Dedicated threads, not
        // the global queue: on a 2-core machine its few threads may be busy serving a test's own servers.
        let output = PipeDrain(outputPipe.fileHandleForReading)
        let errors = PipeDrain(errorPipe.fileHandleForReading)
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try? inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: output.wait(), as: UTF8.self),
            standardError: String(decoding: errors.wait(), as: UTF8.self)
        )
    }

    /// A fresh temporary directory, removed by the caller (or left for inspection on failure).
    public static func temporaryDirectory(_ prefix: String = "aggregator-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    /// Everything the pipe delivered, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
