import CCurl
import FeedModel
import Foundation

/// One libcurl easy handle and everything its callbacks touch. Confined to the thread running `CurlMulti`.
///
/// The C callbacks recover the transfer from the user-data pointer; `CurlMulti` keeps every transfer alive
/// until its handle has been removed from the multi handle, so the unretained pointer is always valid.
final class CurlTransfer {
    let index: Int
    let request: FetchRequest
    let hostKey: String
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let maxBodyBytes: Int64
    private let makeSlot: (ResponseHead) -> (any BodySlot)?

    private var headers: ResponseHeaderParser
    private(set) var slot: (any BodySlot)?
    private var slotRequested = false
    private var bodyBytes: Int64 = 0
    private var capExceeded = false
    private var rejectedBySink = false
    private var startedAt: Date?
    private var released = false
    /// Set once the transfer has ended (or was never started); `CurlMulti` reads it into the outcome.
    private(set) var result: (status: FetchStatus, head: ResponseHead?, redirects: [Redirect])?
    private(set) var duration: TimeInterval = 0
    var receivedBytes: Int64 { bodyBytes }

    init?(
        index: Int, request: FetchRequest, hostKey: String, maxBodyBytes: Int64,
        makeSlot: @escaping (ResponseHead) -> (any BodySlot)?
    ) {
        guard let handle = curl_easy_init() else { return nil }
        self.index = index
        self.request = request
        self.hostKey = hostKey
        self.handle = handle
        self.maxBodyBytes = maxBodyBytes
        self.makeSlot = makeSlot
        headers = ResponseHeaderParser(url: request.url)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        if !released {
            curl_easy_cleanup(handle)
            curl_slist_free_all(headerList)
        }
        errorBuffer.deallocate()
    }

    /// Drops the sink and the easy handle's buffers once the outcome has been delivered.
    func release() {
        slot = nil
        if !released {
            released = true
            curl_easy_cleanup(handle)
            curl_slist_free_all(headerList)
            headerList = nil
        }
    }

    /// Records an outcome for a transfer that never reached libcurl (bad URL, deferred host).
    func settle(_ status: FetchStatus) {
        result = (status, nil, [])
    }

    /// Sets every option; a failure here is a programming or libcurl-build problem, reported per feed.
    func configure(_ configuration: FetcherConfiguration) -> FetchError? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes: [CURLcode] = []
        codes.append(ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url))
        codes.append(ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context))
        codes.append(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        // HTTP and HTTPS only, on redirects too: a Location of file:///etc/passwd fails the transfer.
        codes.append(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        codes.append(ccurl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_MAXREDIRS, configuration.maxRedirects))
        let version = configuration.allowHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(version)))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_PIPEWAIT, 1))
        // "" asks for every content coding this libcurl was built with (gzip, deflate, br, zstd).
        codes.append(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        codes.append(ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent))
        codes.append(
            ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(configuration.connectTimeout)))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(configuration.totalTimeout)))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit))
        codes.append(
            ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Int(configuration.lowSpeedTime.rounded(.up))))
        codes.append(
            ccurl_easy_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxBodyBytes)))
        codes.append(ccurl_easy_setopt_long(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1))
        codes.append(ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback))
        codes.append(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        codes.append(ccurl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback))
        codes.append(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context))

        var lines = ["Accept: \(Self.acceptHeader)"]
        if configuration.useValidators {
            if let etag = request.etag, !etag.isEmpty { lines.append("If-None-Match: \(etag)") }
            if let modified = request.lastModified, !modified.isEmpty { lines.append("If-Modified-Since: \(modified)") }
        }
        for line in lines where !line.contains("\r") && !line.contains("\n") {
            headerList = curl_slist_append(headerList, line)
        }
        codes.append(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))

        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            return FetchError(
                .transport, feedURL: request.feedURL,
                reason: "libcurl rejected an option (\(String(cString: curl_easy_strerror(failed))))",
                hint: "the installed libcurl is too old or built without HTTP support; install libcurl 7.85 or newer",
                curlCode: Int(failed.rawValue))
        }
        startedAt = Date()
        return nil
    }

    private static let acceptHeader =
        "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
        + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

    private func milliseconds(_ seconds: TimeInterval) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}

