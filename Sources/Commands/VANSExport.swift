import AppCore
import JSON
import VulnModel

/// An agency's monthly inventory in the VANS upload shapes (DOMAIN.md §1.3, R10), field names byte for byte and in
/// the order the NICS uploader writes them. A row without a CPE is sent as VANS expects it: `cpe23` / `cpe` "N/A".
enum VANSExport {
    enum Format: String, CaseIterable {
        case v1 = "vans-v1"
        case v2 = "vans-v2"

        /// The VANS endpoint path the format is posted to, below the configured base URL.
        var path: String {
            switch self {
            case .v1: "/rest/vans/InsertSystemUnitproduct"
            case .v2: "/vans2/asset/InsertServerUnitproduct"
            }
        }
    }

    static let notAvailable = "N/A"

    /// `identifier` gives v2's host identifier (VANS wants the SHA-256 hex of the host's MAC address).
    static func render(
        _ format: Format, oid: String, agencyName: String, rows: [SnapshotRow], apiKey: String,
        assetGroupCode: String = "DEFAULT", identifier: (HostID?) -> String
    ) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("api_key")
        writer.string(apiKey)
        writer.key("data")
        writer.beginArray()
        for row in rows {
            writer.beginObject()
            let fields: [(String, String)]
            switch format {
            case .v1:
                fields = [
                    ("oid", oid), ("unit_name", agencyName), ("asset_number", String(row.quantity)),
                    ("product_name", row.assetName), ("product_vendor", row.vendor ?? ""),
                    ("product_version", row.version ?? ""), ("category", row.category ?? "software"),
                    ("cpe23", row.cpe ?? notAvailable), ("product_cpename", row.cpeTitle ?? notAvailable),
                ]
            case .v2:
                fields = [
                    ("oid", oid), ("orgName", agencyName), ("identifier", identifier(row.host)),
                    ("assetGroupCode", assetGroupCode), ("assetName", row.assetName), ("brand", row.vendor ?? ""),
                    ("version", row.version ?? ""), ("cpe", row.cpe ?? notAvailable),
                    ("cpeName", row.cpeTitle ?? notAvailable),
                ]
            }
            for (name, value) in fields {
                writer.key(name)
                writer.string(value)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.take()
    }
}
