extension Agency {
    /// An agency's OID (機關 Object Identifier, https://oid.nat.gov.tw), the key every VANS and EDR record carries.
    /// Kept as validated text: arcs are compared as written, and OIDs are never arithmetic.
    public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let rawValue: String

        /// Validates dotted-decimal form: at least two arcs, the first 0–2, no empty arc and no leading zero (an
        /// OID has one spelling, so `2.16.0886` and `2.16.886` must not become two agencies).
        public init(_ text: String) throws(AgencyIDError) {
            let bytes = Array(text.utf8)
            guard !bytes.isEmpty else { throw AgencyIDError(input: text, offset: 0, reason: .empty) }
            var arcStart = 0
            var arcs = 0
            for index in 0...bytes.count {
                let atEnd = index == bytes.count
                if atEnd || bytes[index] == UInt8(ascii: ".") {
                    guard index > arcStart else { throw AgencyIDError(input: text, offset: index, reason: .emptyArc) }
                    if bytes[arcStart] == UInt8(ascii: "0"), index - arcStart > 1 {
                        throw AgencyIDError(input: text, offset: arcStart, reason: .leadingZero)
                    }
                    if arcs == 0, index - arcStart > 1 || bytes[arcStart] > UInt8(ascii: "2") {
                        throw AgencyIDError(input: text, offset: arcStart, reason: .firstArcOutOfRange)
                    }
                    arcs += 1
                    arcStart = index + 1
                } else if bytes[index] < UInt8(ascii: "0") || bytes[index] > UInt8(ascii: "9") {
                    throw AgencyIDError(input: text, offset: index, reason: .notADigit)
                }
            }
            guard arcs >= 2 else { throw AgencyIDError(input: text, offset: bytes.count, reason: .tooFewArcs) }
            rawValue = text
        }

        /// True under 2.16.886 (Taiwan's arc), where government agencies' OIDs are registered.
        public var isUnderTaiwanArc: Bool { rawValue.hasPrefix("2.16.886.") }

        public var description: String { rawValue }

        /// Arc by arc, numerically, so that `…101.9` sorts before `…101.10`.
        public static func < (lhs: ID, rhs: ID) -> Bool {
            let left = lhs.rawValue.split(separator: ".")
            let right = rhs.rawValue.split(separator: ".")
            for (a, b) in zip(left, right) where a != b {
                return a.count != b.count ? a.count < b.count : a < b
            }
            return left.count < right.count
        }
    }
}

/// Text that is not an agency OID, with the byte offset where it goes wrong.
public struct AgencyIDError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Hashable, Sendable {
        case empty = "empty"
        case emptyArc = "empty arc"
        case leadingZero = "arc with a leading zero"
        case firstArcOutOfRange = "first arc must be 0, 1 or 2"
        case notADigit = "not a digit or dot"
        case tooFewArcs = "fewer than two arcs"
    }

    public var input: String
    public var offset: Int
    public var reason: Reason

    public init(input: String, offset: Int, reason: Reason) {
        self.input = input
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid agency OID \"\(input)\" at byte \(offset): \(reason.rawValue)" }
}
