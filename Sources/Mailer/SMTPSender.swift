import CCurl
import Foundation

/// Sends one message through libcurl's SMTP client: MAIL FROM, RCPT TO for every recipient (any refusal fails
/// the whole send), DATA with the message uploaded from memory (libcurl does the dot-stuffing).
struct SMTPSender {
    var url: String
    var host: String
    var implicitTLS: Bool
    var credentials: SMTPCredentials?
    var connectTimeoutSeconds: Int
    var timeoutSeconds: Int

    func send(_ message: [UInt8], from sender: String, to recipients: [String]) throws(MailerError) {
        // Everything libcurl points at is created before the handle, so that the deferred cleanup (which may
        // still talk to the server, QUIT, and call the debug callback) runs while all of it is alive.
        let transfer = SMTPTransfer(message: message)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        for recipient in recipients {
            guard let appended = curl_slist_append(recipientList, "<\(recipient)>") else {
                throw .invalidEnvelope("out of memory while listing recipients")
            }
            recipientList = appended
        }
        guard let handle = curl_easy_init() else {
            throw .smtp(
                url: url, curlCode: -1, curlMessage: "libcurl could not create a handle", responseCode: 0,
                serverReply: nil)
        }
        defer { withExtendedLifetime(transfer) { curl_easy_cleanup(handle) } }

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let result: CURLcode = withExtendedLifetime(transfer) {
            var setup = CURLE_OK
            func set(_ code: CURLcode) { if setup == CURLE_OK { setup = code } }
            // The URL's path is the name libcurl gives in EHLO; without one it says "localhost".
            set(ccurl_easy_setopt_string(handle, CURLOPT_URL, Self.hostName().map { "\(url)/\($0)" } ?? url))
            set(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
            set(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            set(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
            set(ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, connectTimeoutSeconds))
            set(ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT, timeoutSeconds))
            set(ccurl_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"))
            set(ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList))
            set(ccurl_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(tlsLevel.rawValue)))
            if let credentials {
                set(ccurl_easy_setopt_string(handle, CURLOPT_USERNAME, credentials.user))
                set(ccurl_easy_setopt_string(handle, CURLOPT_PASSWORD, credentials.password))
            } else {
                set(ccurl_easy_setopt_long(handle, CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue)))
            }
            set(ccurl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1))
            set(ccurl_easy_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)))
            set(ccurl_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION, smtpReadCallback))
            set(ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, context))
            // The debug callback only sees traffic with VERBOSE on; it keeps the server's replies, prints nothing.
            set(ccurl_easy_setopt_debug_callback(handle, smtpDebugCallback))
            set(ccurl_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, context))
            set(ccurl_easy_setopt_long(handle, CURLOPT_VERBOSE, 1))
            guard setup == CURLE_OK else { return setup }
            return curl_easy_perform(handle)
        }
        guard result != CURLE_OK else { return }
        var response = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &response)
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail
        throw .smtp(
            url: url, curlCode: Int(result.rawValue), curlMessage: message, responseCode: response,
            serverReply: transfer.lastErrorReply)
    }

    /// This machine's host name when it is a plain DNS name (letters, digits, "-" and "."), for EHLO.
    private static func hostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return name.isEmpty || !allowed ? nil : name
    }

    /// STARTTLS when offered; required when a password would otherwise cross the network in the clear.
    private var tlsLevel: curl_usessl {
        if implicitTLS { return CURLUSESSL_ALL }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        return credentials != nil && !loopback ? CURLUSESSL_ALL : CURLUSESSL_TRY
    }
}

/// The upload state and the server's replies, shared with the C callbacks through an opaque pointer.
private final class SMTPTransfer {
    let message: [UInt8]
    var offset = 0
    var replies: [String] = []

    init(message: [UInt8]) {
        self.message = message
    }

    /// The last 4xx/5xx reply line, else nil.
    var lastErrorReply: String? {
        replies.last { $0.first == "4" || $0.first == "5" }
    }
}

private func smtpReadCallback(
    buffer: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return Int(CURL_READFUNC_ABORT) }
    let transfer = Unmanaged<SMTPTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, transfer.message.count - transfer.offset)
    guard length > 0 else { return 0 }
    transfer.message.withUnsafeBytes { bytes in
        guard let base = bytes.baseAddress else { return }
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + transfer.offset, byteCount: length)
    }
    transfer.offset += length
    return length
}

private func smtpDebugCallback(
    handle: UnsafeMutableRawPointer?, kind: curl_infotype, data: UnsafeMutablePointer<CChar>?, size: Int,
    context: UnsafeMutableRawPointer?
) -> Int32 {
    guard kind == CURLINFO_HEADER_IN, let data, let context, size > 0 else { return 0 }
    let transfer = Unmanaged<SMTPTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: min(size, 2048))
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(whereSeparator: { $0 == "\r" || $0 == "\n" }) where !line.isEmpty {
        transfer.replies.append(String(line.filter { !$0.isASCII || ($0.asciiValue ?? 0) >= 0x20 }))
        if transfer.replies.count > 64 { transfer.replies.removeFirst() }
    }
    return 0
}
