import CXMLShim

/// Receives the events of a `SAXDriver`. Names and values are views into libxml2's buffers: valid only for
/// the duration of the call, so a delegate copies what it keeps (and ideally only what it keeps).
protocol SAXDelegate: AnyObject {
    /// An element starts.
    func saxDriver(_ driver: SAXDriver, didStart element: SAXName, attributes: SAXAttributes)
    /// An element ends (not called for elements still open when a truncated document ends).
    func saxDriver(_ driver: SAXDriver, didEnd element: SAXName)
    /// A piece of character data (CDATA sections included); one text node may arrive in several pieces.
    func saxDriver(_ driver: SAXDriver, foundCharacters bytes: UnsafeBufferPointer<UInt8>)
}

/// A libxml2 problem report (warning, error or fatal error), with the line it was found on.
struct SAXProblem: Sendable, Hashable {
    /// 1 warning, 2 error, 3 fatal error.
    var level: Int
    var line: Int
    var message: String
}

/// What the shim's input-repair filter changed (counts of bare `&`, HTML entities, leading whitespace, ...).
typealias SAXRepairs = axml_repairs

/// An element's qualified name as three NUL-terminated UTF-8 strings owned by libxml2.
struct SAXName {
    var localName: UnsafePointer<UInt8>
    var prefix: UnsafePointer<UInt8>?
    var namespaceURI: UnsafePointer<UInt8>?

    /// Whether the local name is exactly `name` (ASCII), compared as bytes.
    @inline(__always)
    func localNameIs(_ name: StaticString) -> Bool {
        SAXBytes.equal(localName, name)
    }
}

/// The attributes of one start tag, read in place. Values are not NUL-terminated; the shim has already
/// decoded `&#38;` (libxml2's spelling of `&amp;` when entities are not substituted).
struct SAXAttributes {
    let count: Int
    /// `count` groups of five pointers: local name, prefix, namespace URI, value start, value end.
    let storage: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    static var empty: SAXAttributes { SAXAttributes(count: 0, storage: nil) }

    /// The value of the first attribute with this local name, in no namespace or in `namespaceURI` when given.
    func value(_ localName: StaticString, namespaceURI: StaticString? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let storage else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let name = storage[base], SAXBytes.equal(name, localName) else { continue }
            let uri = storage[base + 2]
            if let namespaceURI {
                guard let uri, SAXBytes.equal(uri, namespaceURI) else { continue }
            } else if uri != nil {
                continue
            }
            guard let start = storage[base + 3], let end = storage[base + 4] else { return nil }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value as a String with surrounding whitespace trimmed, or nil when absent or blank.
    func string(_ localName: StaticString, namespaceURI: StaticString? = nil) -> String? {
        guard let bytes = value(localName, namespaceURI: namespaceURI) else { return nil }
        let trimmed = SAXBytes.trimmed(bytes)
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }
}

/// Byte helpers shared by the SAX layer and the feed parsers.
enum SAXBytes {
    /// Compares a NUL-terminated string with an ASCII literal.
    @inline(__always)
    static func equal(_ cString: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<count where cString[index] != bytes[index] {
            return false
        }
        return cString[count] == 0
    }

    /// Compares a byte buffer with an ASCII literal, ignoring ASCII case.
    static func equalIgnoringCase(_ buffer: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard buffer.count == literal.utf8CodeUnitCount else { return false }
        let bytes = literal.utf8Start
        for index in 0..<buffer.count where lowercased(buffer[index]) != lowercased(bytes[index]) {
            return false
        }
        return true
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
    }

    /// The buffer without leading and trailing ASCII whitespace.
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = buffer.baseAddress else { return buffer }
        var start = 0
        var end = buffer.count
        while start < end && isSpace(buffer[start]) { start += 1 }
        while end > start && isSpace(buffer[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }
}

/// The only Swift type that talks to CXMLShim's streaming parser: feeds it bytes and forwards its events.
///
/// The parser keeps an unretained pointer to the driver; every call into C happens inside
/// `withExtendedLifetime(self)`, so the driver outlives each callback, and the callbacks borrow it (and its
/// delegate, which the driver keeps alive) without retaining: thousands of callbacks per document.
///
/// Any XML vocabulary can be read through it (RSS/Atom in `XMLFeedParser`; OPML the same way):
///
/// ```swift
/// final class OutlineCollector: SAXDelegate {
///     var urls: [String] = []
///     func saxDriver(_ driver: SAXDriver, didStart element: SAXName, attributes: SAXAttributes) {
///         if element.localNameIs("outline"), let url = attributes.string("xmlUrl") { urls.append(url) }
///     }
///     func saxDriver(_ driver: SAXDriver, didEnd element: SAXName) {}
///     func saxDriver(_ driver: SAXDriver, foundCharacters bytes: UnsafeBufferPointer<UInt8>) {}
/// }
/// let collector = OutlineCollector()
/// if let driver = SAXDriver(delegate: collector, forcedEncoding: nil, documentURL: nil) {
///     bytes.withUnsafeBytes { _ = driver.feed($0) }
///     driver.finish()   // then read collector.urls, driver.problems, driver.repairs
/// }
/// ```
final class SAXDriver {
    private var parser: OpaquePointer?
    private let delegate: any SAXDelegate
    /// Problems libxml2 reported so far (the shim reports at most 20; the rest are counted in `repairs`).
    private(set) var problems: [SAXProblem] = []

