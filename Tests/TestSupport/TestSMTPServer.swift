import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One message as a `TestSMTPServer` received it.
public struct ReceivedMail: Sendable, Hashable {
    /// The HELO/EHLO argument.
    public var greeting: String
    /// The MAIL FROM address, without angle brackets.
    public var sender: String
    /// The accepted RCPT TO addresses, without angle brackets.
    public var recipients: [String]
    /// The DATA section after dot-unstuffing, CRLF line ends, without the terminating ".".
    public var data: Data
    /// The user that authenticated with AUTH PLAIN in this session, if any.
    public var authenticatedUser: String?
}

/// A small real SMTP server on 127.0.0.1 for tests: EHLO/HELO, MAIL FROM, RCPT TO (with recipients it refuses
/// with 550), DATA (dot-unstuffed), RSET, NOOP, QUIT, and AUTH PLAIN when given an account (then it refuses
/// MAIL without it). It speaks no TLS; it can advertise STARTTLS to see whether a client asks for it (see
/// `StartTLS`). It runs on its own
/// thread with blocking POSIX sockets, one connection at a time, and records every accepted message.
public final class TestSMTPServer: @unchecked Sendable {
    /// What the server does about STARTTLS.
    public enum StartTLS: Sendable {
        /// Not advertised; the command is unknown (502).
        case notOffered
        /// Advertised in the EHLO reply, then refused with `454 4.7.0 TLS not available due to temporary reason`.
        case refused
        /// Advertised and accepted with `220 2.0.0 Ready to start TLS`, after which the server (which has no
        /// TLS) closes the connection: the client's TLS handshake fails.
        case acceptedWithoutTLS
    }

    /// The port it listens on (chosen by the kernel).
    public let port: UInt16
    private let listener: Int32
    private let refusedRecipients: Set<String>
    private let account: (user: String, password: String)?
    private let startTLS: StartTLS
    private let lock = NSLock()
    private var received: [ReceivedMail] = []
    private var commands: [String] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts listening on 127.0.0.1 on an ephemeral port. RCPT TO any address in `refusedRecipients`
    /// (compared case-insensitively) is answered `550 5.1.1 <address>: Recipient address rejected: User unknown`.
    /// With `account`, the server advertises AUTH PLAIN and answers MAIL with 530 until the client has logged in
    /// with that user and password (535 for wrong ones). `startTLS` says whether STARTTLS is advertised and
    /// how the command is answered.
    public init(
        refusedRecipients: Set<String> = [], account: (user: String, password: String)? = nil,
        startTLS: StartTLS = .notOffered
    ) throws {
        self.refusedRecipients = Set(refusedRecipients.map { $0.lowercased() })
        self.account = account
        self.startTLS = startTLS
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSMTPServerError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 8) == 0 else {
            let code = errno
            close(socket)
            throw TestSMTPServerError.socket("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        listener = socket
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in
            acceptLoop()
            finished.signal()
        }
        thread.start()
    }

    deinit {
        stop()
    }

    /// `smtp://127.0.0.1:<port>`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Messages received so far, in order.
    public var messages: [ReceivedMail] {
        lock.withLock { received }
    }

    /// Every command line the server read (DATA contents excluded), in order.
    public var commandLog: [String] {
        lock.withLock { commands }
    }

