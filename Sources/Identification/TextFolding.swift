/// Folds text scalar by scalar so that the many spellings of one name meet: NFKC compatibility forms (full-width
/// `Ｏｆｆｉｃｅ`, `㈱`, ligatures) and Latin diacritics (`Français` → `francais`, as CPE names spell words), case, and
/// Traditional → Simplified Han variants (`微軟` → `微软`). Rows and dictionary entries go through the same folding,
/// so which direction the Han table points does not matter; Traditional → Simplified is the many-to-one
/// direction, hence a function. Marks that carry no name (`®`, `©`, `™`, zero-width and format characters) are
/// dropped rather than spelled out (NFKC would turn `™` into `TM`, a token no product has).
///
/// The tables are generated from the Unicode Character Database and OpenCC; see
/// `scripts/identification/gen_fold_tables.py`. Scalars outside them keep their identity, lower-cased.
public enum TextFolding {
    static let compatibility: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for line in CompatibilityFoldTable.text.split(separator: "\n") {
            let fields = line.split(separator: " ").compactMap { UInt32($0, radix: 16) }
            guard let key = fields.first else { continue }
            table[key] = fields.dropFirst().compactMap(Unicode.Scalar.init)
        }
        return table
    }()

    static let hanVariants: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        var pending: Unicode.Scalar?
        for scalar in HanVariantTable.text.unicodeScalars where scalar != "\n" {
            if let source = pending {
                table[source.value] = scalar
                pending = nil
            } else {
                pending = scalar
            }
        }
        return table
    }()

    /// The folded text; whitespace of any kind becomes one ASCII space, and runs of spaces are kept as given (the
    /// tokeniser ignores them).
    public static func fold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            append(scalar, to: &output, depth: 0)
        }
        return String(output)
    }

    private static func append(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView, depth: Int) {
        let value = scalar.value
        if value < 0x80 {
            output.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            return
        }
        if isDropped(value) { return }
        if depth < 2, let mapped = compatibility[value] {
            for target in mapped { append(target, to: &output, depth: depth + 1) }
            return
        }
        if scalar.properties.isWhitespace {
            output.append(" ")
            return
        }
        if let simplified = hanVariants[value] {
            output.append(simplified)
            return
        }
        if scalar.properties.changesWhenLowercased {
            output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            return
        }
        output.append(scalar)
    }

    private static func isDropped(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A9, 0x00AE, 0x2122, 0x2120: true  // ©, ®, ™, ℠
        case 0x0300...0x036F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF, 0xFE00...0xFE0F: true
        default: false
        }
    }
}
