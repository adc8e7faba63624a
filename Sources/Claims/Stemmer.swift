/// A light stemmer for English and for Russian/Ukrainian inflection, used by the `stemmed` matching mode and by
/// the stance cues. It works on lowered, folded words and only removes inflectional endings, so that
/// Донбасс, Донбасса and Донбасу (and cede, cedes, ceded, ceding) share a stem. It never stems a word below
/// three letters and never leaves a stem shorter than three letters.
///
/// The rules run on a word's scalar values in a buffer the caller may reuse (`stem(utf8:scratch:into:)`), so the
/// scanner stems a word without building a `String`; `stem(_:)` is the same rules on a `String`.
enum Stemmer {
    /// The stem of one lowered word.
    static func stem(_ word: String) -> String {
        var scalars = word.unicodeScalars.map(\.value)
        stemScalars(&scalars)
        var out = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { out.append(scalar) }
        }
        return String(out)
    }

    /// The UTF-8 of the stem of one lowered word given as (valid) UTF-8, written into `output`; `scratch` holds
    /// the word's scalar values meanwhile. Both buffers are emptied first and keep their capacity.
    static func stem(utf8 word: UnsafeBufferPointer<UInt8>, scratch: inout [UInt32], into output: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: true)
        var index = 0
        let count = word.count
        while index < count {
            let lead = word[index]
            if lead < 0x80 {
                scratch.append(UInt32(lead))
                index += 1
                continue
            }
            var length = 2
            var value = UInt32(lead & 0x1F)
            if lead & 0xF0 == 0xE0 {
                length = 3
                value = UInt32(lead & 0x0F)
            } else if lead & 0xF8 == 0xF0 {
                length = 4
                value = UInt32(lead & 0x07)
            }
            guard index + length <= count else {
                scratch.append(0xFFFD)
                break
            }
            for offset in 1..<length { value = (value << 6) | UInt32(word[index + offset] & 0x3F) }
            scratch.append(value)
            index += length
        }
        stemScalars(&scratch)
        for value in scratch {
            if value < 0x80 {
                output.append(UInt8(value))
            } else if value < 0x800 {
                output.append(UInt8(0xC0 | (value >> 6)))
                output.append(UInt8(0x80 | (value & 0x3F)))
            } else if value < 0x10000 {
                output.append(UInt8(0xE0 | (value >> 12)))
                output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                output.append(UInt8(0xF0 | (value >> 18)))
                output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
    }

    /// The rules, on scalar values.
    private static func stemScalars(_ word: inout [UInt32]) {
        if word.contains(where: isCyrillic) {
            stemSlavic(&word)
        } else if word.allSatisfy({ $0 < 0x250 }) {
            stemEnglish(&word)
        }
    }

    private static func isCyrillic(_ value: UInt32) -> Bool {
        value >= 0x400 && value < 0x530
    }

    // MARK: - English

    private static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    private static let suffixIes = scalars("ies")
    private static let suffixIed = scalars("ied")
    private static let suffixSses = scalars("sses")
    private static let suffixSs = scalars("ss")
    private static let suffixUs = scalars("us")
    private static let suffixIs = scalars("is")
    private static let suffixIng = scalars("ing")
    private static let suffixEd = scalars("ed")
    private static let suffixEe = scalars("ee")
    private static let letterS: UInt32 = 0x73
    private static let letterE: UInt32 = 0x65
    private static let letterI: UInt32 = 0x69
    private static let letterY: UInt32 = 0x79

    private static func stemEnglish(_ word: inout [UInt32]) {
        guard word.count >= 4 else { return }
        var strippedSuffix = false
        if hasSuffix(word, suffixIes) && word.count > 4 {
            word.removeLast(3)
            word.append(letterI)
            return
        }
        if hasSuffix(word, suffixIed) && word.count > 4 {
            word.removeLast(3)
            word.append(letterI)
            return
        }
        if hasSuffix(word, suffixSses) {
            word.removeLast(2)
        } else if word.last == letterS && !hasSuffix(word, suffixSs) && !hasSuffix(word, suffixUs)
            && !hasSuffix(word, suffixIs)
        {
            word.removeLast()
        }
        if hasSuffix(word, suffixIng) && word.count >= 6 {
            word.removeLast(3)
            strippedSuffix = true
        } else if hasSuffix(word, suffixEd) && word.count >= 5 {
            word.removeLast(2)
            strippedSuffix = true
        }
        if strippedSuffix {
            if hasSuffix(word, suffixEe) {
                word.removeLast()
            } else if word.count >= 4, let last = word.last, last == word[word.count - 2], isDoubledConsonant(last) {
                word.removeLast()
            }
        } else if word.last == letterE && word.count >= 4 {
            word.removeLast()
        }
        if let last = word.last, last == letterY, word.count >= 4 {
            word[word.count - 1] = letterI
        }
    }

    private static func isDoubledConsonant(_ value: UInt32) -> Bool {
        switch value {
        case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74: return true  // b d f g m n p r t
        default: return false
        }
    }

    // MARK: - Russian and Ukrainian

    /// Endings, longest first within each group; the first that leaves at least three letters is removed.
    private static let reflexive: [[UInt32]] = ["ся", "сь"].map(scalars)
    private static let endings: [[UInt32]] = [
        // adjectives and participles
        "ого", "его", "ому", "ему", "ыми", "ими", "ими", "ому", "ій", "ої", "ій", "ого", "ому",
        // nouns
        "ами", "ями", "ові", "еві", "ою", "ею", "єю",
        // verbs
        "ить", "ать", "ять", "еть", "уть", "ити", "ати", "яти", "ете", "ите", "ешь", "ишь", "ила", "ило", "или",
        "ала", "ало", "али", "ыла", "ыли", "ула", "ули", "ила", "ує", "ють", "ать", "ить",
        "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ую", "юю", "ых", "их", "ым", "им",
        "ах", "ях", "ов", "ев", "ей", "ом", "ем", "ам", "ям", "ів", "їв",
        "ет", "ит", "ут", "ют", "ат", "ят", "ил", "ал", "ял", "ел", "ть", "ти",
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "і", "ї", "є", "й", "л",
    ].map(scalars).sorted { $0.count > $1.count }

    private static func stemSlavic(_ word: inout [UInt32]) {
        guard word.count >= 4 else { return }
        for ending in reflexive where hasSuffix(word, ending) && word.count - ending.count >= 3 {
            word.removeLast(ending.count)
            break
        }
        for ending in endings where hasSuffix(word, ending) && word.count - ending.count >= 3 {
            word.removeLast(ending.count)
            break
        }
        // Донбасс / Донбас: a doubled final consonant counts once.
        if word.count >= 4, let last = word.last, last == word[word.count - 2], !isSlavicVowel(last) {
            word.removeLast()
        }
    }

    private static let slavicVowels = scalars("аеёиоуыэюяіїє")

    private static func isSlavicVowel(_ value: UInt32) -> Bool {
        slavicVowels.contains(value)
    }

    // MARK: - Helpers

    private static func hasSuffix(_ word: [UInt32], _ suffix: [UInt32]) -> Bool {
        guard word.count >= suffix.count else { return false }
        return word[(word.count - suffix.count)...].elementsEqual(suffix)
    }
}
