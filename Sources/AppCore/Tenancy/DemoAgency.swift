import Governance
import VulnModel

/// The agency of the bundled samples (`Samples/vans-v1.json`, `vans-v2.json`: 監察院), so a new database can take
/// them at once. Only a hash of an API key is stored, so its secret can be shown only when the key is issued:
/// seeding happens once, on a database that does not know the agency yet.
public enum DemoAgency {
    /// The samples' `oid`.
    public static let oid = "2.16.886.101.20007"
    /// The samples' placeholder `api_key`, to be replaced by the issued secret.
    public static let placeholderKey = "openvans-demo-key"

    public static func agency() throws -> Agency {
        Agency(id: try Agency.ID(oid), nameZh: "監察院", nameEn: "Control Yuan", tier: .central, supervisor: .nation)
    }

    /// Saves the agency and issues it a key valid for a year, unless the agency is already stored (then nil).
    public static func seed(agencies: any AgencyStore, keys: any APIKeyStore, now: Timestamp) async throws
        -> IssuedAPIKey?
    {
        let agency = try agency()
        do {
            _ = try await agencies.agency(agency.id)
            return nil
        } catch {
            guard error.kind == .notFound else { throw error }
        }
        try await agencies.save([agency])
        return try await keys.issue(agency: agency.id, label: "demo", validFor: .seconds(365 * 86_400), now: now)
    }
}
