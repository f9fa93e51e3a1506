import AppCore
import Foundation
import Governance
import Storage
import TestSupport
import VulnModel

@testable import WebUI

extension PagesFixture {
    /// 監察院's document system runs on pc-0001 (in its October upload) and is EDR-covered; its HR system's host is
    /// in no upload and has no EDR. The county agency (level C since 2024) has one core system reported to VANS by
    /// its own record, without EDR, and its obligations generated. 監察院's document system is in zero-trust phase 1
    /// for vendor maintainers, with legacy access beside it.
    static let controlYuanSystems = """
        system_code,system_name,core,host,edr_seen_on
        DOC,公文系統,yes,pc-0001,2026-10-20
        HR,人事<系統>,yes,hr-db-01,
        """
    static let hualienSystems = """
        system_code,system_name,core,host,vans_reported_on
        EMR,電子病歷,yes,emr-01,2026-10
        """

    static func coverageSource(_ backend: Backend, clock: Timestamp) async throws -> CoverageSource {
        let agencies = SQLAgencyStore(backend: backend)
        let store = SQLCoverageStore(backend: backend)
        let desk = CoverageDesk(agencies: agencies, store: store, uploads: SQLUploadStore(backend: backend))
        try await desk.importSystems(try SystemListReader(agency: controlYuan).read(Array(controlYuanSystems.utf8)))
        try await desk.importSystems(try SystemListReader(agency: hualien).read(Array(hualienSystems.utf8)))
        try await desk.setZeroTrust(
            ZeroTrustDeployment(
                system: InfoSystem.ID(agency: controlYuan, code: "DOC"), phase: .identity, status: .production,
                userScope: .vendorMaintainers, parallelLegacyAccess: true))
        try await agencies.assignLevel(
            LevelAssignment(level: .c, effective: Day(year: 2024, month: 1, day: 1) ?? clock.dayInTaiwan), to: hualien)
        let url = SharedData.packageRoot.appendingPathComponent("Data/governance/obligations.json")
        let obligations = ObligationDesk(
            agencies: agencies, coverage: store, store: SQLObligationStore(backend: backend),
            catalogue: try ObligationCatalogue(json: [UInt8](try Data(contentsOf: url))))
        _ = try await obligations.generate(agency: hualien, today: clock.dayInTaiwan)
        return CoverageSource(coverage: desk, obligations: obligations)
    }
}
