/// A light stemmer for English and for Russian/Ukrainian inflection, used by the `stemmed` matching mode and by
/// the stance cues. It works on lowered, folded words and only removes inflectional endings, so that
/// Донбасс, Донбасса and Донбасу (and cede, cedes, ceded, ceding) share a stem. It never stems a word below
/// three letters and never leaves a stem shorter than three letters.
enum Stemmer {
    /// The stem of one lowered word.
    static func stem(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        if scalars.contains(where: isCyrillic) {
            stemSlavic(&scalars)
        } else if scalars.allSatisfy({ $0.value < 0x250 }) {
            stemEnglish(&scalars)
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    private static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x400 && scalar.value < 0x530
    }

    // MARK: - English

    private static func stemEnglish(_ word: inout [Unicode.Scalar]) {
        guard word.count >= 4 else { return }
        var strippedSuffix = false
        if hasSuffix(word, "ies") && word.count > 4 {
            word.removeLast(3)
            word.append("i")
            return
        }
        if hasSuffix(word, "ied") && word.count > 4 {
            word.removeLast(3)
            word.append("i")
            return
        }
        if hasSuffix(word, "sses") {
            word.removeLast(2)
        } else if hasSuffix(word, "s") && !hasSuffix(word, "ss") && !hasSuffix(word, "us") && !hasSuffix(word, "is") {
            word.removeLast()
        }
        if hasSuffix(word, "ing") && word.count >= 6 {
            word.removeLast(3)
            strippedSuffix = true
        } else if hasSuffix(word, "ed") && word.count >= 5 {
            word.removeLast(2)
            strippedSuffix = true
        }
        if strippedSuffix {
            if hasSuffix(word, "ee") {
                word.removeLast()
            } else if word.count >= 4, let last = word.last, last == word[word.count - 2], isDoubledConsonant(last) {
                word.removeLast()
            }
        } else if hasSuffix(word, "e") && word.count >= 4 {
            word.removeLast()
        }
        if let last = word.last, last == "y", word.count >= 4 {
            word[word.count - 1] = "i"
        }
    }

    private static func isDoubledConsonant(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "b", "d", "f", "g", "m", "n", "p", "r", "t": return true
        default: return false
        }
    }

    // MARK: - Russian and Ukrainian

    /// Endings, longest first within each group; the first that leaves at least three letters is removed.
    private static let reflexive: [[Unicode.Scalar]] = ["ся", "сь"].map { Array($0.unicodeScalars) }
    private static let endings: [[Unicode.Scalar]] = [
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
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    private static func stemSlavic(_ word: inout [Unicode.Scalar]) {
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

    private static func isSlavicVowel(_ scalar: Unicode.Scalar) -> Bool {
        "аеёиоуыэюяіїє".unicodeScalars.contains(scalar)
    }

    // MARK: - Helpers

    private static func hasSuffix(_ word: [Unicode.Scalar], _ suffix: String) -> Bool {
        hasSuffix(word, Array(suffix.unicodeScalars))
    }

    private static func hasSuffix(_ word: [Unicode.Scalar], _ suffix: [Unicode.Scalar]) -> Bool {
        guard word.count >= suffix.count else { return false }
        return word[(word.count - suffix.count)...].elementsEqual(suffix)
    }
}
