import Testing
import Versioning

/// One expected comparison, written as `lhs op rhs` with `?` for indeterminate. Each case is checked in both
/// directions, so every row also tests antisymmetry.
struct ComparisonCase: CustomTestStringConvertible, Sendable {
    let lhs: String
    let expected: Character
    let rhs: String

    init(_ lhs: String, _ expected: Character, _ rhs: String) {
        self.lhs = lhs
        self.expected = expected
        self.rhs = rhs
    }

    var testDescription: String { "\(lhs) \(expected) \(rhs)" }
}

func symbol(_ order: VersionOrder) -> Character {
    switch order {
    case .less: "<"
    case .equal: "="
    case .greater: ">"
    case .indeterminate: "?"
    }
}

func mirrored(_ symbol: Character) -> Character {
    switch symbol {
    case "<": ">"
    case ">": "<"
    default: symbol
    }
}

@Suite struct VersionComparisonTests {
    static let numbers: [ComparisonCase] = [
        .init("1.2.3", "<", "1.2.10"),
        .init("1.0", "=", "1.0.0"),
        .init("1", "=", "1.0.0.0"),
        .init("0009", "=", "9"),
        .init("1.02", "?", "1.2"),
        .init("1.02", "<", "1.10"),
        .init("2.4.051", "<", "2.4.052"),
        .init("2.4.051", "?", "2.4.6"),
        .init("2.4.051", "<", "2.4.100"),
        .init("11.0.01", "<", "11.0.02"),
        .init("11.0.01", "?", "11.0.1"),
        .init("10.01", "<", "10.10"),
        .init("10.20", ">", "10.01"),
        .init("10.00", "=", "10"),
        .init("10.0.19045.3570", "<", "10.0.19045.3693"),
        .init("10.0.22621.1", ">", "10.0.19045.3693"),
        .init("120.0.6099.109", ">", "120.0.6099.71"),
        .init("120.0.6099.109", "<", "121.0.6167.85"),
        .init("v1.2.3", "=", "1.2.3"),
        .init(" V1.2 ", "=", "1.2"),
        .init("firmware_1.4.0.1048", "=", "1.4.0.1048"),
        .init("Version 2.1", "=", "2.1"),
        .init("release_2004-07-04", "<", "2005-09-19"),
        .init("v 1.2", "?", "1.2"),
    ]

    static let letterSuffixes: [ComparisonCase] = [
        .init("1.1.1w", ">", "1.1.1"),
        .init("1.1.1w", "<", "1.1.2"),
        .init("1.0.2k", "<", "1.0.2m"),
        .init("1.1.1j", "<", "1.1.1k"),
        .init("0.9.8zh", ">", "0.9.8z"),
        .init("0.9.8zh", ">", "0.9.8za"),
        .init("0.9.8zh", "<", "1.0.0"),
        .init("2.8.123e", ">", "2.8.75"),
        .init("1.0.2k", "<", "1.0.2.1"),
    ]

    static let preReleases: [ComparisonCase] = [
        .init("2.0.0-beta1", "<", "2.0.0-rc1"),
        .init("2.0.0-rc1", "<", "2.0.0"),
        .init("2.0.0-beta1", "<", "2.0.0"),
        .init("2.0.0-alpha", "<", "2.0.0-beta"),
        .init("1.0.0-rc.1", "<", "1.0.0-rc.2"),
        .init("1.0.0-rc.1", "=", "1.0.0rc1"),
        .init("3.0.0b2", "<", "3.0.0"),
        .init("3.0.0b2", ">", "3.0.0a5"),
        .init("0.18.0a1", ">", "0.17.9"),
        .init("2.0pre1", "<", "2.0rc1"),
        .init("5.0.0-preview.3", "<", "5.0.0"),
        .init("1.0.dev1", "<", "1.0a1"),
        .init("0.5.0b3.dev100", "<", "0.5.0b3"),
        .init("1.0-beta", "<", "1.0.1"),
        .init("15.0.0-canary.0", "<", "15.0.0"),
        .init("1.0~rc1", "<", "1.0"),
        .init("1.0~rc1", "=", "1.0-rc1"),
        .init("1.0~1", "<", "1.0"),
        .init("1.0~1", "?", "1.0-rc1"),
        .init("2.8.0-b1", ">", "2.8.0-a2"),
        .init("2.8.0-b2", "<", "2.8"),
        .init("3.9.0c1", ">", "3.9.0b5"),
        .init("3.9.0c1", "<", "3.9.0"),
    ]

    static let postReleases: [ComparisonCase] = [
        .init("7.4p1", ">", "7.4"),
        .init("7.4p1", "<", "7.5"),
        .init("7.4p1", "<", "7.4p2"),
        .init("2.0-patch2", "<", "2.0-patch10"),
        .init("2.0-patch2", "=", "2.0p2"),
        .init("4.0 sp1", ">", "4.0"),
        .init("4.0sp1", "<", "4.0sp2"),
        .init("4.0 sp1", "?", "4.0 update 1"),
        .init("1.8.0_381", ">", "1.8.0"),
        .init("1.8.0_381", "<", "1.8.1"),
        .init("1.8.0_381", "=", "1.8.0:update_381"),
        .init("1.8.0update381", "=", "1.8.0u381"),
        .init("1.8.0_381", ">", "1.8.0_91"),
        .init("1.8.0:update_381", "<", "1.8.0_401"),
        .init("1.8.0_381-b09", "?", "1.8.0_381"),
        .init("10.4.17+security-01", "?", "10.4.17"),
        .init("1.0.final", "=", "1.0"),
        .init("6.06_lts", "=", "6.06"),
        .init("1.0_release_17", "?", "1.0"),
        .init("1.8.0_381", "<", "1.8.0.5"),
        .init("4.0.5_cp01", ">", "4.0.5.ga"),
        .init("4.0.2_final", "<", "4.0.2.ga_cp04"),
        .init("3.2.8.sp1", ">", "3.2.8_final"),
        .init("1.0.2k", "<", "1.0.2.1"),
        .init("1.0.2k", "<", "1.0.3.1"),
        .init("2.0-rc1", "=", "2.0.0-rc1"),
        .init("2.0-rc1", "<", "2.0.0.1"),
    ]

