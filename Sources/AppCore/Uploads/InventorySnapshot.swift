import Governance
import Identification
import VulnModel

/// An agency's inventory for a month, as one committed upload made it, with identification's conversion report
/// (R13). Snapshots are written whole or not at all.
public struct InventorySnapshot: Hashable, Sendable, Identifiable {
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var agency: Agency.ID
    public var month: ReportingMonth
    public var upload: Upload.ID
    public var committedAt: Timestamp
    public var rowCount: Int
    public var report: ConversionReport

    public init(
        id: ID, agency: Agency.ID, month: ReportingMonth, upload: Upload.ID, committedAt: Timestamp, rowCount: Int,
        report: ConversionReport
    ) {
        self.id = id
        self.agency = agency
        self.month = month
        self.upload = upload
        self.committedAt = committedAt
        self.rowCount = rowCount
        self.report = report
    }
}

/// One inventory row as stored: the union of the VANS v1/v2 fields (DOMAIN.md R9) and, when identification
/// failed, why (R12: a row that fails is kept, never dropped).
public struct SnapshotRow: Hashable, Sendable {
    /// The row's number in the uploaded file (1-based), so reports can point back at it.
    public var row: Int
    public var host: HostID?
    public var assetName: String
    public var vendor: String?
    public var version: String?
    public var category: String?
    /// A CPE 2.3 formatted string; nil where the upload said "N/A" and identification found none.
    public var cpe: String?
    public var cpeTitle: String?
    public var quantity: Int
    public var failure: FailureCode?
    /// The prohibited-catalogue entries the row hit when it was identified (R26), so removal tasks (R28) can be
    /// followed from stored snapshots.
    public var prohibited: [ProhibitedEntryID]

    public init(
        row: Int, host: HostID?, assetName: String, vendor: String? = nil, version: String? = nil,
        category: String? = nil, cpe: String? = nil, cpeTitle: String? = nil, quantity: Int = 1,
        failure: FailureCode? = nil, prohibited: [ProhibitedEntryID] = []
    ) {
        self.row = row
        self.host = host
        self.assetName = assetName
        self.vendor = vendor
        self.version = version
        self.category = category
        self.cpe = cpe
        self.cpeTitle = cpeTitle
        self.quantity = quantity
        self.failure = failure
        self.prohibited = prohibited
    }
}
