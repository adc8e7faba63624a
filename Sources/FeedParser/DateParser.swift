import Foundation

/// Parses feed dates straight from their bytes, without `DateFormatter` or `Calendar`.
///
/// Two families are understood, chosen by whether the text starts with four digits:
/// - ISO 8601 / RFC 3339 / W3C-DTF: `2025-08-22T10:00:00Z`, `2025-08-22 10:00:00.123+03:00`, `20250822T100000Z`,
///   partial dates `2025`, `2025-08`, `2025-08-22`, missing seconds, no zone (taken as UTC).
/// - RFC 822 / 1123 / 2822 and their real-world variants: `Fri, 22 Aug 2025 10:00:00 GMT`, no weekday, full
///   weekday and month names, any letter case, 1-digit days, 2- and 3-digit years, missing seconds, named zones
///   (`EST`, `CEST`, `MSK`, military letters…), numeric zones (`+0300`, `+03:00`, `GMT+3`), no zone (UTC),
///   `asctime` order (`Fri Aug 22 10:00:00 2025`), AM/PM, and a trailing `(comment)`.
///
/// The instant is computed arithmetically (days from the civil date, as `timegm` does), in the proleptic
/// Gregorian calendar, and normalised to UTC. Anything that is not a valid date (unknown words, out-of-range
/// fields, empty input, more than 150 bytes after trimming) yields nil. The byte path never allocates.
public enum DateParser {
    /// The longest trimmed input that is considered at all.
    static let maximumLength = 150

    /// Parses a date from UTF-8 (or ASCII-compatible) bytes; nil if they do not hold a valid date.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > start, end - start <= maximumLength else { return nil }
        var scanner = Scanner(bytes: bytes, index: start, end: end)
        let fields: Fields?
        if end - start >= 4, isDigit(bytes[start]), isDigit(bytes[start + 1]), isDigit(bytes[start + 2]),
            isDigit(bytes[start + 3])
        {
            fields = scanner.parseISO8601()
        } else {
            fields = scanner.parseRFC822()
        }
        return fields?.date
    }

    /// Parses a date from a string; nil if it does not hold a valid date.
    public static func parse(_ string: String) -> Date? {
        var copy = string
        return copy.withUTF8 { parse($0) }
    }
}

// MARK: - Fields and arithmetic

extension DateParser {
    /// The parsed fields of a date, before validation.
    struct Fields {
        var year = 0
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        /// Seconds east of UTC.
        var offset = 0

