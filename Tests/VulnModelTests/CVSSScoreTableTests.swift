import Foundation
import TestSupport
import Testing
import VulnModel

/// Scores against the independent oracle (Red Hat's `cvss` package; see scripts/cvss/make_score_table.py).
@Suite struct CVSSScoreTableTests {
    struct Row {
        var version: String
        var vector: String
        var tenths: Int
    }

    static func rows() throws -> [Row] {
        let text = String(
            decoding: try SharedData.bytes(at: SharedData.fixture("CVSS/cvss-scores.csv.gz")), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3, let tenths = Int(fields[2].replacing(".", with: "")) else { return nil }
            return Row(version: String(fields[0]), vector: String(fields[1]), tenths: tenths)
        }
    }

    @Test(arguments: CVSSVersion.allCases)
    func everyRowMatchesTheOracle(version: CVSSVersion) throws {
        let rows = try Self.rows().filter { $0.version == version.rawValue }
        #expect(rows.count > 1000, "the table should hold well over a thousand \(version.rawValue) vectors")
        var failures: [String] = []
        for row in rows {
            do {
                let vector = try CVSSVector(row.vector)
                if vector.version != version || vector.baseScoreTenths != row.tenths {
                    failures.append(
                        "\(row.vector): \(vector.version.rawValue) \(vector.baseScore), oracle \(row.tenths)")
                }
            } catch {
                failures.append("\(row.vector): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(rows.count) differ, e.g. \(failures.prefix(10))")
    }

    /// All 104,976 v4.0 base vectors, in the order the fixture's first line states.
    @Test func everyV4BaseVectorMatchesTheOracle() throws {
        let text = String(
            decoding: try SharedData.bytes(at: SharedData.fixture("CVSS/cvss4-base-scores.txt.gz")), as: UTF8.self)
        let expected = text.split(separator: "\n").dropFirst().map { Int($0.replacing(".", with: "")) ?? -1 }
        let metrics: [(String, [String])] = [
            ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
            ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
            ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ]
        var vectors = ["CVSS:4.0"]
        for (name, values) in metrics {
            vectors = vectors.flatMap { prefix in values.map { "\(prefix)/\(name):\($0)" } }
        }
        try #require(vectors.count == expected.count)
        var failures: [String] = []
        for (vector, tenths) in zip(vectors, expected) {
            let score = try CVSSVector(vector).baseScoreTenths
            if score != tenths { failures.append("\(vector): \(score), oracle \(tenths)") }
        }
        #expect(failures.isEmpty, "\(failures.count) differ, e.g. \(failures.prefix(10))")
    }

    /// Vectors from the real data that the oracle refuses must be refused here too.
    @Test func vectorsTheOracleRejectsAreRejected() throws {
        let text = String(
            decoding: try SharedData.bytes(at: SharedData.fixture("CVSS/cvss-invalid.csv")), as: UTF8.self)
        let vectors = text.split(separator: "\n").dropFirst().compactMap { line in
            line.firstIndex(of: ",").map { String(line[..<$0]) }
        }
        #expect(!vectors.isEmpty)
        for vector in vectors {
            #expect(throws: CVSSParseError.self, "\(vector)") { try CVSSVector(vector) }
        }
    }
}