// MARK: - Callbacks (run inside curl_multi_perform)

extension CurlTransfer {
    fileprivate func takeHeader(_ buffer: UnsafeRawBufferPointer) {
        headers.consume(bytes: buffer)
    }

    /// Returns the number of bytes taken; anything else makes libcurl abort with CURLE_WRITE_ERROR.
    fileprivate func takeBody(_ buffer: UnsafeRawBufferPointer) -> Int {
        bodyBytes += Int64(buffer.count)
        if bodyBytes > maxBodyBytes {
            capExceeded = true
            return 0
        }
        guard headers.head.statusCode == 200 else { return buffer.count }
        if !slotRequested {
            slotRequested = true
            slot = makeSlot(headers.head)
        }
        guard let slot else { return buffer.count }
        if !slot.receive(buffer) {
            rejectedBySink = true
            return 0
        }
        return buffer.count
    }
}

private let curlWriteCallback: ccurl_data_callback = { buffer, size, count, context in
    guard let context, let buffer else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.takeBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
}

private let curlHeaderCallback: ccurl_data_callback = { buffer, size, count, context in
    guard let context, let buffer else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.takeHeader(UnsafeRawBufferPointer(start: buffer, count: size * count))
    return size * count
}

// MARK: - Completion

extension CurlTransfer {
    /// Classifies the finished transfer and closes the sink.
    func complete(code: CURLcode) {
        duration = startedAt.map { Date().timeIntervalSince($0) } ?? 0
        var head = headers.head
        var effective: UnsafeMutablePointer<CChar>?
        if ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK, let effective {
            head.url = String(cString: effective)
        }
        let status: FetchStatus
        if code == CURLE_OK {
            status = classify(head)
        } else {
            status = .failed(error(for: code))
        }
        if case .fetched = status, !slotRequested {
            slotRequested = true
            slot = makeSlot(head)  // an empty 200 body still reaches the sink
        }
        if let slot {
            if case .failed(let error) = status {
                slot.finish(error: error)
            } else {
                slot.finish(error: nil)
            }
        }
        let received = head.statusCode == 0 ? nil : head
        result = (status, received, headers.redirects)
    }

    private func classify(_ head: ResponseHead) -> FetchStatus {
        let code = head.statusCode
        let url = request.feedURL
        switch code {
        case 200: return .fetched
        case 304: return .notModified
        case 410: return .gone
        case 429, 503:
            let wait = head.retryAfter.map { " until \($0.rfc3339)" } ?? ""
            return .failed(
                FetchError(
                    .rateLimited, feedURL: url,
                    reason:
                        "the server answered \(code) (\(code == 429 ? "too many requests" : "unavailable")), asking us to wait\(wait)",
                    hint: "nothing to do: the whole host is paused until then and retried automatically",
                    statusCode: code))
        case 404:
            return .failed(
                FetchError(
                    .httpStatus, feedURL: url, reason: "the server answered 404 Not Found",
                    hint:
                        "check the URL in a browser; if the feed moved, `aggregator feeds remove` it and add the new URL",
                    statusCode: code))
        case 401, 403:
            return .failed(
                FetchError(
                    .httpStatus, feedURL: url, reason: "the server refused access (\(code))",
                    hint: "the feed may need a login or block automated clients; check it in a browser or remove it",
                    statusCode: code))
        case 500...599:
            return .failed(
                FetchError(
                    .httpStatus, feedURL: url, reason: "the server failed with \(code)",
                    hint: "usually temporary: it is retried with back-off; if it persists, tell the site's owner",
                    statusCode: code))
        case 300...399:
            return .failed(
                FetchError(
                    .httpStatus, feedURL: url, reason: "the server answered \(code) without a usable Location",
                    hint: "the site's redirect is broken; find the feed's new URL and subscribe to it", statusCode: code
                ))
        default:
            return .failed(
                FetchError(
                    .httpStatus, feedURL: url, reason: "the server answered an unexpected status \(code)",
                    hint: "check the URL in a browser; remove the feed if it no longer serves a feed",
                    statusCode: code))
        }
    }

