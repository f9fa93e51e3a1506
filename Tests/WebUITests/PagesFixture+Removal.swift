import AppCore
import Governance
import Storage
import VulnModel

@testable import WebUI

extension PagesFixture {
    /// 監察院's removal tasks on 1 November 2026 (Taiwan): AnyDesk open and overdue on two hosts, DeepSeek closed by
    /// an exception with its approvals and measures, TikTok completed on 15 October.
    static func seedRemoval(_ store: SQLProhibitionStore) async throws {
        func day(_ text: String) -> Day { Day(iso8601: text) ?? Day(daysSinceEpoch: 0) }
        func hit(_ entry: String, _ host: String, _ item: String) -> ProhibitedHit {
            ProhibitedHit(
                entry: ProhibitedEntryID(entry), host: HostRef(agency: controlYuan, host: HostID(host)), itemName: item)
        }
        let approval = ExceptionApproval(
            cisoApproval: "資安長 王大明 1150901", competentAuthorityApproval: "數位部 1150012345",
            registration: RegisteredProduct(
                entry: ProhibitedEntryID("deepseek"), agency: controlYuan, product: "DeepSeek", location: "研究室",
                connectivity: .offline, measures: [.annualInternalAudit, .standAloneNoData], replacementDate: nil),
            reason: "model evaluation", expires: day("2027-06-30"))
        let seeded: [(String, String, String, RemovalTask.Status, [ProhibitedHit])] = [
            (
                "anydesk", "AnyDesk", "remote_access_tool", .open,
                [hit("anydesk", "pc-0002", "AnyDesk 8.0"), hit("anydesk", "pc-0001", "AnyDesk")]
            ),
            ("deepseek", "DeepSeek", "genai_service", .exception(approval), []),
            ("tiktok", "TikTok", "mainland_service_app", .completed(day("2026-10-15")), []),
        ]
        for (entry, name, category, status, hits) in seeded {
            let published = day("2026-09-01")
            let task = RemovalTask(
                entry: ProhibitedEntryID(entry), agency: controlYuan, createdOn: published,
                dueDate: published.adding(days: 30), outstanding: hits, status: status)
            try await store.publish(
                PublishedEntry(
                    entry: ProhibitedEntryID(entry), name: name, category: category, catalogueVersion: "test",
                    publishedOn: published, dueDays: 30, publishedBy: "acs"),
                tasks: [TrackedRemovalTask(task: task, lastMonth: october, lastSnapshotAt: now)], actor: "acs", now: now
            )
        }
    }
}
