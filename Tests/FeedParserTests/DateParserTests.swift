import FeedModel
import FeedParser
import Foundation
import Testing

@Suite struct DateParserTests {
    /// Input and the expected instant in RFC 3339 UTC.
    static let rfc822Cases: [(String, String)] = [
        ("Fri, 22 Aug 2025 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 +0000", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 UT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 UTC", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 Z", "2025-08-22T10:00:00Z"),
        ("22 Aug 2025 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Friday, 22 August 2025 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("fri, 22 aug 2025 10:00:00 gmt", "2025-08-22T10:00:00Z"),
        ("FRI, 22 AUG 2025 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Fri, 2 Aug 2025 10:00:00 GMT", "2025-08-02T10:00:00Z"),
        ("Fri, 22 Aug 25 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Sat, 22 Aug 98 10:00:00 GMT", "1998-08-22T10:00:00Z"),
        ("Fri, 22 Aug 125 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00 GMT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025", "2025-08-22T00:00:00Z"),
        ("  Fri,   22  Aug   2025\t10:00:00\n GMT  ", "2025-08-22T10:00:00Z"),
        ("Fri,22 Aug 2025 10:00:00 GMT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 +0300", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 +03:00", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 05:00:00 -0500", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 15:30:00 +0530", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 GMT+3", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 GMT+03:00", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 05:00:00 EST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 06:00:00 EDT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 04:00:00 CST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 05:00:00 CDT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 03:00:00 MST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 04:00:00 MDT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 02:00:00 PST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 03:00:00 PDT", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 11:00:00 BST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 11:00:00 CET", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 12:00:00 CEST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 12:00:00 EET", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 EEST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 MSK", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 15:30:00 IST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 19:00:00 JST", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 11:00:00 A", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 22:00:00 M", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 09:00:00 N", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 03:00:00 T", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 00:00:00 Y", "2025-08-22T12:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 -0700 (PDT)", "2025-08-22T17:00:00Z"),
        ("Fri, 22 Aug 2025 13:00:00 +0300 MSK", "2025-08-22T10:00:00Z"),
        ("Fri, 22 Aug 2025 10:00:00 +0000 UTC", "2025-08-22T10:00:00Z"),
        ("Fri Aug 22 10:00:00 2025", "2025-08-22T10:00:00Z"),
        ("Fri Aug 22 2025 13:00:00 GMT+0300 (Eastern European Summer Time)", "2025-08-22T10:00:00Z"),
        ("Fri Aug 22 10:00:00 UTC 2025", "2025-08-22T10:00:00Z"),
        ("Aug 22, 2025 10:00:00", "2025-08-22T10:00:00Z"),
        ("22-Aug-2025 10:00:00 +0000", "2025-08-22T10:00:00Z"),
        ("Mon, 26 Jun 2017 3:41 PM EDT", "2017-06-26T19:41:00Z"),
        ("Mon, 26 Jun 2017 12:05 AM GMT", "2017-06-26T00:05:00Z"),
        ("Thu, 4 Sept 2025 10:00:00 GMT", "2025-09-04T10:00:00Z"),
        ("Thurs, 4 September 2025 10:00:00 GMT", "2025-09-04T10:00:00Z"),
        ("Tue, 1 Jan 2019 00:30:00 +0100", "2018-12-31T23:30:00Z"),
        ("Sat, 29 Feb 2020 12:00:00 GMT", "2020-02-29T12:00:00Z"),
        ("Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00Z"),
        ("Fri, 31 Dec 1999 23:59:59 GMT", "1999-12-31T23:59:59Z"),
        ("Mon, 26 Jun 2017 12:20:05 GMT", "2017-06-26T12:20:05Z"),
    ]

    static let isoCases: [(String, String)] = [
        ("2025-08-22T10:00:00Z", "2025-08-22T10:00:00Z"),
        ("2025-08-22t10:00:00z", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00:00+00:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T13:00:00+03:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T13:00:00+0300", "2025-08-22T10:00:00Z"),
        ("2025-08-22T13:00:00+03", "2025-08-22T10:00:00Z"),
        ("2025-08-22T05:00:00-05:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00:00.123Z", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00:00.123456789+00:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00:00,5Z", "2025-08-22T10:00:00Z"),
        ("2025-08-22 10:00:00Z", "2025-08-22T10:00:00Z"),
        ("2025-08-22 10:00:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22 10:00:00 +0000", "2025-08-22T10:00:00Z"),
        ("2025-08-22 10:00:00 UTC", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00Z", "2025-08-22T10:00:00Z"),
        ("2025-08-22T12:00+02:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T10:00:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22", "2025-08-22T00:00:00Z"),
        ("2025-08", "2025-08-01T00:00:00Z"),
        ("2025", "2025-01-01T00:00:00Z"),
        ("20250822T100000Z", "2025-08-22T10:00:00Z"),
        ("20250822", "2025-08-22T00:00:00Z"),
        ("2025/08/22 10:00:00", "2025-08-22T10:00:00Z"),
        ("2025-08-22T00:30:00+01:00", "2025-08-21T23:30:00Z"),
        ("2024-12-31T23:00:00-02:00", "2025-01-01T01:00:00Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("1600-03-01T00:00:00Z", "1600-03-01T00:00:00Z"),
        ("2025-08-22T24:00:00Z", "2025-08-23T00:00:00Z"),
        ("2020-02-21T18:08:06+01:00", "2020-02-21T17:08:06Z"),
        ("2022-07-26 13:01:01", "2022-07-26T13:01:01Z"),
        ("  2025-08-22T10:00:00Z\n", "2025-08-22T10:00:00Z"),
    ]

    static let invalid: [String] = [
        "", " ", "\n\t", "garbage", "not a date at all", "Fri", "2025-13-01", "2025-00-10", "2025-02-30",
        "2023-02-29", "2025-08-32", "2025-08-22T25:00:00Z", "2025-08-22T10:60:00Z", "2025-08-22T10:00:61Z",
        "2025-08-22T24:00:01Z", "2025-08-22T10:00:00+24:00", "2025-08-22T10:00:00Zjunk", "2025-08-22T", "2025-",
        "2025-08-22Tnoon", "Fri, 32 Aug 2025 10:00:00 GMT", "Fri, 22 Foo 2025 10:00:00 GMT",
        "Fri, 22 Aug 2025 10:00:00 XYZ", "Fri, 22 Aug 2025 25:00:00 GMT", "Fri, 22 Aug 10:00:00 GMT",
        "Fri, Aug 2025", "22 Aug", "Fri, 22 Aug 2025 10:00:00 +99:99", "Fri, 29 Feb 2025 10:00:00 GMT",
        "Fri, 22 Aug 2025 10:00:00 GMT GMT", "Fri, 22 Aug 2025 10:00:00 +0000 UTC GMT",
        "Fri, 22 Aug 2025 10:00:00 GMT +0000", "Fri, 22 Aug 2025 10:00:00 -0700 (PDT", "22.08.2025",
        "12345678901234567890", "2025-08-22T10:00:00.Z", "Fri, 22 Aug 20255 10:00:00 GMT", "1 2 3",
        "Fri, 22 Aug 2025 13:00 PM", "¡Fri, 22 Aug 2025!", "\u{0}\u{1}\u{2}", "2025-08-22\u{0}",
        String(repeating: "9", count: 10_000),
    ]

    @Test(arguments: rfc822Cases)
    func rfc822(_ input: String, _ expected: String) throws {
        let date = try #require(DateParser.parse(input), "\(input)")
        #expect(date.rfc3339 == expected, "\(input)")
    }

    @Test(arguments: isoCases)
    func iso8601(_ input: String, _ expected: String) throws {
        let date = try #require(DateParser.parse(input), "\(input)")
        #expect(date.rfc3339 == expected, "\(input)")
    }

    @Test(arguments: invalid)
    func invalidDatesAreNil(_ input: String) {
        #expect(DateParser.parse(input) == nil, "\(input)")
    }

    @Test func exactInstants() throws {
        #expect(DateParser.parse("Thu, 01 Jan 1970 00:00:00 GMT")?.timeIntervalSince1970 == 0)
        #expect(DateParser.parse("2025-08-22T10:00:00Z")?.timeIntervalSince1970 == 1_755_856_800)
        #expect(DateParser.parse("Fri, 22 Aug 2025 13:00:00 +0300")?.timeIntervalSince1970 == 1_755_856_800)
        let fractional = try #require(DateParser.parse("2025-08-22T10:00:00.25Z"))
        #expect(fractional.timeIntervalSince1970 == 1_755_856_800.25)
        #expect(DateParser.parse("9999-12-31T23:59:59Z")?.timeIntervalSince1970 == 253_402_300_799)
    }

    @Test func lengthLimit() {
        let padded = "Fri, 22 Aug 2025 10:00:00 GMT" + String(repeating: " ", count: 200)
        #expect(DateParser.parse(padded) != nil, "trailing whitespace does not count")
        let long = "Fri, 22 Aug 2025 10:00:00 -0700 (" + String(repeating: "x", count: 120) + ")"
        #expect(long.utf8.count > 150)
        #expect(DateParser.parse(long) == nil)
    }

    @Test func bytesAndStringAgree() {
        for (input, _) in Self.rfc822Cases + Self.isoCases {
            let fromBytes = Array(input.utf8).withUnsafeBufferPointer { DateParser.parse($0) }
            #expect(fromBytes == DateParser.parse(input), "\(input)")
        }
    }

    @Test func bytesOfALargerBufferAreParsedInPlace() {
        let document = Array("<pubDate>Fri, 22 Aug 2025 10:00:00 GMT</pubDate>".utf8)
        let date = document.withUnsafeBufferPointer { buffer in
            DateParser.parse(UnsafeBufferPointer(rebasing: buffer[9..<38]))
        }
        #expect(date?.rfc3339 == "2025-08-22T10:00:00Z")
    }

    @Test func emptyBuffer() {
        #expect(DateParser.parse(UnsafeBufferPointer<UInt8>(start: nil, count: 0)) == nil)
    }

    @Test func invalidUTF8IsNil() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x32, 0x30, 0x32, 0x35]
        #expect(bytes.withUnsafeBufferPointer { DateParser.parse($0) } == nil)
    }

    // MARK: Properties

    /// A deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func roundTripsRandomInstants() throws {
        var random = SplitMix(state: 1)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for _ in 0..<5000 {
            // 1900-01-01 ... 2099-12-31, whole seconds.
            let seconds = Int64.random(in: -2_208_988_800..<4_102_444_800, using: &random)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let iso = date.rfc3339
            #expect(DateParser.parse(iso) == date, "\(iso)")

            // The same instant as RFC 822 with a random numeric offset.
            let offsetMinutes = Int.random(in: -12 * 60...14 * 60, using: &random) / 15 * 15
            let local = Date(timeIntervalSince1970: TimeInterval(seconds + Int64(offsetMinutes * 60))).rfc3339
            let year = local.prefix(4)
            let month = try #require(Int(local.dropFirst(5).prefix(2)))
            let day = local.dropFirst(8).prefix(2)
            let time = local.dropFirst(11).prefix(8)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let zone = sign + String(format: "%02d%02d", abs(offsetMinutes) / 60, abs(offsetMinutes) % 60)
            let rfc822 = "Mon, \(day) \(months[month - 1]) \(year) \(time) \(zone)"
            #expect(DateParser.parse(rfc822) == date, "\(rfc822)")
        }
    }

    @Test func randomInputNeverCrashes() {
        var random = SplitMix(state: 42)
        let alphabet = Array("0123456789 ,:.-+TZzGMTUESDPamp()/FriAugSepJunWed\t\u{0}é".utf8)
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...40, using: &random)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            if let date = bytes.withUnsafeBufferPointer({ DateParser.parse($0) }) {
                let seconds = date.timeIntervalSince1970
                #expect(seconds > -62_200_000_000 && seconds < 253_500_000_000, "\(bytes)")
            }
        }
    }
}
