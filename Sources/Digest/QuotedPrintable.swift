/// Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text, with CRLF line ends and lines of at most 76
/// characters. Any `\n`, `\r\n` or `\r` in the input is a hard line break. It also encodes a `.` at the start
/// of a line and the `F` of a leading `From `, so neither `sendmail` nor mbox files can alter the body.
enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
        var line: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0

        func emitSoftBreakIfNeeded(adding count: Int) {
            if line.count + count > 75 {
                output += line
                output += Array("=\r\n".utf8)
                line.removeAll(keepingCapacity: true)
            }
        }
        func append(_ byte: UInt8, encoded: Bool) {
            if encoded {
                emitSoftBreakIfNeeded(adding: 3)
                line += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                emitSoftBreakIfNeeded(adding: 1)
                if line.isEmpty && byte == UInt8(ascii: ".") {
                    line += [UInt8(ascii: "="), UInt8(ascii: "2"), UInt8(ascii: "E")]
                } else {
                    line.append(byte)
                }
            }
        }
        func endLine() {
            output += line
            output += [13, 10]
            line.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 || byte == 10 {
                endLine()
                index += (byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) ? 2 : 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 10
            let atLineEnd = next == 10 || next == 13
            let atLineStart = line.isEmpty
            let mustEncode: Bool
            switch byte {
            case 9, 32: mustEncode = atLineEnd
            case UInt8(ascii: "="): mustEncode = true
            case UInt8(ascii: "."): mustEncode = atLineStart
            case UInt8(ascii: "F"):
                mustEncode = atLineStart && bytes[index...].starts(with: Array("From ".utf8))
            case 33...126: mustEncode = false
            default: mustEncode = true
            }
            append(byte, encoded: mustEncode)
            index += 1
        }
        if !line.isEmpty { endLine() }
        return String(decoding: output, as: UTF8.self)
    }
}
