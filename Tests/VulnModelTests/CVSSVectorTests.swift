import Testing
import VulnModel

@Suite struct CVSSVectorTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var input: String
        var version: CVSSVersion
        var score: Double
        var inOrder = true
        var testDescription: String { input }
    }

    static let valid: [Valid] = [
        Valid(input: "AV:N/AC:L/Au:N/C:P/I:P/A:P", version: .v2, score: 7.5),
        Valid(input: "(AV:N/AC:L/Au:N/C:P/I:P/A:P)", version: .v2, score: 7.5),
        Valid(input: "AV:N/AC:L/Au:N/C:C/I:C/A:C", version: .v2, score: 10.0),
        Valid(input: "AV:N/AC:L/Au:N/C:N/I:N/A:N", version: .v2, score: 0.0),
        // Temporal and environmental metrics do not change the base score.
        Valid(input: "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:H/IR:H/AR:H", version: .v2, score: 7.5),
        Valid(input: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", version: .v30, score: 9.8),
        Valid(input: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", version: .v31, score: 10.0),
        Valid(input: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", version: .v31, score: 6.4),
        Valid(input: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", version: .v31, score: 0.0),
        Valid(input: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/MAV:P", version: .v31, score: 9.8),
        Valid(input: "CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", version: .v31, score: 9.8, inOrder: false),
        // Alphabetical order, as one of 206 CNA vectors in the CVE 5 data writes it (CVE-2017-9453).
        Valid(input: "CVSS:3.1/AC:H/AV:N/A:H/C:H/I:H/PR:N/S:C/UI:N", version: .v31, score: 9.0, inOrder: false),
        Valid(input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", version: .v40, score: 10.0),
        Valid(input: "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", version: .v40, score: 8.5),
        Valid(input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", version: .v40, score: 0.0),
        // v4 scores every metric present: threat (E:U) lowers it, MSI:S raises it.
        Valid(input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", version: .v40, score: 8.1),
        Valid(
            input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red",
            version: .v40, score: 10.0),
        // Exact x.x5 ties that FIRST's float calculator rounds down (CVE-2024-24552 was published as 5.6).
        Valid(input: "CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:L/VI:H/VA:N/SC:N/SI:N/SA:N", version: .v40, score: 5.7),
        Valid(input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", version: .v40, score: 8.6),
    ]

    @Test(arguments: valid)
    func parsesAndScores(_ example: Valid) throws {
        let vector = try CVSSVector(example.input)
        #expect(vector.version == example.version)
        #expect(vector.baseScore == example.score)
        #expect(vector.isInSpecificationOrder == example.inOrder)
        #expect(vector.string == example.input)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var input: String
        var offset: Int
        var reason: CVSSParseError.Reason
        var testDescription: String { "\(input) → \(reason)" }
    }

    static let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    static let invalid: [Invalid] = [
        Invalid(input: "", offset: 0, reason: .empty),
        Invalid(input: "()", offset: 1, reason: .empty),
        Invalid(input: "(AV:N/AC:L/Au:N/C:P/I:P/A:P", offset: 27, reason: .unbalancedParenthesis),
        Invalid(input: "AV:N/AC:L/Au:N/C:P/I:P/A:P)", offset: 26, reason: .unbalancedParenthesis),
        Invalid(input: "(\(v31))", offset: 1, reason: .unsupportedPrefix),
        Invalid(input: "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 0, reason: .unsupportedPrefix),
        Invalid(input: "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", offset: 0, reason: .unsupportedPrefix),
        Invalid(input: "CVSS:3.1", offset: 0, reason: .unsupportedPrefix),
        Invalid(input: "CVSS:3.1/", offset: 9, reason: .emptyField),
        Invalid(input: v31 + "/", offset: 45, reason: .emptyField),
        Invalid(input: "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 14, reason: .emptyField),
        Invalid(input: "/AV:N/AC:L/Au:N/C:P/I:P/A:P", offset: 0, reason: .emptyField),
        Invalid(input: "CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 14, reason: .malformedField),
        Invalid(input: "CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 13, reason: .malformedField),
        Invalid(input: "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 9, reason: .malformedField),
        Invalid(input: v31 + "/XX:Y", offset: 45, reason: .unknownMetric("XX")),
        Invalid(input: "CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 9, reason: .unknownMetric("av")),
        Invalid(input: " \(v31)", offset: 0, reason: .unknownMetric(" CVSS")),
        Invalid(
            input: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X", offset: 43,
            reason: .illegalValue(metric: "A", value: "X")),
        Invalid(
            input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:S", offset: 62,
            reason: .illegalValue(metric: "SA", value: "S")),
        Invalid(
            input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/U:red", offset: 66,
            reason: .illegalValue(metric: "U", value: "red")),
        Invalid(
            input: "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", offset: 29, reason: .illegalValue(metric: "E", value: "X")),
        Invalid(
            input: "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 14, reason: .duplicateMetric("AV")),
        Invalid(input: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", offset: 40, reason: .missingMetric("A")),
        // A v3 vector without its prefix is read as v2, and fails there.
        Invalid(input: "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", offset: 10, reason: .unknownMetric("PR")),
        // Red Hat's "score/vector" notation, as found in a legacy CVE 4 record.
        Invalid(input: "6.2/\(v31)", offset: 0, reason: .malformedField),
    ]

    @Test(arguments: invalid)
    func refuses(_ example: Invalid) {
        #expect(throws: CVSSParseError(input: example.input, offset: example.offset, reason: example.reason)) {
            try CVSSVector(example.input)
        }
    }

    @Test func exposesMetricValues() throws {
        let vector = try CVSSVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/U:Red")
        #expect(vector["AV"] == "N")
        #expect(vector["MSI"] == "S")
        #expect(vector["U"] == "Red")
        #expect(vector["E"] == nil)
        #expect(vector["XX"] == nil)
        #expect(try CVSSVector("(AV:L/AC:M/Au:S/C:N/I:P/A:C/E:POC)")["E"] == "POC")
    }

    @Test(arguments: [
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", CVSSSeverity.high),
        ("AV:N/AC:M/Au:N/C:P/I:N/A:N", .medium),
        ("AV:N/AC:L/Au:N/C:N/I:N/A:N", .low),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", CVSSSeverity.none),
        ("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", .high),
    ])
    func severityFollowsTheVersionsScale(vector: String, severity: CVSSSeverity) throws {
        #expect(try CVSSVector(vector).severity == severity)
    }

    @Test func errorDescriptionNamesTheProblemAndWhere() {
        let error = CVSSParseError(input: "AV:N", offset: 4, reason: .missingMetric("AC"))
        #expect(error.description == "mandatory metric AC missing at byte 4 of \"AV:N\"")
    }
}
