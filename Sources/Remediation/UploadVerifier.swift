import Governance
import VulnModel

/// One host's items in a later upload: what verification (R21) compares open findings with.
public struct HostUpload: Hashable, Sendable {
    public var host: HostRef
    public var day: Day
    public var items: Set<ItemVersion>

    public init(host: HostRef, day: Day, items: Set<ItemVersion>) {
        self.host = host
        self.day = day
        self.items = items
    }
}

/// R21: a finding closes as `remediated (verified)` when a later upload of its host no longer has the vulnerable
/// version; a closed one whose version comes back is reopened and flagged. A host absent from an upload proves
/// nothing (it may simply have been left out), so only hosts the upload lists are verified.
public struct UploadVerifier: Sendable {
    public init() {}

    /// Applies `upload` to the records of its host and returns what changed, in key order.
    public func verify(_ records: inout [RemediationRecord], against upload: HostUpload) -> [VerificationOutcome] {
        var outcomes: [VerificationOutcome] = []
        for index in records.indices where records[index].key.hostRef == upload.host {
            let before = records[index]
            guard upload.day > before.firstSeen else { continue }
            let present = upload.items.contains(before.key.item)
            // Neither action throws: both are observations, accepted in every state.
            try? records[index].apply(present ? .observedPresent : .observedAbsent, on: upload.day, by: "system")
            let after = records[index]
            if after.state != before.state || after.verified != before.verified {
                outcomes.append(
                    VerificationOutcome(
                        key: after.key, from: before.state, to: after.state, verified: after.verified,
                        reappeared: after.reappeared))
            }
        }
        return outcomes.sorted { $0.key < $1.key }
    }
}

public struct VerificationOutcome: Hashable, Sendable {
    public var key: FindingKey
    public var from: RemediationState
    public var to: RemediationState
    public var verified: Bool
    /// A closed finding came back: shown flagged until it closes again.
    public var reappeared: Bool
}
