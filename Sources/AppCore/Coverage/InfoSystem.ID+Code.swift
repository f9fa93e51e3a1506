import Governance

extension InfoSystem.ID {
    /// Systems are numbered by their agency (`SYS-01` may exist in every agency), so the national id is
    /// `OID#code`.
    public init(agency: Agency.ID, code: String) { self.init("\(agency.rawValue)#\(code)") }

    /// The agency and code of an `OID#code` id; nil when the id has no `#` or no code.
    public var parts: (agency: Agency.ID, code: String)? {
        guard let mark = rawValue.firstIndex(of: "#") else { return nil }
        let code = String(rawValue[rawValue.index(after: mark)...])
        guard !code.isEmpty, let agency = try? Agency.ID(String(rawValue[..<mark])) else { return nil }
        return (agency, code)
    }
}