    static let datesAndSchemes: [ComparisonCase] = [
        .init("20230101", ">", "20221231"),
        .init("20230101", "?", "2.3.1"),
        .init("2023.3.0.23028", ">", "2023.2.5"),
        .init("2023.3.0.23028", "?", "10.2"),
        .init("2023.3.0.23028", "?", "20230101"),
        .init("2003-12-17", "<", "20040810"),
        .init("02-08-2013", "<", "04-11-2013"),
        .init("01-31-2014", ">", "02-08-2013"),
        .init("15-11-2013", "?", "18-10-2013"),
        .init("12.06.2015", "?", "6.5"),
        .init("2016", "?", "16.0.4266.1001"),
    ]

    static let ciscoAndDebian: [ComparisonCase] = [
        .init("12.1(14)e7", "<", "12.1(14)e8"),
        .init("12.2(55)se7", "<", "12.2(58)se1"),
        .init("12.2(55)se", "?", "12.2(55)sg"),
        .init("12.2(55)se7", "?", "12.2(55)"),
        .init("12.1(14)e7", "=", "12.1\\(14\\)e7"),
        .init("15.2(4)m1", "<", "15.2(4)m2"),
        .init("009.014(001)", "=", "9.14(1)"),
        .init("009.016(001.025)", ">", "9.9(2.4)"),
        .init("002.009(001.002)", ">", "2.8.1.2"),
        .init("1:2.3-4", "<", "1:2.3-5"),
        .init("1:2.3-4", "<", "2:1.0-1"),
        .init("1:2.3-4", "?", "2.3-4"),
        .init("0:2.3-4", "=", "2.3-4"),
        .init("2.3-4", "<", "2.3.1"),
        .init("2.3-4", ">", "2.3"),
        .init("1.0+dfsg-1", "<", "1.0+dfsg-2"),
        .init("2.0.0-4", ">", "2.0.0"),
    ]

    static let opaque: [ComparisonCase] = [
        .init("0.0.0-20210520170846-37e1c6afe023", "<", "0.0.0-20220314234659-1baeb1ce4c0b"),
        .init("0.0.0-20210520170846-37e1c6afe023", "?", "0.0.0-20210520170846-1baeb1ce4c0b"),
        .init("1f69c9d595684a4650c3ac702f3dc7c5bcd7526c", "?", "1.0"),
        .init("8.60.231116a", ">", "8.60"),
        .init("8.60.231116a", "<", "8.60.231116b"),
        .init("2.0.0-b20190902.1958", "<", "2.0.0"),
        .init("1.18.2.2029-36236cc4c", "?", "1.18.2.2029"),
        .init("1f69c9d595684a4650c3ac702f3dc7c5bcd7526c", "=", "1f69c9d595684a4650c3ac702f3dc7c5bcd7526c"),
        .init("5.5_enterprise", "?", "5.5_personal"),
        .init("5.5_enterprise", "=", "5.5.0_enterprise"),
        .init("5.x", "?", "5.1"),
        .init("5.x", "<", "6.0"),
        .init("6.x-1.0", "<", "6.x-1.2"),
        .init("6.x-1.0-alpha1", "<", "6.x-1.0"),
        .init("6.x-1.x-dev", "?", "6.x-1.0"),
        .init("1.0_enterprise", "<", "1.0.1"),
        .init("*", "?", "1.0"),
        .init("-", "?", "1.0"),
        .init("", "?", "1.0"),
        .init("-", "=", "-"),
        .init("alpha_1", "?", "1.0"),
        .init("b.11.31", ">", "b.11.23"),
        .init("b.11.31", "?", "11.31"),
        .init("1.0 版", "?", "1.0"),
        .init("12345678901234567890", "?", "1.0"),
    ]

    @Test(
        arguments: [numbers, letterSuffixes, preReleases, postReleases, datesAndSchemes, ciscoAndDebian, opaque]
            .joined())
    func comparesBothWays(_ row: ComparisonCase) {
        let lhs = Version(row.lhs)
        let rhs = Version(row.rhs)
        #expect(symbol(Version.compare(lhs, rhs)) == row.expected)
        #expect(symbol(rhs.compare(to: lhs)) == mirrored(row.expected))
    }

    @Test func indeterminateReasonNamesBothVersions() {
        guard case .indeterminate(let reason) = Version.compare(Version("20230101"), Version("2.3.1")) else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(reason.contains("\"20230101\"") && reason.contains("\"2.3.1\""))
        #expect(reason.contains("a date vs a dotted release"))
    }

    @Test func rawTextIsIdentity() {
        #expect(Version("1.0") != Version("1.0.0"))
        #expect(Version("1.0").compare(to: Version("1.0.0")) == .equal)
        #expect(Version("1.0").raw == "1.0")
        #expect(Set([Version("1.0"), Version("1.0")]).count == 1)
    }
}
