import Governance
import VulnModel

/// What processing produced, shown to the agency whose API key asks: its findings with their current CVSS, KEV and
/// EPSS facts, and an upload's status with its conversion report once committed.
public struct ResultsReader: Sendable {
    public let receiver: UploadReceiver
    public let findings: any FindingStore
    public let knowledge: any KnowledgeBaseProvider
    public let policy: RiskPolicy

    public init(
        receiver: UploadReceiver, findings: any FindingStore, knowledge: any KnowledgeBaseProvider,
        policy: RiskPolicy = RiskPolicy()
    ) {
        self.receiver = receiver
        self.findings = findings
        self.knowledge = knowledge
        self.policy = policy
    }

    /// A stored finding and what the current knowledge base says about its CVE (nil when the CVE is unknown to
    /// it). `finding.observation` keeps what matching recorded: status, high risk and KEV as of the last match.
    public struct Reported: Sendable {
        public var finding: StoredFinding
        public var assessment: CVEAssessment?
    }

    /// The key's agency's findings, by host then CVE; only `host`'s when given, only those seen during `month`
    /// (first seen no later and last seen no earlier) when given.
    public func findings(apiKey: String?, host: String?, month: String?) async throws -> [Reported] {
        let key = try await receiver.authenticate(apiKey, now: receiver.clock())
        let during: ReportingMonth?
        do {
            during = try month.map { text throws(ReportingMonthError) in try ReportingMonth(parsing: text) }
        } catch {
            throw Rejection(.invalid, "month \(month ?? "") is not a month such as 2026-10 or 115-10", field: "month")
        }
        if let host, host.isEmpty { throw Rejection(.invalid, "host is empty", field: "host") }
        var stored = try await findings.findings(agency: key.agency, host: host.map(HostID.init))
        if let during {
            stored = stored.filter { $0.firstSeen.month <= during && during <= $0.lastSeen.month }
        }
        let facts = try? await knowledge.current()
        return stored.map { finding in
            Reported(
                finding: finding,
                assessment: facts.map { $0.matcher.facts.assessment(of: finding.observation.cve, policy: policy) })
        }
    }

    /// The upload, its agency and, once completed, its snapshot (with the conversion report).
    public func upload(_ id: Upload.ID, apiKey: String?) async throws
        -> (upload: Upload, agency: Agency, snapshot: InventorySnapshot?)
    {
        let found = try await receiver.upload(id, apiKey: apiKey)
        return (found.upload, found.agency, try await snapshot(of: found.upload))
    }

    /// The same for a signed-in caller, whose access the gate decides (and logs).
    public func upload(_ id: Upload.ID, gate: AccessGate) async throws
        -> (upload: Upload, agency: Agency, snapshot: InventorySnapshot?)
    {
        let found = try await receiver.upload(id, gate: gate)
        return (found.upload, found.agency, try await snapshot(of: found.upload))
    }

    private func snapshot(of upload: Upload) async throws -> InventorySnapshot? {
        guard upload.status == .completed else { return nil }
        return try await receiver.uploads.snapshot(of: upload.id, agency: upload.agency)
    }
}
