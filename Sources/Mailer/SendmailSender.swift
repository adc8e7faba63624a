import Foundation

/// Pipes one message to `sendmail -t -i`, which takes the recipients from the To header. `-i` keeps a line
/// holding a single dot from ending the message early.
struct SendmailSender {
    var path: String

    func send(_ message: [UInt8]) throws(MailerError) {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .sendmailNotRunnable(path: path, reason: "no executable file there")
        }
        // A sendmail that exits early must not kill us with SIGPIPE while we write its input.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = errors
        do {
            try process.run()
        } catch {
            throw .sendmailNotRunnable(path: path, reason: "\(error)")
        }
        let collected = ErrorCollector()
        let reader = Thread {
            collected.data = errors.fileHandleForReading.readDataToEndOfFile()
            collected.done.signal()
        }
        reader.start()
        var writeError: String?
        do {
            try input.fileHandleForWriting.write(contentsOf: message)
        } catch {
            writeError = "\(error)"
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        collected.done.wait()
        let standardError = String(decoding: collected.data.prefix(4096), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            throw .sendmailFailed(path: path, status: process.terminationStatus, standardError: standardError)
        }
        if let writeError {
            throw .sendmailFailed(path: path, status: 0, standardError: "it stopped reading the message: \(writeError)")
        }
    }
}

/// Output collected by the reader thread; `done` orders the write before the read.
private final class ErrorCollector: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
