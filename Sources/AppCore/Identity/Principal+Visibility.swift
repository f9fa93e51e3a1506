import Governance

extension Principal {
    /// The agencies this caller's roles reach, for lists (one decision per list instead of one per row); nil when a
    /// role reaches the whole nation. A supervising body reaches itself and every agency under it, at any depth;
    /// an API key reaches its own agency. Pages about one agency still ask `AccessGate.authorize`.
    public func visibleAgencies(in directory: AgencyDirectory) -> Set<Agency.ID>? {
        var visible: Set<Agency.ID> = []
        for assignment in assignments {
            switch assignment.scope {
            case .nation:
                return nil
            case .agency(let id):
                visible.insert(id)
            case .supervisingBody(let body):
                visible.insert(body)
                for agency in directory.all where directory.supervisionChain(of: agency.id).contains(.agency(body)) {
                    visible.insert(agency.id)
                }
            }
        }
        return visible
    }
}
