/// Windows language identifiers (`Language` in an Uninstall key, osquery's `programs.language`) as BCP 47
/// tags, for the languages Taiwanese agencies' software comes in; others are kept as the decimal number.
enum LCID {
    static let tags: [Int: String] = [
        1028: "zh-TW", 2052: "zh-CN", 3076: "zh-HK", 5124: "zh-MO", 4100: "zh-SG", 1033: "en-US", 2057: "en-GB",
        1041: "ja-JP", 1042: "ko-KR", 1031: "de-DE", 1036: "fr-FR", 3082: "es-ES", 1040: "it-IT", 1046: "pt-BR",
        2070: "pt-PT", 1049: "ru-RU", 1054: "th-TH", 1066: "vi-VN", 1057: "id-ID", 1043: "nl-NL", 1045: "pl-PL",
        1055: "tr-TR",
    ]

    /// The tag for a decimal LCID; nil for 0 (language neutral) or no number.
    static func tag(_ value: String) -> String? {
        guard let number = Int(value.trimmingSpaces), number != 0 else { return nil }
        return tags[number] ?? String(number)
    }
}