    /// Creates a push parser. `forcedEncoding` overrides the document's declaration (nil: libxml2 decides
    /// from the BOM and declaration). Returns nil when that encoding is unknown to libxml2/iconv.
    init?(delegate: any SAXDelegate, forcedEncoding: String?, documentURL: String?) {
        self.delegate = delegate
        var callbacks = axml_callbacks()
        callbacks.start_element = { context, localName, prefix, uri, count, attributes in
            guard let context, let localName else { return }
            Unmanaged<SAXDriver>.fromOpaque(context)._withUnsafeGuaranteedRef { driver in
                driver.delegate.saxDriver(
                    driver, didStart: SAXName(localName: localName, prefix: prefix, namespaceURI: uri),
                    attributes: count > 0 ? SAXAttributes(count: Int(count), storage: attributes) : .empty)
            }
        }
        callbacks.end_element = { context, localName, prefix, uri in
            guard let context, let localName else { return }
            Unmanaged<SAXDriver>.fromOpaque(context)._withUnsafeGuaranteedRef { driver in
                driver.delegate.saxDriver(
                    driver, didEnd: SAXName(localName: localName, prefix: prefix, namespaceURI: uri))
            }
        }
        callbacks.characters = { context, bytes, length in
            guard let context, let bytes, length > 0 else { return }
            Unmanaged<SAXDriver>.fromOpaque(context)._withUnsafeGuaranteedRef { driver in
                driver.delegate.saxDriver(
                    driver, foundCharacters: UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
        }
        callbacks.problem = { context, level, line, _, message in
            guard let context else { return }
            let driver = Unmanaged<SAXDriver>.fromOpaque(context).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? "unknown problem"
            driver.problems.append(SAXProblem(level: Int(level), line: Int(line), message: text))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let created: OpaquePointer? = withUnsafePointer(to: &callbacks) { callbacksPointer in
            func create(_ encoding: UnsafePointer<CChar>?) -> OpaquePointer? {
                if let documentURL {
                    return documentURL.withCString { axml_parser_create(callbacksPointer, context, encoding, $0) }
                }
                return axml_parser_create(callbacksPointer, context, encoding, nil)
            }
            if let forcedEncoding {
                return forcedEncoding.withCString { create($0) }
            }
            return create(nil)
        }
        guard let created else { return nil }
        parser = created
    }

    deinit {
        axml_parser_free(parser)
    }

    /// Feeds the next chunk. Returns false once the parser has stopped (fatal error or `stop()`).
    @discardableResult
    func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let parser, let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return withExtendedLifetime(self) {
            axml_parser_feed(parser, base.assumingMemoryBound(to: CChar.self), bytes.count) == 0
        }
    }

    /// Signals the end of input. Returns whether the document was well-formed (after the shim's repairs).
    @discardableResult
    func finish() -> Bool {
        guard let parser else { return false }
        return withExtendedLifetime(self) { axml_parser_finish(parser) == 0 }
    }

    /// Stops parsing; later `feed` calls are ignored. Safe to call from a delegate callback.
    func stop() {
        guard let parser else { return }
        axml_parser_stop(parser)
    }

    /// Whether no well-formedness error has been seen so far.
    var isWellFormed: Bool {
        guard let parser else { return false }
        return axml_parser_well_formed(parser) != 0
    }

    /// What the shim's input-repair filter changed so far.
    var repairs: SAXRepairs {
        guard let parser else { return SAXRepairs() }
        return axml_parser_repairs(parser)
    }

    /// The encoding libxml2 ended up using, if known.
    var encoding: String? {
        guard let parser, let name = axml_parser_encoding(parser) else { return nil }
        return String(cString: name)
    }
}