    private func error(for code: CURLcode) -> FetchError {
        let detail = String(cString: errorBuffer)
        let curlText = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let url = request.feedURL
        func make(_ kind: FetchError.Kind, _ reason: String, _ hint: String) -> FetchError {
            FetchError(
                kind, feedURL: url, reason: reason, hint: hint,
                statusCode: headers.head.statusCode == 0 ? nil : headers.head.statusCode, curlCode: Int(code.rawValue))
        }
        let megabytes = Double(maxBodyBytes) / 1_048_576
        switch code {
        case CURLE_WRITE_ERROR where capExceeded, CURLE_FILESIZE_EXCEEDED:
            return make(
                .tooLarge,
                "the body is larger than the \(String(format: "%.0f", megabytes)) MiB limit; download stopped",
                "the URL may not be a feed (or is an endless stream); check it, or raise the limit if the feed is really that big"
            )
        case CURLE_WRITE_ERROR where rejectedBySink:
            return make(
                .rejectedBody, "the body was rejected while parsing it",
                "the URL does not serve a feed the parser understands; check it in a browser")
        case CURLE_UNSUPPORTED_PROTOCOL:
            let target = headers.head.location ?? request.url
            let redirected = !headers.redirects.isEmpty || headers.head.location != nil
            return make(
                .unsupportedProtocol,
                redirected
                    ? "a redirect pointed to \(target), which is not http or https; refused"
                    : "the URL is not http or https; refused",
                "only http(s) feeds are fetched; if the site really moved, subscribe to its new http(s) URL")
        case CURLE_URL_MALFORMAT:
            return make(.invalidURL, "the URL is malformed (\(curlText))", "fix the URL in the subscription list")
        case CURLE_TOO_MANY_REDIRECTS:
            return make(
                .tooManyRedirects, "too many redirects (a loop, or more than the limit)",
                "open the URL in a browser; if it loops there too, tell the site's owner or remove the feed")
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(
                .hostNotFound, "the host name does not resolve (\(curlText))",
                "check the spelling and your DNS; the domain may have expired")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return make(
                .proxy, "the proxy does not resolve (\(curlText))", "check http_proxy/https_proxy in the environment")
        case CURLE_COULDNT_CONNECT:
            return make(
                .connectionFailed, "could not connect (\(curlText))",
                "the server may be down or blocking us; it is retried with back-off")
        case CURLE_OPERATION_TIMEDOUT where curlText.lowercased().contains("too slow"):
            return make(
                .tooSlow, "the server sent data too slowly and the download was aborted (\(curlText))",
                "usually temporary: it is retried with back-off")
        case CURLE_OPERATION_TIMEDOUT:
            return make(
                .timedOut, "the transfer timed out (\(curlText))", "usually temporary: it is retried with back-off")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return make(
                .tls, "the TLS connection failed (\(curlText))",
                "the site's certificate may be invalid or expired; do not bypass it, tell the site's owner")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            return make(
                .connectionLost, "the connection broke before the response was complete (\(curlText))",
                "usually temporary: it is retried with back-off")
        case CURLE_BAD_CONTENT_ENCODING:
            return make(
                .badContentEncoding, "the compressed body is corrupt or truncated (\(curlText))",
                "usually a server or proxy fault; it is retried with back-off")
        default:
            return make(.transport, "the transfer failed (\(curlText))", "it is retried with back-off")
        }
    }
}
