import Commands
import Foundation
import TestSupport
import Testing

/// `vans` run in-process on the bundled sample data: exit statuses, formats, and refusal of bad input.
@Suite(.serialized) struct VansCLITests {
    static let samples = SharedData.packageRoot.appendingPathComponent("Samples")
    static let feeds = samples.appendingPathComponent("feeds").path
    static let inventory = samples.appendingPathComponent("inventory.csv").path

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("vans-\(UUID().uuidString)-\(name)")
    }

    @Test func matchWritesJSONFindingsWithTheDocumentedFields() async throws {
        let output = Self.temporaryFile("findings.json")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = await VansCLI.run([
            "match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--format", "json", "--output", output.path,
        ])
        #expect(status == 0)
        let findings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        #expect(findings.count > 100)
        let required = [
            "host", "cpe", "cve", "status", "cvss", "severity", "highRisk", "kev", "kevDueDate", "epss", "references",
            "evidence",
        ]
        for finding in findings.prefix(50) {
            #expect(Set(finding.keys).isSuperset(of: required))
        }
        let kev = try #require(findings.first { $0["kev"] as? Bool == true })
        #expect(kev["kevDueDate"] is String)
        let printer = findings.filter { $0["host"] as? String == "printer-3f" }
        #expect(printer.map { $0["cve"] as? String } == ["CVE-2021-3942"])
        let platform = (printer.first?["evidence"] as? [[String: Any]])?.first?["platform"] as? [[String: Any]]
        #expect(platform?.first?["item"] as? String == "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*")
    }

    @Test func anExistingReportIsReplacedWhole() async throws {
        let output = Self.temporaryFile("findings.json")
        defer { try? FileManager.default.removeItem(at: output) }
        try "stale".write(to: output, atomically: true, encoding: .utf8)
        let arguments = ["match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--output", output.path]
        #expect(await VansCLI.run(arguments) == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) is [Any])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(output.lastPathComponent)") }
        #expect(leftovers.isEmpty, "no staging file is left behind")
    }

    @Test func aDeviceIsWrittenInPlaceNotReplaced() async throws {
        let arguments = ["match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--output", "/dev/null"]
        #expect(await VansCLI.run(arguments) == 0)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test func csvAndTableFormats() async throws {
        let csv = Self.temporaryFile("findings.csv")
        let table = Self.temporaryFile("findings.txt")
        defer {
            try? FileManager.default.removeItem(at: csv)
            try? FileManager.default.removeItem(at: table)
        }
        #expect(
            await VansCLI.run([
                "match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--format", "csv", "--output", csv.path,
            ]) == 0)
        let csvText = try String(contentsOf: csv, encoding: .utf8)
        #expect(csvText.hasPrefix("host,cpe,cve,status,cvss_version,base_score,"))
        #expect(
            await VansCLI.run([
                "match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--format", "table", "--output",
                table.path,
            ]) == 0)
        let lines = try String(contentsOf: table, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("HOST") == true)
        #expect(lines.dropFirst().first?.contains("KEV due") == true, "known exploited first")
        #expect(lines.count == csvText.split(separator: "\n").count + 1, "same findings, plus the count line")
    }

    /// A snapshot (`vans feeds snapshot`), mapped and read selectively with its assessment records in place, gives
    /// the reports the feeds give.
    @Test func matchingFromASnapshotWritesWhatTheFeedsGive() async throws {
        let snapshot = Self.temporaryFile("sample.vanskb")
        let fromFeeds = Self.temporaryFile("feeds.out")
        let fromSnapshot = Self.temporaryFile("snapshot.out")
        defer {
            for file in [snapshot, fromFeeds, fromSnapshot] { try? FileManager.default.removeItem(at: file) }
        }
        #expect(await VansCLI.run(["feeds", "snapshot", Self.feeds, "--output", snapshot.path]) == 0)
        for format in ["json", "csv", "products", "summary"] {
            for (source, output) in [
                (["--nvd", Self.feeds], fromFeeds), (["--snapshot", snapshot.path], fromSnapshot),
            ] {
                let arguments = ["match"] + source + ["--inventory", Self.inventory, "--format", format]
                #expect(await VansCLI.run(arguments + ["--output", output.path]) == 0)
            }
            let expected = try Data(contentsOf: fromFeeds)
            #expect(expected.count > 100)
            #expect(try Data(contentsOf: fromSnapshot) == expected, "\(format)")
        }
    }

    /// `--format products` says per distinct CPE and CVE what the per-host CSV says row by row.
    @Test func productsFormatCountsTheHostsOfEachCPEAndCVE() async throws {
        let csv = Self.temporaryFile("findings.csv")
        let products = Self.temporaryFile("products.csv")
        defer {
            try? FileManager.default.removeItem(at: csv)
            try? FileManager.default.removeItem(at: products)
        }
        for (format, output) in [("csv", csv), ("products", products)] {
            #expect(
                await VansCLI.run([
                    "match", "--nvd", Self.feeds, "--inventory", Self.inventory, "--format", format, "--output",
                    output.path,
                ]) == 0)
        }
        // Neither file quotes the first columns (CPE names and CVE ids hold no commas).
        var expected: [String: (affected: Int, indeterminate: Int)] = [:]
        for row in try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            let affected = fields[3] == "affected"
            expected["\(fields[1]) \(fields[2])", default: (0, 0)].affected += affected ? 1 : 0
            expected["\(fields[1]) \(fields[2])", default: (0, 0)].indeterminate += affected ? 0 : 1
        }
        let lines = try String(contentsOf: products, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("cpe,cve,status,hosts_affected,hosts_indeterminate,cvss_version,") == true)
        var counted: [String: (affected: Int, indeterminate: Int)] = [:]
        for row in lines.dropFirst() {
            let fields = row.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
            counted["\(fields[0]) \(fields[1])"] = (Int(fields[3]) ?? -1, Int(fields[4]) ?? -1)
            #expect(fields[2] == (fields[3] == "0" ? "indeterminate" : "affected"))
        }
        #expect(lines.count - 1 == expected.count, "one line per distinct CPE and CVE")
        #expect(
            counted.mapValues { [$0.affected, $0.indeterminate] }
                == expected.mapValues { [$0.affected, $0.indeterminate] })
        #expect(expected.values.contains { $0.affected > 1 }, "the sample repeats images across hosts")
    }

    @Test(arguments: [
        ["match", "--inventory", "x.csv"],
        ["match", "--nvd", "Samples/feeds"],
        ["match", "--nvd", "Samples/feeds", "--inventory", "x.csv", "--format", "xml"],
        ["match", "--nvd", "Samples/feeds", "--inventory", "x.csv", "--threshold", "11"],
        ["frobnicate"],
    ])
    func badArgumentsExitTwo(_ arguments: [String]) async {
        #expect(await VansCLI.run(arguments) == 2)
    }

    @Test func unreadableInputsExitTwo() async {
        #expect(await VansCLI.run(["match", "--nvd", "/nonexistent/feeds", "--inventory", Self.inventory]) == 2)
        #expect(await VansCLI.run(["match", "--nvd", Self.feeds, "--inventory", "/nonexistent/inventory.csv"]) == 2)
        #expect(await VansCLI.run(["feeds", "stats", "/nonexistent/feeds"]) == 2)
    }

    @Test func malformedInventoryRowIsRefusedAndNoReportIsLeft() async throws {
        let inventory = Self.temporaryFile("inventory.csv")
        let output = Self.temporaryFile("findings.json")
        defer { try? FileManager.default.removeItem(at: inventory) }
        try "host,cpe\npc,cpe:2.3:a:google:chrome:119.0:*:*:*:*:*:*:*\npc,cpe:2.3:a:google\n"
            .write(to: inventory, atomically: true, encoding: .utf8)
        let status = await VansCLI.run([
            "match", "--nvd", Self.feeds, "--inventory", inventory.path, "--output", output.path,
        ])
        #expect(status == 2)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func feedsStatsSucceeds() async {
        #expect(await VansCLI.run(["feeds", "stats", Self.feeds]) == 0)
    }

    @Test func helpExitsZero() async {
        #expect(await VansCLI.run(["--help"]) == 0)
        #expect(await VansCLI.run(["match", "--help"]) == 0)
    }
}
