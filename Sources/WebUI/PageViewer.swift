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
    public var scope: Scope

    public init(name: String, scope: Scope) {
        self.name = name
        self.scope = scope
    }

    func mayView(_ id: Agency.ID) -> Bool {
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
