import Governance
import Remediation
import Testing
import VulnModel

/// R19 and the §1.5 vocabulary: a pure state machine; illegal transitions are typed errors.
@Suite struct RemediationRecordTests {
    static let today = day("2024-03-05")
    static let acceptance = RiskAcceptance(
        approver: "資安長 王大明", reason: "legacy system, isolated", expires: day("2024-09-01"))

    static let actions: [(String, RemediationAction)] = [
        ("plan", .plan(measure: "upgrade to 2.17.1", owner: "資訊室 林", targetDate: day("2024-04-01"))),
        ("claim", .claimRemediated(evidence: "change ticket 42")),
        ("mitigate", .mitigate(measure: "JNDI lookups disabled", evidence: "config diff")),
        ("accept", .acceptRisk(acceptance)),
        ("falsePositive", .markFalsePositive(justification: "log4j-api only, no core jar")),
        ("retire", .retireAsset(evidence: "decommissioned 2024-03-04")),
        ("reopen", .reopen(reason: "auditor disagrees")),
        ("expire", .expireAcceptance),
    ]

    /// Which action is allowed from which state (— means refused as illegal).
    static let table: [(RemediationState, [String: RemediationState?])] = [
        (
            .open,
            [
                "plan": .planned, "claim": .remediated, "mitigate": .mitigated, "accept": .riskAccepted,
                "falsePositive": .falsePositive, "retire": .assetRetired, "reopen": nil, "expire": nil,
            ]
        ),
        (
            .planned,
            [
                "plan": .planned, "claim": .remediated, "mitigate": .mitigated, "accept": .riskAccepted,
                "falsePositive": .falsePositive, "retire": .assetRetired, "reopen": nil, "expire": nil,
            ]
        ),
        (
            .remediated,
            [
                "plan": nil, "claim": nil, "mitigate": nil, "accept": nil, "falsePositive": nil, "retire": nil,
                "reopen": .open, "expire": nil,
            ]
        ),
        (
            .mitigated,
            [
                "plan": nil, "claim": .remediated, "mitigate": nil, "accept": .riskAccepted,
                "falsePositive": .falsePositive, "retire": .assetRetired, "reopen": .open, "expire": nil,
            ]
        ),
        (
            .riskAccepted,
            [
                "plan": nil, "claim": .remediated, "mitigate": .mitigated, "accept": nil,
                "falsePositive": .falsePositive, "retire": .assetRetired, "reopen": .open,
            ]
        ),
        (
            .falsePositive,
            [
                "plan": nil, "claim": nil, "mitigate": nil, "accept": nil, "falsePositive": nil,
                "retire": .assetRetired, "reopen": .open, "expire": nil,
            ]
        ),
        (
            .assetRetired,
            [
                "plan": nil, "claim": nil, "mitigate": nil, "accept": nil, "falsePositive": nil, "retire": nil,
                "reopen": .open, "expire": nil,
            ]
        ),
    ]

    /// A record in `state`, reached by legal actions.
    static func reached(_ state: RemediationState) throws -> RemediationRecord {
        var subject = makeRecord()
        let setup: [RemediationState: RemediationAction] = [
            .planned: actions[0].1, .remediated: actions[1].1, .mitigated: actions[2].1, .riskAccepted: actions[3].1,
            .falsePositive: actions[4].1, .assetRetired: actions[5].1,
        ]
        if let action = setup[state] { try subject.apply(action, on: day("2024-03-02"), by: "tester") }
        return subject
    }

