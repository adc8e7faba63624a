import Foundation

extension CommandRunner {
    /// Runs `aggregator` on a dedicated thread, so that waiting for the child never blocks the cooperative pool
    /// (which the test's own HTTP servers need while the child talks to them).
    public static func aggregatorAsync(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try aggregator(arguments, environment: environment, currentDirectory: currentDirectory)
                    })
            }
            thread.start()
        }
    }
}
