import Foundation
import TestSupport

/// What Python's `email` package (a real, strict MIME parser) makes of a message.
struct ParsedMIME: Decodable {
    struct Part: Decodable {
        var type: String
        var charset: String?
        var encoding: String?
        var content: String
        var defects: [String]
    }
    var defects: [String]
    var headers: [[String]]
    var subject: String
    var from: String
    var to: String
    var type: String
    var parts: [Part]
    var longestHeaderLine: Int
    var longestBodyLine: Int
    var bareLineFeeds: Int
    var bareCarriageReturns: Int

    func header(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }

    /// Runs `python3` on `message` and decodes its report.
    static func parse(_ message: String) throws -> ParsedMIME {
        let directory = try CommandRunner.temporaryDirectory("mime")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("message.eml")
        try Data(message.utf8).write(to: file)
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path])
        guard result.status == 0 else { throw ParserFailure(message: result.standardError) }
        return try JSONDecoder().decode(ParsedMIME.self, from: Data(result.standardOutput.utf8))
    }

    struct ParserFailure: Error {
        var message: String
    }

    static let script = #"""
        import sys, json, email
        from email import policy
        raw = open(sys.argv[1], 'rb').read()
        msg = email.message_from_bytes(raw, policy=policy.default)
        head, _, body = raw.partition(b'\r\n\r\n')
        parts = []
        for part in (msg.iter_parts() if msg.is_multipart() else []):
            parts.append({'type': part.get_content_type(), 'charset': part.get_content_charset(),
                          'encoding': part['Content-Transfer-Encoding'], 'content': part.get_content(),
                          'defects': [type(d).__name__ for d in part.defects]})
        print(json.dumps({
            'defects': [type(d).__name__ for d in msg.defects],
            'headers': [[k, str(v)] for k, v in msg.items()],
            'subject': str(msg['subject']), 'from': str(msg['from']), 'to': str(msg['to']),
            'type': msg.get_content_type(), 'parts': parts,
            'longestHeaderLine': max(len(l) for l in head.split(b'\r\n')),
            'longestBodyLine': max(len(l) for l in body.split(b'\r\n')),
            'bareLineFeeds': raw.replace(b'\r\n', b'').count(b'\n'),
            'bareCarriageReturns': raw.replace(b'\r\n', b'').count(b'\r'),
        }))
        """#
}
