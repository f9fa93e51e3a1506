/// Why a whole file was refused: it cannot be trusted or read at all, so no row of it should be used. Rows
/// a streaming caller already received before the error belong to the refused file too.
public struct InventoryError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Hashable, Sendable {
        /// No supported format recognised from the content (and the file name did not settle it).
        case unrecognizedFormat = "unrecognized_format"
        /// An encoding that is not supported (UTF-32), or a binary file.
        case unsupportedEncoding = "unsupported_encoding"
        /// A line, record, JSON element or XML token longer than `InventoryOptions.maxRecordBytes`.
        case recordTooLong = "record_too_long"
        /// More fields in a record than `InventoryOptions.maxFields`.
        case tooManyFields = "too_many_fields"
        /// JSON or XML nested deeper than `InventoryOptions.maxDepth`.
        case nestingTooDeep = "nesting_too_deep"
        /// XML with a document type declaration (entities could be defined; refused by construction).
        case doctypeRefused = "doctype_refused"
        /// A spreadsheet archive that would inflate past its limits or lies about its sizes.
        case decompressionBomb = "decompression_bomb"
        /// A spreadsheet larger than `InventoryOptions.maxArchiveBytes`, or with too many entries.
        case archiveTooLarge = "archive_too_large"
        /// JSON, XML or ZIP structure broken so that no later row can be located.
        case malformed
    }

    public var reason: Reason
    /// Byte offset in the file as uploaded, when known.
    public var offset: Int?
    public var detail: String

    public init(_ reason: Reason, offset: Int? = nil, _ detail: String) {
        self.reason = reason
        self.offset = offset
        self.detail = detail
    }

    public var description: String {
        guard let offset else { return "\(reason.rawValue): \(detail)" }
        return "\(reason.rawValue) at byte \(offset): \(detail)"
    }
}
