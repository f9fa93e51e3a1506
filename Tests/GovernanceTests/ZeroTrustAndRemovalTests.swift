import Governance
import Testing
import VulnModel

/// R32: zero-trust adoption per system, with the audit's two weaknesses reported.
@Suite struct ZeroTrustReportTests {
    @Test func vendorOnlyScopesAndParallelLegacyAccessAreReported() {
        let agency = oid("2.16.886.900.1")
        let systems = ["公文系統", "人事系統", "官網", "內部入口"].enumerated().map { index, name in
            InfoSystem(id: InfoSystem.ID("s\(index)"), agency: agency, name: name, isCore: index < 3, hosts: [])
        }
        let deployments = [
            // The 2023 pilot pattern: one system, vendor maintainers only, legacy access kept.
            ZeroTrustDeployment(
                system: InfoSystem.ID("s0"), phase: .identity, status: .production, userScope: .vendorMaintainers,
                parallelLegacyAccess: true),
            ZeroTrustDeployment(
                system: InfoSystem.ID("s1"), phase: .identity, status: .production, userScope: .all,
                parallelLegacyAccess: false),
            ZeroTrustDeployment(
                system: InfoSystem.ID("s1"), phase: .device, status: .pilot, userScope: .allInternal,
                parallelLegacyAccess: true),
            ZeroTrustDeployment(
                system: InfoSystem.ID("s3"), phase: .identity, status: .planned, userScope: .all,
                parallelLegacyAccess: false),
        ]
        let report = ZeroTrustReport(systems: systems, deployments: deployments)
        #expect(report.vendorOnly == [InfoSystem.ID("s0")])
        #expect(report.parallelLegacy == [InfoSystem.ID("s0"), InfoSystem.ID("s1")])
        #expect(report.coreWithoutDeployment == [InfoSystem.ID("s2")])
        #expect(report.coreByPhase[.identity] == 2)
        #expect(report.coreByPhase[nil] == 1)
    }
}

/// R27–R28: a newly published catalogue entry creates a removal task per agency holding it; tasks complete when
/// later uploads no longer match, or close by an approved and registered exception.
@Suite struct RemovalTaskTests {
    static let deepseek = ProhibitedEntryID("deepseek")
    static let first = oid("2.16.886.901.1")
    static let second = oid("2.16.886.901.2")

    static func hit(_ agency: Agency.ID, _ host: String, entry: ProhibitedEntryID = deepseek) -> ProhibitedHit {
        ProhibitedHit(entry: entry, host: HostRef(agency: agency, host: HostID(host)), itemName: "DeepSeek")
    }

    static func tasks() -> [RemovalTask] {
        RemovalTask.tasks(
            for: deepseek, publishedOn: day("2025-02-03"),
            hits: [
                hit(first, "pc-1"), hit(first, "pc-2"), hit(second, "pc-9"),
                hit(second, "pc-9", entry: .init("anydesk")),
            ],
            days: 7)
    }

    @Test func oneTaskPerAgencyHoldingTheNewEntry() {
        let tasks = Self.tasks()
        #expect(tasks.map(\.agency) == [Self.first, Self.second])
        #expect(tasks.map(\.outstanding.count) == [2, 1])
        #expect(tasks.allSatisfy { $0.dueDate == day("2025-02-10") })
        #expect(tasks.first?.key == "removal/deepseek/2.16.886.901.1")
    }

    @Test func laterUploadsCompleteTheTaskHostByHost() {
        var task = Self.tasks()[0]
        task.record(upload: HostRef(agency: Self.first, host: HostID("pc-1")), hits: [], on: day("2025-02-05"))
        #expect(task.status == .open && task.outstanding.count == 1)
        #expect(task.isOverdue(on: day("2025-02-11")))
        task.record(upload: HostRef(agency: Self.first, host: HostID("pc-2")), hits: [], on: day("2025-02-12"))
        #expect(task.status == .completed(day("2025-02-12")))
        #expect(!task.isOverdue(on: day("2025-03-01")))
    }

    /// A clean host and a host that still has the product in one upload: the task stays open (host by host, the
    /// clean host first, it would have completed).
    @Test func anUploadIsTakenAsAWhole() {
        var task = Self.tasks()[0]
        let hosts: Set<HostRef> = [
            HostRef(agency: Self.first, host: HostID("pc-1")), HostRef(agency: Self.first, host: HostID("pc-2")),
        ]
        task.record(upload: hosts, hits: [Self.hit(Self.first, "pc-2")], on: day("2025-02-05"))
        #expect(task.status == .open && task.outstanding == [Self.hit(Self.first, "pc-2")])
        task.record(upload: hosts, hits: [Self.hit(Self.second, "pc-2")], on: day("2025-02-06"))
        #expect(task.status == .completed(day("2025-02-06")))
    }

    @Test(arguments: [("2025-06-30", true), ("2025-07-01", false), ("2026-01-01", false)])
    func exceptionsLapseOnTheirExpiryDay(_ today: String, _ inForce: Bool) {
        let approval = ExceptionApproval(
            cisoApproval: "資安長", competentAuthorityApproval: "數位部",
            registration: RegisteredProduct(
                entry: Self.deepseek, agency: Self.first, product: "DeepSeek", location: "研究室",
                connectivity: .offline, measures: [], replacementDate: nil),
            reason: "research", expires: day("2025-07-01"))
        #expect(approval.isInForce(on: day(today)) == inForce)
    }

    @Test func exceptionsNeedBothApprovalsAndARegistration() throws {
        var task = Self.tasks()[1]
        let registration = RegisteredProduct(
            entry: Self.deepseek, agency: Self.second, product: "DeepSeek (research)", location: "研究室單機",
            connectivity: .offline, measures: Set(RegisteredProduct.CompensatingMeasure.allCases),
            replacementDate: day("2025-12-31"))
        #expect(registration.isCompliant)
        #expect(throws: ExceptionApprovalError.self) {
            try task.grantException(
                ExceptionApproval(
                    cisoApproval: "資安長 2025-02-04", competentAuthorityApproval: "", registration: registration))
        }
        try task.grantException(
            ExceptionApproval(
                cisoApproval: "資安長 2025-02-04", competentAuthorityApproval: "數位部 1140001", registration: registration))
        #expect(!task.isOverdue(on: day("2025-06-01")))
        var connected = registration
        connected.connectivity = .connected
        connected.measures.remove(.annualInternalAudit)
        #expect(!connected.isCompliant && connected.missingMeasures == [.annualInternalAudit])
    }
}
