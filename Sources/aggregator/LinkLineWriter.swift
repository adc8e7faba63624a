import FeedModel

/// Renders claim links as JSON Lines: `{"item","feed","claim","stance","confidence","terms","field","snippet"}`.
struct LinkLineWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends one link as one line.
    mutating func write(_ link: ClaimLink, feed: String) {
        append("{\"item\":")
        string(link.itemID)
        append(",\"feed\":")
        string(feed)
        append(",\"claim\":")
        string(link.claimID)
        append(",\"stance\":\"\(link.stance.rawValue)\",\"confidence\":")
        let hundredths = Int((link.confidence * 100).rounded())
        append("\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)")
        append(",\"terms\":[")
        for (index, term) in link.terms.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(term)
        }
        append("],\"field\":\"\(link.field.rawValue)\",\"snippet\":")
        string(link.snippet)
        append("}\n")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; other text as UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