    /// Stops accepting connections and waits for the server thread to end.
    public func stop() {
        let wasRunning = lock.withLock {
            let running = !stopped
            stopped = true
            return running
        }
        guard wasRunning else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        finished.wait()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            serve(SMTPConnection(socket: connection))
            close(connection)
        }
    }

    private func serve(_ connection: SMTPConnection) {
        connection.write("220 127.0.0.1 ESMTP aggregator test server")
        var greeting = ""
        var user: String?
        var sender: String?
        var recipients: [String] = []
        while let line = connection.readLine() {
            lock.withLock { commands.append(line) }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO ") {
                greeting = String(line.dropFirst(5))
                let auth = account == nil ? "" : "250-AUTH PLAIN\r\n"
                let tls = startTLS == .notOffered ? "" : "250-STARTTLS\r\n"
                connection.write(
                    "250-127.0.0.1 greets \(greeting)\r\n250-8BITMIME\r\n\(tls)\(auth)250-SIZE 10485760\r\n250 HELP")
            } else if upper == "STARTTLS", startTLS == .refused {
                connection.write("454 4.7.0 TLS not available due to temporary reason")
            } else if upper == "STARTTLS", startTLS == .acceptedWithoutTLS {
                connection.write("220 2.0.0 Ready to start TLS")
                return
            } else if upper.hasPrefix("HELO ") {
                greeting = String(line.dropFirst(5))
                connection.write("250 127.0.0.1")
            } else if upper.hasPrefix("AUTH PLAIN"), let account {
                var response = String(line.dropFirst(10)).trimmingCharacters(in: .whitespaces)
                if response.isEmpty {
                    connection.write("334 ")
                    response = connection.readLine() ?? ""
                }
                let fields =
                    Data(base64Encoded: response).map { String(decoding: $0, as: UTF8.self) }?
                    .split(separator: "\0", omittingEmptySubsequences: false).map(String.init) ?? []
                if fields.count == 3, fields[1] == account.user, fields[2] == account.password {
                    user = fields[1]
                    connection.write("235 2.7.0 Authentication successful")
                } else {
                    connection.write("535 5.7.8 Error: authentication failed")
                }
            } else if upper.hasPrefix("MAIL FROM:"), account != nil, user == nil {
                connection.write("530 5.7.0 Must issue an AUTH command first")
            } else if upper.hasPrefix("MAIL FROM:") {
                sender = Self.address(in: line.dropFirst(10))
                recipients = []
                connection.write("250 2.1.0 OK")
            } else if upper.hasPrefix("RCPT TO:") {
                let recipient = Self.address(in: line.dropFirst(8))
                if sender == nil {
                    connection.write("503 5.5.1 Error: need MAIL command")
                } else if refusedRecipients.contains(recipient.lowercased()) {
                    connection.write("550 5.1.1 <\(recipient)>: Recipient address rejected: User unknown")
                } else {
                    recipients.append(recipient)
                    connection.write("250 2.1.5 OK")
                }
            } else if upper == "DATA" {
                guard let from = sender, !recipients.isEmpty else {
                    connection.write("503 5.5.1 Error: no valid recipients")
                    continue
                }
                connection.write("354 End data with <CR><LF>.<CR><LF>")
                guard let data = connection.readData() else { return }
                let mail = ReceivedMail(
                    greeting: greeting, sender: from, recipients: recipients, data: data, authenticatedUser: user)
                lock.withLock { received.append(mail) }
                sender = nil
                recipients = []
                connection.write("250 2.0.0 OK: queued as \(messages.count)")
            } else if upper == "RSET" {
                sender = nil
                recipients = []
                connection.write("250 2.0.0 OK")
            } else if upper == "NOOP" {
                connection.write("250 2.0.0 OK")
            } else if upper == "QUIT" {
                connection.write("221 2.0.0 Bye")
                return
            } else {
                connection.write("502 5.5.2 Error: command not recognized")
            }
        }
    }

    /// The address inside `<...>` (or the whole argument), ignoring ESMTP parameters such as SIZE=.
    private static func address(in argument: Substring) -> String {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.firstIndex(of: "<"), let close = trimmed[open...].firstIndex(of: ">") {
            return String(trimmed[trimmed.index(after: open)..<close])
        }
        return String(trimmed.prefix { $0 != " " })
    }
}

/// A socket call failed while starting the test server.
public enum TestSMTPServerError: Error, CustomStringConvertible {
    case socket(String, Int32)

    public var description: String {
        switch self {
        case .socket(let call, let code): return "TestSMTPServer: \(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Line-oriented reading and writing on one accepted socket.
private final class SMTPConnection {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) {
        self.socket = socket
    }

    func write(_ reply: String) {
        let bytes = Array((reply + "\r\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if result <= 0 { return }
            sent += result
        }
    }

    /// One line without its CRLF (or LF), or nil at end of stream or timeout.
    func readLine() -> String? {
        readRawLine().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The DATA section up to the line ".", dot-unstuffed, each line ending in CRLF.
    func readData() -> Data? {
        var data = Data()
        while let line = readRawLine() {
            if line == [UInt8(ascii: ".")] { return data }
            data.append(contentsOf: line.first == UInt8(ascii: ".") ? line.dropFirst() : line[...])
            data.append(contentsOf: [13, 10])
        }
        return nil
    }

    private func readRawLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }
}
