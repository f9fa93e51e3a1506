/// The formats an inventory can arrive in.
public enum InventoryFormat: String, Hashable, Sendable, CaseIterable {
    case hostCPE = "host-cpe-csv"
    case vansV1JSON = "vans-v1-json"
    case vansV2JSON = "vans-v2-json"
    case vansCSV = "vans-csv"
    case genericCSV = "generic-csv"
    case xlsx = "xlsx"
    case cycloneDXJSON = "cyclonedx-json"
    case cycloneDXXML = "cyclonedx-xml"
    case spdxJSON = "spdx-json"
    case osqueryJSON = "osquery-json"
    case dpkg = "dpkg-query"
    case rpm = "rpm-qa"
    case windowsRegistry = "windows-reg"
    case powershellCSV = "powershell-csv"
    case powershellJSON = "powershell-json"
}

/// One inventory row in one model, whatever the format: what was installed, where, and what the source said
/// about it. Fields a format does not carry are nil. Identification turns `name`, `publisher` and `version`
/// (or a given `cpe`) into a CPE 2.3 name.
public struct InventoryRecord: Hashable, Sendable {
    /// 1-based position of the record in its file: the line for line-based formats, the element otherwise.
    public var row: Int
    /// The host: hostname, asset tag or VANS v2 `identifier` (hashed MAC).
    public var host: String?
    /// Display name, asset name (資產名稱) or package name.
    public var name: String
    /// Publisher, vendor (廠商) or brand.
    public var publisher: String?
    public var version: String?
    /// A CPE the source gave (`cpe23`, `cpe`); nil when absent or "N/A".
    public var cpe: String?
    /// The CPE title the source gave (`product_cpename`, `cpeName`).
    public var cpeTitle: String?
    /// The host's operating system, when the format says (osquery `os_version`, a generic `os` column).
    public var operatingSystem: String?
    /// VANS `category` (only "software" is seen in practice).
    public var category: String?
    /// The agency OID and name (機關OID, 機關名稱), when the upload carries them.
    public var agencyOID: String?
    public var agencyName: String?
    /// VANS `asset_number`: a quantity as far as anyone can tell.
    public var quantity: Int?
    /// A locale or language tag the source attached (`zh-tw`, `Chinese (Traditional)`), if any.
    public var locale: String?
    /// Architecture (`x64`, `amd64`, `x86_64`), if the source says.
    public var architecture: String?
    /// A package URL, when the source gives one (CycloneDX, SPDX).
    public var purl: String?
    /// The package group or namespace the source gave apart from the name (CycloneDX `group`: a Maven
    /// groupId, an npm scope).
    public var group: String?
    /// For Debian and RPM packages, `version` is the upstream version; these are the rest of the package
    /// version (`1:2.3.4-1ubuntu1` → epoch `1`, version `2.3.4`, release `1ubuntu1`), nil when absent.
    public var release: String?
    public var epoch: String?
    /// VANS v2 `assetGroupCode` (資產群組代碼).
    public var assetGroup: String?
    /// A Windows Uninstall entry marked `SystemComponent=1`: hidden from Programs and Features but installed
    /// all the same (runtimes, MSI parts of suites), so it is kept and matched; a report may hide it.
    public var isSystemComponent: Bool
    public var format: InventoryFormat

    public init(
        row: Int,
        host: String? = nil,
        name: String,
        publisher: String? = nil,
        version: String? = nil,
        cpe: String? = nil,
        cpeTitle: String? = nil,
        operatingSystem: String? = nil,
        category: String? = nil,
        agencyOID: String? = nil,
        agencyName: String? = nil,
        quantity: Int? = nil,
        locale: String? = nil,
        architecture: String? = nil,
        purl: String? = nil,
        group: String? = nil,
        release: String? = nil,
        epoch: String? = nil,
        assetGroup: String? = nil,
        isSystemComponent: Bool = false,
        format: InventoryFormat
    ) {
        self.row = row
        self.host = host
        self.name = name
        self.publisher = publisher
        self.version = version
        self.cpe = cpe
        self.cpeTitle = cpeTitle
        self.operatingSystem = operatingSystem
        self.category = category
        self.agencyOID = agencyOID
        self.agencyName = agencyName
        self.quantity = quantity
        self.locale = locale
        self.architecture = architecture
        self.purl = purl
        self.group = group
        self.release = release
        self.epoch = epoch
        self.assetGroup = assetGroup
        self.isSystemComponent = isSystemComponent
        self.format = format
    }
}

/// A row that could not be read, or was read with a caveat: the row or line, the field when known, the byte
/// offset in the file as uploaded when known, and why. The other rows still load.
public struct InventoryIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// The row was not loaded.
        case error
        /// The row was loaded, but a value was replaced or dropped (an undecodable byte became U+FFFD, a
        /// malformed CPE was left out); the reason says which.
        case warning
    }

    public var row: Int
    public var field: String?
    public var offset: Int?
    public var reason: String
    public var severity: Severity

    public init(row: Int, field: String? = nil, offset: Int? = nil, reason: String, severity: Severity = .error) {
        self.row = row
        self.field = field
        self.offset = offset
        self.reason = reason
        self.severity = severity
    }

    public var description: String {
        var text = severity == .warning ? "warning: row \(row)" : "row \(row)"
        if let field { text += " field \(field)" }
        if let offset { text += " (byte \(offset))" }
        return text + ": \(reason)"
    }
}
