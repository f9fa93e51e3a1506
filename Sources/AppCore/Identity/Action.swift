import Governance

/// What a request wants to do, as the authorization log names it.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case readProfile = "profile.read"
    case readAgency = "agency.read"
    case readUploads = "upload.read"
    case createUpload = "upload.create"
    case readFindings = "finding.read"
    case updateFindings = "finding.update"
    case manageUsers = "user.manage"
    case manageKeys = "apikey.manage"
    case readAudit = "audit.read"
}

/// Whose resource a request touches: one agency's (uploads, findings, keys), the nation's (the directory, the
/// audit trail), or only the caller's own (their profile and session).
public enum ResourceTenant: Hashable, Sendable, CustomStringConvertible {
    case agency(Agency.ID)
    case nation
    case own

    public var description: String {
        switch self {
        case .agency(let id): "agency:\(id)"
        case .nation: "nation"
        case .own: "own"
        }
    }
}
