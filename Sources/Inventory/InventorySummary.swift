/// Entries a reader passed over on purpose. They are not issues: nothing is wrong with them, they just are not
/// installed software (or not software at all). Counted so that a conversion report can say so.
public enum InventorySkip: String, Hashable, Sendable, CaseIterable {
    /// A blank line or a row with every field empty.
    case blankRow = "blank_row"
    /// A Windows Uninstall key (or its PowerShell rendering) without `DisplayName`: Windows does not list it.
    case noDisplayName = "no_display_name"
    /// A Windows update or patch entry (`ParentKeyName` or `ReleaseType` set): it describes a patch of another
    /// entry, not a product, and NVD matching has no use for KB numbers.
    case patch
    /// A Debian package that is not installed (`rc`, `deinstall`, no version), an osquery "removed" row.
    case notInstalled = "not_installed"
    /// An SBOM's description of what was scanned (SPDX `DocumentRoot` package), not a component of it.
    case documentRoot = "document_root"
    /// A header repeated inside the data, as concatenated PowerShell exports have (with their `#TYPE` line).
    case repeatedHeader = "repeated_header"
}

/// What reading one file found.
public struct InventorySummary: Hashable, Sendable {
    public var format: InventoryFormat?
    public var encoding: TextEncoding?
    /// Bytes read, as uploaded.
    public var bytes = 0
    public var records = 0
    public var errors = 0
    public var warnings = 0
    /// Issues counted but not delivered once `InventoryOptions.maxIssues` were.
    public var suppressedIssues = 0
    public var skipped: [InventorySkip: Int] = [:]
    /// The file ended inside a unit (a JSON value cut off). The rows before it are read, which suits a person
    /// looking at a file; a receiver that must take a file whole or not at all refuses it.
    public var truncated = false

    public init() {}
}
