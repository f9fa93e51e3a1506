import Governance

/// Who is looking at the pages, as far as the pages need to know: a name to show and the agencies they may see.
/// The composition root derives it from the signed-in session; pages never decide access themselves.
public struct PageViewer: Sendable {
    public enum Scope: Sendable {
        /// Every agency (the national supervisor, auditors of the nation).
        case nation
        /// These agencies only (a supervising body's subordinates, or one agency's own staff).
        case agencies(Set<Agency.ID>)
    }

    public var name: String
    /// What lists show.
    public var scope: Scope
    /// The decision for one agency's pages, made (and logged) by the composition root's access control; by default
    /// the scope's answer.
    public var authorize: @Sendable (Agency.ID) async throws -> Bool

    public init(name: String, scope: Scope, authorize: (@Sendable (Agency.ID) async throws -> Bool)? = nil) {
        self.name = name
        self.scope = scope
        self.authorize = authorize ?? { id in Self.contains(scope, id) }
    }

    func mayView(_ id: Agency.ID) -> Bool { Self.contains(scope, id) }

    private static func contains(_ scope: Scope, _ id: Agency.ID) -> Bool {
        switch scope {
        case .nation: true
        case .agencies(let ids): ids.contains(id)
        }
    }

    /// The one agency whose dashboard is home, when the viewer sees only one.
    var onlyAgency: Agency.ID? {
        guard case .agencies(let ids) = scope, ids.count == 1 else { return nil }
        return ids.first
    }
}
