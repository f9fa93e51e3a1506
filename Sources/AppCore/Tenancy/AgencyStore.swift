import Governance

/// The agency directory as stored: the nation at the top, supervising ministries and city/county governments,
/// their agencies, and each agency's units, with every agency's level history and region group.
public protocol AgencyStore: Sendable {
    /// Inserts or replaces agencies, with their level histories and units, in one transaction. Supervisors may
    /// come in any order; the save is refused whole (`rejected`) if the stored directory would then name a missing
    /// supervisor or contain a supervision cycle.
    func save(_ agencies: [Agency]) async throws(StoreError)

    func agency(_ id: Agency.ID) async throws(StoreError) -> Agency

    /// Every stored agency, as a checked directory.
    func directory() async throws(StoreError) -> AgencyDirectory

    /// The agencies `id` supervises directly.
    func subordinates(of id: Agency.ID) async throws(StoreError) -> [Agency]

    /// The agencies of the local governments in a region group (DOMAIN.md §5.2).
    func agencies(in group: RegionGroup) async throws(StoreError) -> [Agency]

    /// Records a level approval or change; earlier assignments stay as history.
    func assignLevel(_ assignment: LevelAssignment, to id: Agency.ID) async throws(StoreError)
}
