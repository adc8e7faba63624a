import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A child `aggregator` (or shell) process the test can kill or wait for, with its stdout captured.
final class ChildProcess {
    private let process = Process()
    private let output = Pipe()

    init(_ arguments: [String], executable: URL = CommandRunner.aggregatorBinary) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL; true when the child was still running and died of it.
    func kill() -> Bool {
        let sent = process.isRunning && Glibc.kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return sent && process.terminationReason == .uncaughtSignal
    }

    /// Waits for the child and returns its exit status and everything it wrote to stdout.
    func finish() -> (status: Int32, output: String) {
        process.waitUntilExit()
        return (process.terminationStatus, readOutput())
    }

    /// Everything the child wrote to stdout (call after it exited).
    func readOutput() -> String {
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}

/// `committed PATH: … (feed KEY)` lines: the files whose items `aggregator import` acknowledged.
struct ImportAcknowledgement: Hashable {
    var path: String
    var feedKey: String

    static func parse(_ output: String) -> [ImportAcknowledgement] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("committed "), line.hasSuffix(")"), let colon = line.range(of: ": "),
                let feed = line.range(of: "(feed ", options: .backwards)
            else { return nil }
            let path = String(line[line.index(line.startIndex, offsetBy: 10)..<colon.lowerBound])
            return ImportAcknowledgement(path: path, feedKey: String(line[feed.upperBound...].dropLast()))
        }
    }
}