        /// The instant, or nil when a field is out of range.
        var date: Date? {
            guard (1...12).contains(month), day >= 1, day <= DateParser.daysInMonth(month, year: year),
                (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            if hour == 24, minute != 0 || second != 0 || fraction != 0 { return nil }
            let days = DateParser.daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}

// MARK: - Scanner

extension DateParser {
    /// A cursor over the trimmed bytes of one date.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int

        var atEnd: Bool { index >= end }

        var current: UInt8 { index < end ? bytes[index] : 0 }

        func peek(_ distance: Int) -> UInt8 { index + distance < end ? bytes[index + distance] : 0 }

        mutating func skipSpaces() {
            while index < end, isSpace(bytes[index]) { index += 1 }
        }

        /// Reads 1...`maximumDigits` digits; nil (and no movement) when there is none or more than that.
        mutating func readNumber(maximumDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            var cursor = index
            while cursor < end, isDigit(bytes[cursor]) {
                digits += 1
                if digits > maximumDigits { return nil }
                value = value * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
            }
            guard digits > 0 else { return nil }
            index = cursor
            return (value, digits)
        }

        /// Reads exactly `count` digits.
        mutating func readFixed(_ count: Int) -> Int? {
            guard index + count <= end else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// Reads `.123` / `,123` (any number of digits; digits past nanoseconds are ignored).
        mutating func readFraction() -> Double {
            guard current == UInt8(ascii: ".") || current == UInt8(ascii: ","), isDigit(peek(1)) else { return 0 }
            index += 1
            var numerator = 0
            var denominator = 1
            while index < end, isDigit(bytes[index]) {
                if denominator < 1_000_000_000 {
                    numerator = numerator * 10 + Int(bytes[index] - 0x30)
                    denominator *= 10
                }
                index += 1
            }
            return Double(numerator) / Double(denominator)
        }

        /// Reads a run of ASCII letters; returns its bounds.
        mutating func readWord() -> Range<Int> {
            let start = index
            while index < end, isLetter(bytes[index]) { index += 1 }
            return start..<index
        }

        /// A numeric zone after the sign: `03`, `3`, `0300`, `03:00`, `3:30`. Returns seconds east of UTC.
        mutating func readNumericZone(negative: Bool) -> Int? {
            guard let first = readNumber(maximumDigits: 4) else { return nil }
            var hours: Int
            var minutes = 0
            if first.digits <= 2 {
                hours = first.value
                if current == UInt8(ascii: ":") {
                    index += 1
                    guard let value = readFixed(2) else { return nil }
                    minutes = value
                }
            } else {
                hours = first.value / 100
                minutes = first.value % 100
            }
            guard hours <= 23, minutes <= 59 else { return nil }
            hours = hours * 3600 + minutes * 60
            return negative ? -hours : hours
        }
    }
}

// MARK: - ISO 8601 / RFC 3339 / W3C-DTF

extension DateParser.Scanner {
    mutating func parseISO8601() -> DateParser.Fields? {
        var fields = DateParser.Fields()
        guard let year = readFixed(4) else { return nil }
        fields.year = year
        if atEnd { return fields }

        // Extended (`2025-08-22`, also `2025/08/22`) or basic (`20250822`) layout.
        let separator = current
        let extended = separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")
        if extended {
            index += 1
            guard let month = readNumber(maximumDigits: 2) else { return nil }
            fields.month = month.value
            if atEnd { return fields }
            guard current == separator else { return nil }
            index += 1
            guard let day = readNumber(maximumDigits: 2) else { return nil }
            fields.day = day.value
        } else {
            guard let month = readFixed(2), let day = readFixed(2) else { return nil }
            fields.month = month
            fields.day = day
        }
        if atEnd { return fields }

        // Date-time separator: `T`, or one or more spaces.
        if current == UInt8(ascii: "T") || current == UInt8(ascii: "t") {
            index += 1
        } else if DateParser.isSpace(current) {
            skipSpaces()
        } else {
            return nil
        }
        guard let hour = extended ? readNumber(maximumDigits: 2)?.value : readFixed(2) else { return nil }
        fields.hour = hour
        if extended {
            guard current == UInt8(ascii: ":") else { return nil }
            index += 1
        }
        guard let minute = readFixed(2) else { return nil }
        fields.minute = minute
        if current == UInt8(ascii: ":") || (!extended && DateParser.isDigit(current)) {
            if current == UInt8(ascii: ":") {
                guard extended else { return nil }
                index += 1
            }
            guard let second = readFixed(2) else { return nil }
            fields.second = second
            fields.fraction = readFraction()
        }

        skipSpaces()
        guard let offset = readZone() else { return nil }
        fields.offset = offset
        skipSpaces()
        return atEnd ? fields : nil
    }

    /// `Z`, `+03:00`, `-0500`, `+03`, a named zone, or nothing (UTC). Seconds east of UTC.
    private mutating func readZone() -> Int? {
        if atEnd { return 0 }
        let byte = current
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
            index += 1
            return readNumericZone(negative: byte == UInt8(ascii: "-"))
        }
        guard DateParser.isLetter(byte) else { return nil }
        let word = readWord()
        guard var offset = DateParser.zoneOffset(bytes, word) else { return nil }
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
            let negative = current == UInt8(ascii: "-")
            index += 1
            guard let extra = readNumericZone(negative: negative) else { return nil }
            offset += extra
        }
        return offset
    }
}

// MARK: - RFC 822 and variants

extension DateParser.Scanner {
    mutating func parseRFC822() -> DateParser.Fields? {
        var fields = DateParser.Fields()
        var day: Int?
        var month: Int?
        var year: Int?
        var sawTime = false
        var sawZone = false
        var sawNumericZone = false
        var sawNamedZone = false
        var sawWeekday = false

        while true {
            // Separators between tokens.
            while !atEnd {
                let byte = current
                if DateParser.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "/")
                {
                    index += 1
                } else if byte == UInt8(ascii: "-"), !sawTime {
                    index += 1  // `22-Aug-2025`
                } else if byte == UInt8(ascii: "("), sawTime || year != nil {
                    // A trailing comment such as `(PDT)`: the numeric zone before it is authoritative.
                    while !atEnd, current != UInt8(ascii: ")") { index += 1 }
                    guard !atEnd else { return nil }
                    index += 1
                } else {
                    break
                }
            }
            if atEnd { break }
            let byte = current

            if DateParser.isLetter(byte) {
                let word = readWord()
                if let value = DateParser.monthNumber(bytes, word) {
                    guard month == nil else { return nil }
                    month = value
                } else if DateParser.isWeekday(bytes, word) {
                    guard !sawWeekday, day == nil, month == nil else { return nil }
                    sawWeekday = true
                } else if let meridiem = DateParser.meridiem(bytes, word) {
                    guard sawTime, fields.hour >= 1, fields.hour <= 12 else { return nil }
                    fields.hour = fields.hour % 12 + (meridiem ? 12 : 0)
                } else if let offset = DateParser.zoneOffset(bytes, word) {
                    guard sawTime || year != nil else { return nil }
                    // `+0300 MSK`: the numeric offset already given is authoritative; one name may follow it.
                    if sawNumericZone, !sawNamedZone {
                        sawNamedZone = true
                        continue
                    }
                    guard !sawZone else { return nil }
                    sawZone = true
                    sawNamedZone = true
                    fields.offset = offset
                    // `GMT+3`, `UTC-05:00`.
                    if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                        let negative = current == UInt8(ascii: "-")
                        index += 1
                        guard let extra = readNumericZone(negative: negative) else { return nil }
                        fields.offset += extra
                    }
                } else {
                    return nil
                }
            } else if DateParser.isDigit(byte) {
                guard let number = readNumber(maximumDigits: 4) else { return nil }
                if current == UInt8(ascii: ":") {
                    guard !sawTime, number.digits <= 2 else { return nil }
                    sawTime = true
                    fields.hour = number.value
                    index += 1
                    guard let minute = readFixed(2) else { return nil }
                    fields.minute = minute
                    if current == UInt8(ascii: ":") {
                        index += 1
                        guard let second = readFixed(2) else { return nil }
                        fields.second = second
                        fields.fraction = readFraction()
                    }
                } else if number.digits >= 3 {
                    guard year == nil else { return nil }
                    // RFC 2822 4.3: a 3-digit year is 1900 + it.
                    year = number.digits == 3 ? 1900 + number.value : number.value
                } else if day == nil {
                    day = number.value
                } else if year == nil {
                    // RFC 2822 4.3: 00-49 → 2000-2049, 50-99 → 1950-1999.
                    year = number.value < 50 ? 2000 + number.value : 1900 + number.value
                } else {
                    return nil
                }
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                guard sawTime, !sawZone else { return nil }
                sawZone = true
                sawNumericZone = true
                index += 1
                guard let offset = readNumericZone(negative: byte == UInt8(ascii: "-")) else { return nil }
                fields.offset = offset
            } else {
                return nil
            }
        }

