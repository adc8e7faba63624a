import Foundation

/// Character classes and case folding for matching, in the semantics of Python's `str.lower()`, `str.isalnum()`
/// (`\w` without `_`... plus `_`) and `str.isspace()`, which the bench's `claimq.py` relies on.
///
/// A table entry packs the lowered scalar (21 bits) with flags. Scalars below `tableLimit` are looked up; the
/// rest are classified on the fly from Unicode properties.
enum TextTables {
    static let tableLimit: UInt32 = 0x3100

    static let wordFlag: UInt32 = 1 << 21
    static let spaceFlag: UInt32 = 1 << 22
    /// The lowercase mapping is more than one scalar (e.g. U+0130): use `loweredScalars`.
    static let multiFlag: UInt32 = 1 << 23
    /// The original scalar is upper or title case (used to find sentence starts).
    static let upperFlag: UInt32 = 1 << 24
    static let scalarMask: UInt32 = (1 << 21) - 1

    /// Exact mode: Python `lower()` only.
    static let exact: [UInt32] = build(fold: false)
    /// Folded mode: lower case, Latin diacritics removed, `ё` → `е`, typographic apostrophes → `'`.
    static let folded: [UInt32] = build(fold: true)

    /// Python's `str.isspace()` (also what `\s` and `str.split()` use).
    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Python's `str.isalnum()` or `_`: the `\w` of Python's `re` on `str` patterns.
    static func isPythonWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return properties.numericType != nil
        }
    }

    /// `isPythonWord` of every scalar value below `tableLimit` (false for non-scalars).
    static let pythonWord: [Bool] = (0..<tableLimit).map { value in
        Unicode.Scalar(value).map(isPythonWord) ?? false
    }

    /// The entry for any scalar (table or on the fly).
    @inline(__always)
    static func entry(_ value: UInt32, table: [UInt32], fold: Bool) -> UInt32 {
        if value < tableLimit { return table[Int(value)] }
        return compute(value, fold: fold)
    }

    /// The lowered (and folded) scalars of `scalar`, for entries with `multiFlag`.
    static func loweredScalars(_ scalar: Unicode.Scalar, fold: Bool) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
            out.append(fold ? foldScalar(lowered) : lowered)
        }
        return out
    }

    /// Lowers (and folds) a whole string with the same rules as the scanner.
    static func normalize(_ text: String, fold: Bool) -> String {
        let table = fold ? folded : exact
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII lowers (and folds) to ASCII, one byte for one.
            return String(
                decoding: text.utf8.map { UInt8(truncatingIfNeeded: table[Int($0)] & scalarMask) }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = entry(scalar.value, table: table, fold: fold)
            if value & multiFlag != 0 {
                out.append(contentsOf: loweredScalars(scalar, fold: fold))
            } else if let lowered = Unicode.Scalar(value & scalarMask) {
                out.append(lowered)
            }
        }
        return String(out)
    }

    // MARK: - Building

    private static func build(fold: Bool) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: Int(tableLimit))
        for value in 0..<tableLimit {
            table[Int(value)] = compute(value, fold: fold)
        }
        return table
    }

    private static func compute(_ value: UInt32, fold: Bool) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return value }
        if value < 0x80 {
            var lowered = value
            if value >= 0x41 && value <= 0x5A { lowered += 0x20 }
            var flags: UInt32 = 0
            if isPythonWord(scalar) { flags |= wordFlag }
            if isPythonSpace(scalar) { flags |= spaceFlag }
            if value >= 0x41 && value <= 0x5A { flags |= upperFlag }
            if fold && value == 0x60 { lowered = 0x27 }
            return lowered | flags
        }
        var flags: UInt32 = 0
        let properties = scalar.properties
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { flags |= upperFlag }
        let mapping = properties.lowercaseMapping.unicodeScalars
        var lowered = scalar
        if mapping.count == 1, let only = mapping.first {
            lowered = only
        } else if mapping.count > 1 {
            flags |= multiFlag
        }
        if fold { lowered = foldScalar(lowered) }
        if isPythonWord(lowered) { flags |= wordFlag }
        if isPythonSpace(lowered) { flags |= spaceFlag }
        return lowered.value | flags
    }

    /// Folding used by the stemmed mode: Latin diacritics, `ё`/`Ё`, typographic apostrophes.
    static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x0451: return "\u{0435}"  // ё → е
        case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4: return "'"
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            let folded = String(scalar).folding(options: [.diacriticInsensitive], locale: nil).unicodeScalars
            if folded.count == 1, let only = folded.first { return only }
            return scalar
        default:
            return scalar
        }
    }
}
