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

    /// A JSON string escaped as Foundation's encoder does (see `string(_:foundationStyle:)`).
    mutating func encoderString(_ value: String) {
        string(value, foundationStyle: true)
    }

    /// A finite number as Foundation's encoder writes it: Swift's shortest description, without a trailing
    /// `.0`.
    mutating func encoderDouble(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}
