import AppCore
import Governance
import Hummingbird
import VulnModel

/// `/agencies/{oid}/prohibited`: the agency's prohibited-software removal tasks (ADR 0022) as a page, for those who
/// may read its findings; anyone else gets the same 404 as for an agency that does not exist.
public struct RemovalTaskPages: Sendable {
    public let pages: WebPages
    public let store: any ProhibitionStore
    /// Whether the request's caller may do `action` on the agency's findings (the composition root decides and logs).
    public let may: @Sendable (Request, Action, Agency.ID) async throws -> Bool

    public init(
        pages: WebPages, store: any ProhibitionStore,
        may: @escaping @Sendable (Request, Action, Agency.ID) async throws -> Bool
    ) {
        self.pages = pages
        self.store = store
        self.may = may
    }

    public static func path(_ agency: Agency.ID) -> String {
        "/agencies/\(HTMLText.pathSegment(agency.rawValue))/prohibited"
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/agencies/:oid/prohibited") { request, context in
            try await pages.agencyPage(request, context) { agency, shell in
                guard try await may(request, .readFindings, agency.id) else { return nil }
                let tasks = try await store.tasks(agency: agency.id)
                let entries = Dictionary(
                    try await store.publications().map { ($0.entry, $0) }, uniquingKeysWith: { first, _ in first })
                return RemovalTaskPage(shell: shell).render(
                    tasks, entries: entries, agency: agency, today: pages.clock().dayInTaiwan)
            }
        }
    }
}
