import Foundation

extension CommandRunner {
    /// Runs `aggregator` from async tests. Everything that blocks (waiting for the child, draining its pipes)
    /// happens on dedicated threads, never on the cooperative pool or GCD's global queues: on a 2-core machine
    /// those have 2 threads, and the test's own HTTP servers need them while the child talks to them.
    public static func aggregatorAsync(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try runOnThreads(
                            aggregatorBinary, arguments, environment: environment, currentDirectory: currentDirectory)
                    })
            }
            thread.start()
        }
    }

    private static func runOnThreads(
        _ executable: URL, _ arguments: [String], environment: [String: String], currentDirectory: URL?
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputReader = PipeReader(output.fileHandleForReading)
        let errorReader = PipeReader(errors.fileHandleForReading)
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, standardOutput: String(decoding: outputReader.wait(), as: UTF8.self),
            standardError: String(decoding: errorReader.wait(), as: UTF8.self))
    }
}

/// Drains a pipe to its end on a dedicated thread.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
