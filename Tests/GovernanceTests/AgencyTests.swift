import Governance
import Testing
import VulnModel

@Suite struct AgencyIDTests {
    @Test(arguments: ["2.16.886.101.20007", "2.16.886.101.90028.20002", "0.0", "1.3.6.1.4.1"])
    func validOIDsAreAccepted(text: String) throws {
        #expect(try Agency.ID(text).rawValue == text)
    }

    @Test(arguments: [
        ("", 0, AgencyIDError.Reason.empty),
        ("2", 1, .tooFewArcs),
        ("2..886", 2, .emptyArc),
        ("2.16.", 5, .emptyArc),
        (".2.16", 0, .emptyArc),
        ("2.16.0886", 5, .leadingZero),
        ("3.16.886", 0, .firstArcOutOfRange),
        ("12.16", 0, .firstArcOutOfRange),
        ("2.16.886.a", 9, .notADigit),
        ("2.16.886 ", 8, .notADigit),
    ])
    func invalidOIDsNameTheOffset(text: String, offset: Int, reason: AgencyIDError.Reason) {
        #expect(throws: AgencyIDError(input: text, offset: offset, reason: reason)) { try Agency.ID(text) }
    }

    @Test func idsSortArcByArcNumerically() throws {
        let ids = try ["2.16.886.101.10", "2.16.886.101.9", "2.16.886.101", "2.16.886.2"].map { try Agency.ID($0) }
        #expect(ids.sorted().map(\.rawValue) == ["2.16.886.2", "2.16.886.101", "2.16.886.101.9", "2.16.886.101.10"])
        #expect(ids[0].isUnderTaiwanArc)
    }
}

@Suite struct RegionGroupTests {
    /// R2: Table 8 yields 6 groups covering exactly 22 distinct local governments, each in one group.
    @Test func tableEightPartitionsTheTwentyTwoGovernments() {
        #expect(RegionGroup.allCases.count == 6)
        let members = RegionGroup.allCases.flatMap(\.members)
        #expect(members.count == 22)
        #expect(Set(members).count == 22)
        #expect(Set(members) == Set(LocalGovernment.allCases))
        for group in RegionGroup.allCases {
            #expect(group.members.first == group.lead)
            #expect(group.lead.kind == .municipality)
            for member in group.members { #expect(member.regionGroup == group) }
        }
    }

    @Test(arguments: [
        ("台北市", LocalGovernment.taipei, RegionGroup.taipei),
        ("連江縣", .lienchiang, .taipei),
        ("宜蘭縣", .yilan, .newTaipei),
        ("新竹市", .hsinchuCity, .taoyuan),
        ("南投縣", .nantou, .taichung),
        ("嘉義市", .chiayiCity, .tainan),
        ("台東縣", .taitung, .kaohsiung),
    ])
    func namesResolveToTheirGroup(name: String, government: LocalGovernment, group: RegionGroup) {
        #expect(LocalGovernment(name: name) == government)
        #expect(government.regionGroup == group)
    }

    @Test func unknownNamesAreRejected() {
        #expect(LocalGovernment(name: "臺北縣") == nil)
    }
}

@Suite struct LevelHistoryTests {
    @Test(arguments: [
        ("2019-12-31", nil as SecurityLevel?),
        ("2020-01-01", .c),
        ("2023-06-30", .c),
        ("2023-07-01", .b),
        ("2030-01-01", .b),
    ])
    func theLevelOnADayIsTheLatestApprovalBeforeIt(on text: String, expected: SecurityLevel?) throws {
        let history = try LevelHistory([
            LevelAssignment(level: .b, effective: day("2023-07-01")),
            LevelAssignment(level: .c, effective: day("2020-01-01")),
        ])
        #expect(history.level(on: day(text)) == expected)
        #expect(history.current?.level == .b)
    }

    @Test func twoApprovalsOnOneDayAreRefused() {
        #expect(throws: LevelHistoryError(day: day("2024-01-10"))) {
            try LevelHistory([
                LevelAssignment(level: .b, effective: day("2024-01-10")),
                LevelAssignment(level: .c, effective: day("2024-01-10")),
            ])
        }
    }

    @Test func scopeFollowsLevelAndKind() throws {
        let levels = try LevelHistory([LevelAssignment(level: .c, effective: day("2020-01-01"))])
        let oid = try Agency.ID("2.16.886.101.1")
        let publicAgency = Agency(id: oid, nameZh: "測試機關", tier: .central, supervisor: .nation, levels: levels)
        var foundation = publicAgency
        foundation.kind = .foundation
        #expect(publicAgency.isInVANSScope(on: day("2024-01-01")))
        #expect(!publicAgency.isInVANSScope(on: day("2019-01-01")))
        #expect(!foundation.isInVANSScope(on: day("2024-01-01")))
        #expect(SecurityLevel.b.requiresEDR && !SecurityLevel.c.requiresEDR && SecurityLevel.c.requiresVANS)
    }
}

@Suite struct AgencyDirectoryTests {
    static let county = Agency(
        id: oid("2.16.886.116"), nameZh: "宜蘭縣政府", tier: .countyCity, localGovernment: .yilan,
        supervisor: .nation, governs: .yilan)
    static let bureau = Agency(
        id: oid("2.16.886.116.1"), nameZh: "宜蘭縣政府衛生局", tier: .countyCity, localGovernment: .yilan,
        supervisor: .agency(oid("2.16.886.116")))
    static let clinic = Agency(
        id: oid("2.16.886.116.1.5"), nameZh: "宜蘭縣某衛生所", tier: .township, localGovernment: .yilan,
        supervisor: .agency(oid("2.16.886.116.1")))

    @Test func theSupervisionChainEndsAtTheNation() throws {
        let directory = try AgencyDirectory([Self.county, Self.bureau, Self.clinic])
        #expect(
            directory.supervisionChain(of: Self.clinic.id) == [
                .agency(Self.bureau.id), .agency(Self.county.id), .nation,
            ])
        #expect(directory.supervisionChain(of: Self.county.id) == [.nation])
        #expect(directory.government(of: .yilan)?.id == Self.county.id)
        #expect(directory.subordinates(of: Self.county.id).map(\.id) == [Self.bureau.id])
        #expect(Self.clinic.regionGroup == .newTaipei)
    }

    @Test func inconsistentDirectoriesAreRefused() {
        var orphan = Self.clinic
        orphan.supervisor = .agency(oid("2.16.886.999"))
        #expect(throws: AgencyDirectoryError(agency: orphan.id, problem: .unknownSupervisor(oid("2.16.886.999")))) {
            try AgencyDirectory([Self.county, orphan])
        }
        #expect(throws: AgencyDirectoryError(agency: Self.county.id, problem: .duplicate)) {
            try AgencyDirectory([Self.county, Self.county])
        }
        var loopingCounty = Self.county
        loopingCounty.supervisor = .agency(Self.clinic.id)
        #expect(throws: AgencyDirectoryError.self) { try AgencyDirectory([loopingCounty, Self.bureau, Self.clinic]) }
    }
}
