import FeedModel

extension JSONWriter {
    /// A claim link as `StoreJSON.encoder` writes it (keys sorted, slashes not escaped), byte for byte (and, like
    /// the encoder, refuses a confidence that is not finite), without going through Foundation's encoder: tagging writes one link record per (item, claim), and the link's
    /// bytes are hashed too (`ItemKeys.linkHash`). `LinkJSONTests` compares the two on awkward values.
    mutating func link(_ link: ClaimLink) throws(StoreError) {
        guard link.confidence.isFinite else {
            throw StoreError.invalidArgument(
                "cannot encode ClaimLink as JSON: the confidence of the link of \(link.itemID) to \(link.claimID) is "
                    + "not a finite number")
        }
        raw("{")
        key("claimID", first: true)
        encoderString(link.claimID)
        key("confidence")
        encoderDouble(link.confidence)
        key("field")
        encoderString(link.field.rawValue)
        key("itemID")
        encoderString(link.itemID)
        key("snippet")
        encoderString(link.snippet)
        key("stance")
        encoderString(link.stance.rawValue)
        key("terms")
        bytes.append(UInt8(ascii: "["))
        for (index, term) in link.terms.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            encoderString(term)
        }
        bytes.append(UInt8(ascii: "]"))
        raw("}")
    }

    /// A JSON string escaped as Foundation's encoder does: `"` and `\`, the short escapes \b \f \n \r \t, other
    /// control characters as `\u00xx`; everything else (slashes, non-ASCII) as it is.
    mutating func encoderString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 15)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number as Foundation's encoder writes it: Swift's shortest description, without a trailing
    /// `.0`.
    mutating func encoderDouble(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
