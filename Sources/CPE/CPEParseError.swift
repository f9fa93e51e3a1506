/// A parse failure with the offending input and the character offset where it was found.
public struct CPEParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for counting diagnostics without parsing `reason`.
    public enum Kind: String, Hashable, Sendable {
        /// The input does not start with `cpe:2.3:`, `cpe:/` or `wfn:[`.
        case badPrefix = "bad_prefix"
        /// Not eleven components in a formatted string, or more than seven in a URI.
        case componentCount = "component_count"
        /// A component or quoted value with nothing in it.
        case emptyValue = "empty_value"
        /// A backslash at the end of the input, or before a character that must not be quoted there.
        case badEscape = "bad_escape"
        /// A character that is not allowed unquoted (or at all: whitespace, control, non-ASCII).
        case illegalCharacter = "illegal_character"
        /// An unquoted `*` or `?` somewhere other than the start or end of a value.
        case misplacedWildcard = "misplaced_wildcard"
        /// `part` is not `a`, `o`, `h` or ANY.
        case badPart = "bad_part"
        /// `language` is not an RFC 5646 `language["-"region]` tag or a logical value.
        case badLanguage = "bad_language"
        /// A percent-encoded form that the URI binding does not define.
        case badPercentEncoding = "bad_percent_encoding"
        /// A packed URI edition (`~…`) without its five fields.
        case badPackedEdition = "bad_packed_edition"
        /// WFN text that does not follow `wfn:[name="value",…]`.
        case badSyntax = "bad_syntax"
        /// A WFN attribute name that NISTIR 7695 does not define.
        case unknownAttribute = "unknown_attribute"
        /// A WFN attribute given twice.
        case duplicateAttribute = "duplicate_attribute"
        /// Anything else.
        case malformed
    }

    public var input: String
    /// Offset in characters (not bytes) from the start of `input`.
    public var offset: Int
    public var reason: String
    public var kind: Kind

    public init(input: String, offset: Int, reason: String, kind: Kind = .malformed) {
        self.input = input
        self.offset = offset
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "malformed CPE at offset \(offset): \(reason) in \(input)" }
}

/// A fault found while scanning bytes; turned into a `CPEParseError` once the input string is at hand.
struct ByteFault: Error {
    /// Offset in UTF-8 bytes.
    var offset: Int
    var kind: CPEParseError.Kind
    var reason: String

    init(_ kind: CPEParseError.Kind, at offset: Int, _ reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    /// Converts the byte offset to a character offset, which is what a person counting the input sees.
    func error(in input: String) -> CPEParseError {
        let prefix = input.utf8.prefix(offset)
        let characters = String(decoding: prefix, as: UTF8.self).count
        return CPEParseError(input: input, offset: characters, reason: reason, kind: kind)
    }
}