    @Test(arguments: table)
    func transitions(from state: RemediationState, expected: [String: RemediationState?]) throws {
        for (name, action) in Self.actions {
            var subject = try Self.reached(state)
            // An action left out of a row is tested elsewhere (expiry depends on the day).
            guard let outcome = expected[name] else { continue }
            if let outcome {
                try subject.apply(action, on: Self.today, by: "tester")
                #expect(subject.state == outcome, "\(state) + \(name)")
                #expect(subject.history.last?.from == state && subject.history.last?.to == outcome)
            } else {
                #expect(
                    throws: RemediationError(
                        key: subject.key, state: state, action: action.name, problem: .illegalTransition)
                ) {
                    try subject.apply(action, on: Self.today, by: "tester")
                }
                #expect(subject.state == state, "a refused action changes nothing")
            }
        }
    }

    @Test(arguments: [
        (
            RemediationAction.plan(measure: " ", owner: "林", targetDate: day("2024-04-01")),
            RemediationError.Problem.missingField("measure")
        ),
        (.plan(measure: "upgrade", owner: "", targetDate: day("2024-04-01")), .missingField("owner")),
        (
            .plan(measure: "upgrade", owner: "林", targetDate: day("2024-03-05")),
            .dateNotAfter(field: "target date", day("2024-03-05"))
        ),
        (.acceptRisk(RiskAcceptance(approver: "", reason: "x", expires: day("2024-06-01"))), .missingField("approver")),
        (
            .acceptRisk(RiskAcceptance(approver: "資安長", reason: "x", expires: day("2024-03-01"))),
            .dateNotAfter(field: "expiry", day("2024-03-01"))
        ),
        (.markFalsePositive(justification: ""), .missingField("justification")),
        (.claimRemediated(evidence: ""), .missingField("evidence")),
    ])
    func requiredFieldsAreEnforced(action: RemediationAction, problem: RemediationError.Problem) {
        var subject = makeRecord()
        #expect(throws: RemediationError(key: subject.key, state: .open, action: action.name, problem: problem)) {
            try subject.apply(action, on: Self.today, by: "tester")
        }
        #expect(subject.history.isEmpty)
    }

    @Test func riskAcceptanceExpiresOnlyOnItsDay() throws {
        var subject = makeRecord()
        try subject.apply(.acceptRisk(Self.acceptance), on: Self.today, by: "資安長")
        #expect(
            throws: RemediationError(
                key: subject.key, state: .riskAccepted, action: "expire_acceptance",
                problem: .acceptanceNotExpired(day("2024-09-01")))
        ) {
            try subject.apply(.expireAcceptance, on: day("2024-08-31"), by: "system")
        }
        try subject.apply(.expireAcceptance, on: day("2024-09-01"), by: "system")
        #expect(subject.state == .open)
        #expect(subject.pauses == [day("2024-03-05").daysSinceEpoch..<day("2024-09-01").daysSinceEpoch])
    }

    @Test func everyChangeIsInTheHistoryWithItsActor() throws {
        var subject = makeRecord()
        try subject.apply(
            .plan(measure: "upgrade", owner: "林", targetDate: day("2024-04-01")), on: day("2024-03-02"), by: "林")
        try subject.apply(.addEvidence("vendor advisory read"), on: day("2024-03-03"), by: "林")
        try subject.apply(.claimRemediated(evidence: "upgraded"), on: day("2024-03-10"), by: "林")
        #expect(subject.history.map(\.action) == ["plan", "add_evidence", "claim_remediated"])
        #expect(subject.history.map(\.actor) == ["林", "林", "林"])
        #expect(subject.statusLabel == "remediated")
        #expect(subject.evidence == ["vendor advisory read", "upgraded"])
        #expect(subject.owner == "林" && subject.measure == "upgrade" && subject.targetDate == day("2024-04-01"))
    }
}

@Suite struct RemediationRecordRestoringTests {
    /// Storage saves every field and gets the same record back, history and clock included.
    @Test func aRestoredRecordEqualsTheOriginal() throws {
        var original = makeRecord(.critical)
        try original.apply(
            .acceptRisk(RiskAcceptance(approver: "資安長", reason: "isolated", expires: day("2024-05-01"))),
            on: day("2024-03-10"), by: "資安長")
        let restored = RemediationRecord(
            restoring: original.key, risk: original.risk, state: original.state, verified: original.verified,
            firstSeen: original.firstSeen, lastSeen: original.lastSeen, measure: original.measure,
            owner: original.owner, targetDate: original.targetDate, evidence: original.evidence,
            riskAcceptance: original.riskAcceptance, justification: original.justification,
            decision: original.decision, reappeared: original.reappeared, reopenedOn: original.reopenedOn,
            reopenCount: original.reopenCount, history: original.history)
        #expect(restored == original)
        #expect(SLAPolicy.standard.deadline(for: restored) == SLAPolicy.standard.deadline(for: original))
        #expect(!restored.acceptanceHasExpired(on: day("2024-04-30")))
        #expect(restored.acceptanceHasExpired(on: day("2024-05-01")))
    }
}
