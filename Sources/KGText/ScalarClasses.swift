/// Unicode properties with ASCII answered by comparison. `Unicode.Scalar.Properties` searches
/// a table for every question, and the text stages ask one of these for nearly every scalar
/// of every article; most news text is ASCII. Non-ASCII scalars get the Unicode answer.
extension Unicode.Scalar {
    /// `properties.isWhitespace`: in ASCII, tab through carriage return, and space.
    @inlinable public var isWhitespaceScalar: Bool {
        value < 0x80 ? value == 0x20 || (value >= 0x09 && value <= 0x0D) : properties.isWhitespace
    }

    /// `properties.isUppercase`: in ASCII, A to Z.
    @inlinable public var isUppercaseScalar: Bool {
        value < 0x80 ? value >= 0x41 && value <= 0x5A : properties.isUppercase
    }

    /// `properties.isLowercase`: in ASCII, a to z.
    @inlinable public var isLowercaseScalar: Bool {
        value < 0x80 ? value >= 0x61 && value <= 0x7A : properties.isLowercase
    }

    /// `properties.isAlphabetic`: in ASCII, the letters.
    @inlinable public var isAlphabeticScalar: Bool {
        value < 0x80 ? (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A : properties.isAlphabetic
    }

    /// `properties.generalCategory == .format`: no ASCII scalar is a format character.
    @inlinable public var isFormatScalar: Bool {
        value >= 0x80 && properties.generalCategory == .format
    }
}
