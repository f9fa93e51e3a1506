/// One element of a parsed version, packed into 64 bits so that a parsed version is a flat integer array and a
/// comparison reads integers only (no strings, no allocation).
///
/// Layout: kind in bits 61–63, level in bits 56–60, payload in bits 0–55. A number's payload is its value shifted
/// left by 6 with the digit count in the low 6 bits, so `02` and `2` stay distinguishable for the leading-zero rule.
///
/// The level is `2 × revision level + part`: part 0 holds the leading numbers of a revision level (the release),
/// part 1 everything from its first marker or word on (the qualifier). Comparing level by level, with a side that
/// has finished a level padded with zeros, therefore compares whole releases before qualifiers: `1.0.0t` meets
/// `1.0.1` on the release, and `2.0-rc1` equals `2.0.0-rc1`.
struct VersionToken: Hashable, Sendable {
    enum Kind: UInt64 {
        case number = 0
        case preRelease
        case postRelease
        case letters
        case word
        case hex
        case bigNumber
        /// `x` or `*` in place of a release number (`5.x`, `6.x-1.0`): equal to itself, ordered against nothing.
        case wildcard
    }

    let bits: UInt64

    static let payloadMask: UInt64 = (1 << 56) - 1
    static let levelMask: UInt64 = 0x1F << 56
    static let maxLevel = 31
    /// Numbers up to 15 digits fit the payload and scale by 10^15 without overflow; longer runs become opaque.
    static let maxDigits = 15

    init(kind: Kind, level: Int, payload: UInt64) {
        let clamped = UInt64(min(max(level, 0), Self.maxLevel))
        bits = kind.rawValue << 61 | clamped << 56 | (payload & Self.payloadMask)
    }

    static func number(_ value: UInt64, digits: Int, level: Int) -> VersionToken {
        VersionToken(kind: .number, level: level, payload: value << 6 | UInt64(digits))
    }

    /// Stands in for a missing element when one version is shorter; it equals `0` but has zero digits so a
    /// reason can say "nothing" rather than "0".
    static let padding = VersionToken(kind: .number, level: 0, payload: 0)

    var kind: Kind { Kind(rawValue: bits >> 61) ?? .word }
    var level: Int { Int((bits >> 56) & 0x1F) }
    var payload: UInt64 { bits & Self.payloadMask }
    /// The token without its level, for "same element" checks across levels.
    var content: UInt64 { bits & ~Self.levelMask }

    var numberValue: UInt64 { payload >> 6 }
    var digitCount: Int { Int(payload & 0x3F) }
    var isPadding: Bool { kind == .number && digitCount == 0 }

    /// `02`, `051`: a number written with a leading zero, which may be a decimal fraction rather than an integer.
    var hasLeadingZero: Bool {
        let digits = digitCount
        return digits > 1 && numberValue < Self.powersOfTen[digits - 1]
    }

    /// The same number written without leading zeros.
    var withoutPadding: VersionToken {
        var digits = 1
        while digits < Self.maxDigits, numberValue >= Self.powersOfTen[digits] { digits += 1 }
        return .number(numberValue, digits: digits, level: level)
    }

    static let powersOfTen: [UInt64] = {
        var powers: [UInt64] = [1]
        for _ in 0..<19 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
}

extension VersionToken: CustomStringConvertible {
    /// The token as text for reasons; words longer than the packed width are shown by kind only.
    var description: String {
        switch kind {
        case .number:
            if isPadding { return "nothing" }
            let text = String(numberValue)
            return String(repeating: "0", count: max(0, digitCount - text.count)) + text
        case .preRelease:
            return "pre-release '\(PreRelease(rawValue: payload)?.name ?? "?")'"
        case .postRelease:
            return "post-release '\(PostRelease(rawValue: payload)?.name ?? "?")'"
        case .letters:
            return "letter suffix '\(VersionVocabulary.unpack(payload) ?? "?")'"
        case .word:
            return "word '\(VersionVocabulary.unpack(payload) ?? "…")'"
        case .hex:
            return "hash-like token"
        case .bigNumber:
            return "number longer than \(Self.maxDigits) digits"
        case .wildcard:
            return "wildcard"
        }
    }
}

/// Pre-release markers in ascending order; `tilde` (Debian `~`) sorts below a release but is not ranked against
/// the named markers.
enum PreRelease: UInt64 {
    case tilde = 0
    case dev
    case alpha
    case beta
    case milestone
    case preview
    case candidate

    var name: String {
        switch self {
        case .tilde: "~"
        case .dev: "dev"
        case .alpha: "alpha"
        case .beta: "beta"
        case .milestone: "milestone"
        case .preview: "preview"
        case .candidate: "rc"
        }
    }
}

/// Post-release markers; each is a different axis, so two different kinds never order against each other.
enum PostRelease: UInt64 {
    case patch = 1
    case update
    case servicePack
    case revision
    case build
    case hotfix
    case fixPack
    case serviceRelease
    case serviceUpdate
    case maintenanceRelease
    case cumulativePatch

    var name: String {
        switch self {
        case .patch: "patch"
        case .update: "update"
        case .servicePack: "service pack"
        case .revision: "revision"
        case .build: "build"
        case .hotfix: "hotfix"
        case .fixPack: "fix pack"
        case .serviceRelease: "service release"
        case .serviceUpdate: "service update"
        case .maintenanceRelease: "maintenance release"
        case .cumulativePatch: "cumulative patch"
        }
    }
}
