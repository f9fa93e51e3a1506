/// A problem found in source data. Bad records never stop a load: they become diagnostics, counted by kind,
/// naming the document and, where known, the CVE and the byte offset.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable, Comparable {
        case unreadableFile = "unreadable_file"
        case truncatedCompression = "truncated_compression"
        case corruptCompression = "corrupt_compression"
        case invalidJSON = "invalid_json"
        case unknownDocument = "unknown_document"
        case invalidRecord = "invalid_record"
        case invalidCVEID = "invalid_cve_id"
        case malformedCPE = "malformed_cpe"
        case unsupportedConfiguration = "unsupported_configuration"
        case unsupportedVersionType = "unsupported_version_type"
        case invalidCVSSVector = "invalid_cvss_vector"
        case cvssScoreMismatch = "cvss_score_mismatch"
        case invalidLine = "invalid_line"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var document: String
    public var cve: CVEID?
    /// Byte offset in the (decompressed) document, or a line number where `isLine` says so.
    public var offset: Int?
    public var message: String

    public init(kind: Kind, document: String, cve: CVEID? = nil, offset: Int? = nil, message: String) {
        self.kind = kind
        self.document = document
        self.cve = cve
        self.offset = offset
        self.message = message
    }

    public var description: String {
        var text = "\(document)"
        if let offset { text += " @\(offset)" }
        if let cve { text += " \(cve)" }
        return text + ": \(kind.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Counts by kind, for `vans feeds stats` and load summaries.
    public var countsByKind: [Diagnostic.Kind: Int] {
        reduce(into: [:]) { counts, diagnostic in counts[diagnostic.kind, default: 0] += 1 }
    }
}