        guard let day, let month, let year else { return nil }
        fields.day = day
        fields.month = month
        fields.year = year
        return fields
    }
}

// MARK: - Words

extension DateParser {
    /// A lowercase ASCII name split for matching by prefix: its first three letters and the rest, each packed
    /// into an integer, so that lookups compare integers only (no strings, no allocation).
    struct PackedName {
        let head: UInt64
        let tail: UInt64
        let tailLength: Int

        init(_ name: StaticString) {
            let count = name.utf8CodeUnitCount
            var head: UInt64 = 0
            var tail: UInt64 = 0
            var offset = 0
            name.withUTF8Buffer { letters in
                while offset < count {
                    if offset < 3 {
                        head = head << 8 | UInt64(letters[offset])
                    } else {
                        tail = tail << 8 | UInt64(letters[offset])
                    }
                    offset += 1
                }
            }
            self.head = head
            self.tail = tail
            self.tailLength = max(0, count - 3)
        }
    }

    private static let months: [PackedName] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ].map(PackedName.init)

    private static let weekdays: [PackedName] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ].map(PackedName.init)

    /// Named zones, in minutes east of UTC. US names follow RFC 822; the others are the abbreviations feeds
    /// actually use. Where an abbreviation is ambiguous the most common feed meaning wins: `IST` is India
    /// (+05:30), `BST` British Summer Time, `CST` US Central.
    private static let zones: [(code: UInt64, minutes: Int)] = [
        ("ut", 0), ("utc", 0), ("gmt", 0), ("wet", 0), ("west", 60), ("bst", 60), ("ist", 330),
        ("cet", 60), ("cest", 120), ("met", 60), ("mest", 120), ("eet", 120), ("eest", 180), ("msk", 180),
        ("msd", 240), ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360),
        ("pst", -480), ("pdt", -420), ("akst", -540), ("akdt", -480), ("hst", -600), ("ast", -240),
        ("adt", -180), ("nst", -210), ("ndt", -150), ("jst", 540), ("kst", 540), ("hkt", 480), ("sgt", 480),
        ("awst", 480), ("acst", 570), ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
    ].map { (name: StaticString, minutes: Int) in
        let packed = PackedName(name)
        return (packed.head << (8 * UInt64(packed.tailLength)) | packed.tail, minutes)
    }

    /// 1...12 when `word` is a month name or a prefix of one of at least three letters (`Aug`, `Sept`, `June`).
    static func monthNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        index(of: bytes, word, in: months).map { $0 + 1 }
    }

    /// Whether `word` is a weekday name or a prefix of one of at least three letters (`Thu`, `Thurs`).
    static func isWeekday(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        index(of: bytes, word, in: weekdays) != nil
    }

    /// true for PM, false for AM, nil otherwise.
    static func meridiem(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool? {
        guard word.count == 2, bytes[word.upperBound - 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        switch bytes[word.lowerBound] | 0x20 {
        case UInt8(ascii: "a"): return false
        case UInt8(ascii: "p"): return true
        default: return nil
        }
    }

    /// Seconds east of UTC for a named zone or a military letter.
    static func zoneOffset(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        if word.count == 1 {
            // Military zones as the military defines them (A = +1 h … M = +12 h, no J; N = −1 h … Y = −12 h;
            // Z = UTC). RFC 822 printed the signs reversed; RFC 2822 4.3 notes that and suggests treating them
            // as unknown, but the letters have one real meaning, and that is the one used here.
            let letter = Int(bytes[word.lowerBound] | 0x20)
            let a = Int(UInt8(ascii: "a"))
            switch letter {
            case a...(a + 8): return (letter - a + 1) * 3600
            case (a + 10)...(a + 12): return (letter - a) * 3600
            case (a + 13)...(a + 24): return -(letter - a - 12) * 3600
            case a + 25: return 0
            default: return nil
            }
        }
        guard word.count <= 4 else { return nil }
        let code = pack(bytes, word.lowerBound, word.upperBound)
        var index = 0
        while index < zones.count {
            if zones[index].code == code { return zones[index].minutes * 60 }
            index += 1
        }
        return nil
    }

    /// The index in `names` of the name that `word` (case-insensitively, at least three letters) is a prefix of.
    private static func index(of bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, in names: [PackedName])
        -> Int?
    {
        let tailLength = word.count - 3
        guard tailLength >= 0, tailLength <= 8 else { return nil }
        let head = pack(bytes, word.lowerBound, word.lowerBound + 3)
        let tail = pack(bytes, word.lowerBound + 3, word.upperBound)
        var index = 0
        while index < names.count {
            let name = names[index]
            if name.head == head, tailLength <= name.tailLength,
                name.tail >> (8 * UInt64(name.tailLength - tailLength)) == tail
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Lowercased letters `bytes[start..<end]` (at most 8) packed big-endian into an integer.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var value: UInt64 = 0
        var index = start
        while index < end {
            value = value << 8 | UInt64(bytes[index] | 0x20)
            index += 1
        }
        return value
    }
}
