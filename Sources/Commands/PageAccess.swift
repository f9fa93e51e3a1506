import AppCore
import Governance
import Hummingbird
import VulnModel
import WebUI

/// Who looks at the pages: the signed-in person of the request (a passkey session; API keys are for machines and
/// see no pages). Lists use the agencies their roles reach; each agency's page asks the access gate, which logs
/// the decision (ADR 0014, ADR 0018).
enum PageAccess {
    static func viewer(gate: AccessGate, agencies: any AgencyStore) -> @Sendable (Request) async throws -> PageViewer? {
        { _ in
            guard let principal = AccessGate.current?.principal, case .user = principal.subject else { return nil }
            let visible = principal.visibleAgencies(in: try await agencies.directory())
            return PageViewer(name: principal.name, scope: visible.map { .agencies($0) } ?? .nation) { id in
                do {
                    try await gate.authorize(.readAgency, on: .agency(id))
                    return true
                } catch {
                    // Another tenant's agency and a forbidden one both look like a missing page.
                    guard let refusal = error as? Rejection, refusal.kind == .notFound || refusal.kind == .forbidden
                    else { throw error }
                    return false
                }
            }
        }
    }

    /// Whether the request's caller may do `action` on an agency's findings (the remediation pages), decided and
    /// logged by the gate; another tenant's and a forbidden agency are both false.
    static func may(gate: AccessGate) -> @Sendable (Request, Action, Agency.ID) async throws -> Bool {
        { _, action, id in
            do {
                try await gate.authorize(action, on: .agency(id))
                return true
            } catch let refusal as Rejection where refusal.kind == .notFound || refusal.kind == .forbidden {
                return false
            }
        }
    }

    /// The feed banner in the page's language (the stored text is English).
    static func banners(_ feeds: FeedStatusQuery, clock: @escaping @Sendable () -> Timestamp)
        -> @Sendable (Language) async -> [String]
    {
        { language in
            guard let banner = try? await feeds.banner(now: clock()) else { return [] }
            let english = "Vulnerability data may be out of date: "
            guard language == .zhTW, banner.hasPrefix(english) else { return [banner] }
            return ["弱點資料可能不是最新（Vulnerability data may be out of date）：" + banner.dropFirst(english.count)]
        }
    }
}
