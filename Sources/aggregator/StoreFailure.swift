import ArgumentParser
import Store

/// Reports a store error on stderr and turns it into the command's exit status:
/// 3 when another process holds the writer lock, 1 otherwise.
enum StoreFailure {
    static let lockedExitCode: Int32 = 3

    static func exit(_ error: StoreError) -> ExitCode {
        StandardStreams.writeError("aggregator: \(error.description)\n")
        return ExitCode(error.isLocked ? lockedExitCode : 1)
    }
}
