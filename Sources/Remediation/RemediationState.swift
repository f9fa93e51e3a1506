/// The remediation vocabulary of DOMAIN.md §1.5 (R19).
public enum RemediationState: String, Hashable, Sendable, CaseIterable {
    case open
    /// 規劃處理: a measure, owner and target date are recorded.
    case planned
    /// 已修補: claimed by the agency, or verified when a later upload no longer has the version (R21).
    case remediated
    /// 已採補償措施: a compensating control is in place; the version is still there.
    case mitigated
    /// 風險接受: approved by someone, until an expiry.
    case riskAccepted = "risk_accepted"
    /// 誤判: with a justification.
    case falsePositive = "false_positive"
    /// 資產已移除.
    case assetRetired = "asset_retired"

    /// States in which nothing more is asked of the agency, so no deadline runs and no reminder goes out.
    public var isClosed: Bool {
        switch self {
        case .open, .planned: false
        case .remediated, .mitigated, .riskAccepted, .falsePositive, .assetRetired: true
        }
    }

    public var labelZh: String {
        switch self {
        case .open: "待處理"
        case .planned: "規劃處理"
        case .remediated: "已修補"
        case .mitigated: "已採補償措施"
        case .riskAccepted: "風險接受"
        case .falsePositive: "誤判"
        case .assetRetired: "資產已移除"
        }
    }
}
