import Foundation

/// IRI path segments from names: `"Ukraine’s Main Intelligence Directorate (HUR)"` →
/// `ukraines-main-intelligence-directorate-hur`.
///
/// The result must be the same on every run and every toolchain, so the folding is a fixed
/// table plus canonical decomposition, not ICU transliteration (whose output changes between
/// ICU versions). Whatever the table does not cover is percent-encoded, which is ugly but
/// loses nothing and keeps the IRI ASCII.
public func slug(_ text: String, maxLength: Int = 100) -> String {
    // Lowercase first so that "İ" becomes "i" + a combining dot, which the next step drops.
    let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
    var words: [String] = []
    var word = ""
    func endWord() {
        if !word.isEmpty { words.append(word) }
        word = ""
    }
    for scalar in decomposed.unicodeScalars {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
        default: break
        }
        // "Ukraine’s" is one word, not "ukraine-s".
        if apostrophes.contains(scalar) { continue }
        if scalar.isASCII {
            let c = Character(scalar)
            if c.isLetter || c.isNumber { word.unicodeScalars.append(scalar) } else { endWord() }
        } else if let latin = transliteration[scalar] {
            word += latin
        } else if properties.isAlphabetic || properties.numericType != nil {
            for byte in String(scalar).utf8 { word += "%" + hex2(byte) }
        } else {
            endWord()
        }
    }
    endWord()
    // Cut at a word boundary so a percent escape is never split; collisions this may cause
    // are resolved like any other.
    var result = ""
    for w in words {
        let next = result.isEmpty ? w : result + "-" + w
        if next.count > maxLength && !result.isEmpty { break }
        result = next
    }
    return result
}

/// The last path component: `seeds/000_84cd.txt` → `000_84cd.txt`.
func basename(_ path: String) -> String {
    let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
    return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? trimmed
}

/// The basename without its extension: `000_84cd.txt` → `000_84cd`; `.hidden` stays whole.
func stem(_ path: String) -> String {
    let name = basename(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}

private func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

private let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

/// Letters canonical decomposition leaves alone: Latin ligatures and stroked letters, and
/// Cyrillic (simplified BGN/PCGN; й and ё decompose to и/е before they get here), because
/// Russian and Ukrainian names are common in this corpus. Lowercase only: input is lowercased.
private let transliteration: [Unicode.Scalar: String] = [
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i",
    "þ": "th", "ħ": "h", "ŋ": "n", "ə": "e",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "є": "ye", "ґ": "g",
]
