/// Limits and defaults for reading one inventory file. The limits are what keeps memory bounded and hostile
/// files cheap to refuse; the defaults are far above anything a real export needs.
public struct InventoryOptions: Hashable, Sendable {
    /// The most bytes one line, CSV record, JSON element, XML token or registry value may take (after
    /// conversion to UTF-8); a longer one refuses the file. Streaming memory is about this plus one chunk.
    public var maxRecordBytes: Int
    /// The most fields in one CSV or TSV record.
    public var maxFields: Int
    /// The deepest JSON or XML nesting accepted.
    public var maxDepth: Int
    /// Issues kept per file; further ones are only counted (`InventorySummary.suppressedIssues`).
    public var maxIssues: Int
    /// XLSX only (a ZIP's directory is at its end, so the archive is held whole): the largest archive.
    public var maxArchiveBytes: Int
    /// XLSX only: the most bytes one archive entry may inflate to, and all entries read together.
    public var maxEntryBytes: Int
    public var maxTotalInflatedBytes: Int
    /// XLSX only: the highest inflated-to-compressed ratio accepted for an entry (deflate cannot exceed
    /// about 1032; spreadsheet XML stays well under 100).
    public var maxCompressionRatio: Int
    /// XLSX only: the most entries in the archive's directory.
    public var maxArchiveEntries: Int
    /// The host for records whose format names none (a `.reg` export, a `dpkg-query` listing), typically
    /// given by the uploader.
    public var defaultHost: String?

    public init(
        maxRecordBytes: Int = 1 << 20,
        maxFields: Int = 1_024,
        maxDepth: Int = 128,
        maxIssues: Int = 10_000,
        maxArchiveBytes: Int = 256 << 20,
        maxEntryBytes: Int = 1 << 30,
        maxTotalInflatedBytes: Int = 1_536 << 20,
        maxCompressionRatio: Int = 200,
        maxArchiveEntries: Int = 10_000,
        defaultHost: String? = nil
    ) {
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
        self.maxDepth = maxDepth
        self.maxIssues = maxIssues
        self.maxArchiveBytes = maxArchiveBytes
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalInflatedBytes = maxTotalInflatedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxArchiveEntries = maxArchiveEntries
        self.defaultHost = defaultHost
    }
}
