import Commands
import Foundation
import TestSupport
import Testing

/// `vans identify` and `vans match` on inventories that are not `host,cpe`: the record fields, null handling,
/// confirmed mappings, row issues, refusals, and findings from identified rows.
@Suite(.serialized) struct IdentifyCLITests {
    static let feeds = SharedData.packageRoot.appendingPathComponent("Samples/feeds").path
    static let vansCSV = SharedData.fixture("Commands/vans_zh-TW.csv").path
    static let cycloneDX = SharedData.fixture("Commands/cyclonedx-small.json").path
    /// Real rows of the derived NVD product index: a vocabulary that loads in milliseconds.
    static let productIndex = SharedData.fixture("Commands/product-index.csv").path
    static let fields: Set<String> = [
        "row", "host", "name", "publisher", "version", "cpe", "confidence", "reason", "alternates", "failure",
        "prohibited",
    ]

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("vans-\(UUID().uuidString)-\(name)")
    }

    /// Runs `vans identify` with JSON output and report; returns the status, the records and the report.
    static func identify(
        _ input: String, _ extra: [String] = []
    ) async throws -> (status: Int32, records: [[String: Any]], report: [String: Any]) {
        let output = temporaryFile("rows.json")
        let report = temporaryFile("report.json")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: report)
        }
        let status = await VansCLI.run(
            [
                "identify", "--input", input, "--cpe-dictionary", productIndex, "--output", output.path, "--report",
                report.path,
            ] + extra)
        guard status == 0 else { return (status, [], [:]) }
        let records = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]] ?? []
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any] ?? [:]
        return (status, records, summary)
    }

    static func record(_ records: [[String: Any]], row: Int) -> [String: Any]? {
        records.first { $0["row"] as? Int == row }
    }

    @Test func chineseHeaderVANSCSV() async throws {
        let (status, records, report) = try await Self.identify(Self.vansCSV)
        #expect(status == 0)
        #expect(records.map { $0["row"] as? Int } == [2, 3, 4, 6, 7, 8, 9], "line 5 has no name and is reported")
        for record in records { #expect(Set(record.keys) == Self.fields) }

        let office = try #require(Self.record(records, row: 2))
        #expect(office["host"] as? String == "PC-0042")
        #expect(office["publisher"] as? String == "微軟")
        #expect(office["cpe"] as? String == "cpe:2.3:a:microsoft:office:2019:*:*:*:*:*:*:*")
        #expect(office["failure"] is NSNull)
        #expect(office["prohibited"] is NSNull)
        #expect((office["confidence"] as? Double).map { $0 > 0.5 && $0 <= 1 } == true)
        #expect(office["alternates"] is [Any])

        // A Trend Micro product under its Chinese vendor name: Trend Micro's, or honestly unresolved.
        let apex = try #require(Self.record(records, row: 3))
        let apexCPE = apex["cpe"] as? String
        #expect(
            apexCPE?.hasPrefix("cpe:2.3:a:trendmicro:") == true
                || (apexCPE == nil && apex["failure"] as? String == "zh_name_no_alias"))

        let douyin = try #require(Self.record(records, row: 7))
        #expect(douyin["publisher"] is NSNull)
        #expect(douyin["cpe"] is NSNull)
        #expect(douyin["confidence"] as? Double == 0)
        let prohibited = try #require(douyin["prohibited"] as? [String: Any])
        #expect(prohibited["category"] as? String == "mainland_service_app")
        #expect(prohibited["entry"] as? String == "douyin-tiktok")
        #expect(Set(prohibited.keys) == ["category", "entry"])

        let firefox = try #require(Self.record(records, row: 6))
        #expect(firefox["cpe"] as? String == "cpe:2.3:a:mozilla:firefox:118.0:*:*:*:*:*:*:*")
        #expect(firefox["reason"] as? String == "CPE given in the row")
        // The malformed CPE is dropped with a warning and the row identified by its name.
        let notepad = try #require(Self.record(records, row: 8))
        #expect((notepad["cpe"] as? String)?.hasPrefix("cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.5.6:") == true)

        #expect(report["rows"] as? Int == 7)
        #expect(report["format"] as? String == "vans-csv")
        let failed = try #require(report["failed"] as? [String: Int])
        #expect(Set(failed.keys).isSuperset(of: ["zh_name_no_alias", "vendor_unknown", "ambiguous", "no_cpe_exists"]))
        #expect((report["converted"] as? Int ?? 0) + failed.values.reduce(0, +) == 7)
        let prohibitedReport = try #require(report["prohibited"] as? [String: Any])
        #expect(prohibitedReport["rows"] as? Int == 1)
        #expect((prohibitedReport["byCategory"] as? [String: Int])?["mainland_service_app"] == 1)
        let issues = try #require(report["issues"] as? [[String: Any]])
        #expect(issues.map { $0["line"] as? Int } == [5, 8])
        #expect(issues.first?["field"] as? String == "資產名稱")
        #expect(issues.first?["severity"] as? String == "error")
        #expect(issues.last?["field"] as? String == "CPE")
        #expect(issues.allSatisfy { $0["file"] as? String == Self.vansCSV })
    }

    @Test func cycloneDXAsCSV() async throws {
        let output = Self.temporaryFile("rows.csv")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = await VansCLI.run([
            "identify", "--input", Self.cycloneDX, "--cpe-dictionary", Self.productIndex, "--format", "csv",
            "--output", output.path,
        ])
        #expect(status == 0)
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        let header = "row,host,name,publisher,version,cpe,confidence,reason,alternates,failure,prohibited_category,"
        #expect(lines.first.map(String.init) == header + "prohibited_entry")
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("2,web-01,nginx,,1.22.1,cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*,1.0,"))
        #expect(lines[1].contains("cpe:2.3:a:openssl:openssl:3.0.11:"))
    }

    @Test func aConfirmedMappingOverridesTheGuess() async throws {
        let confirmed = Self.temporaryFile("confirmed.json")
        defer { try? FileManager.default.removeItem(at: confirmed) }
        let before = try await Self.identify(Self.vansCSV)
        #expect(
            (Self.record(before.records, row: 4)?["cpe"] as? String)?.hasPrefix("cpe:2.3:a:google:chrome:") == true)

        let confirm = ["identify", "confirm", "--name", "Google Chrome", "--publisher", "Google LLC"]
        #expect(
            await VansCLI.run(
                confirm + [
                    "--cpe", "a:google:chrome_enterprise", "--reviewer", "tester", "--confirmed", confirmed.path,
                ])
                == 0)
        // Confirming again for the same name and publisher replaces the first decision.
        #expect(
            await VansCLI.run(
                confirm + ["--cpe", "a:google:chrome_browser", "--reviewer", "tester", "--confirmed", confirmed.path])
                == 0)
        // Only the green tool's own name matches, whatever publisher.
        #expect(
            await VansCLI.run([
                "identify", "confirm", "--name", "綠色小工具", "--cpe", "cpe:2.3:a:example:green_tool:-:*:*:*:*:*:*:*",
                "--confirmed", confirmed.path,
            ]) == 0)
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: confirmed)) as? [String: Any])
        #expect((file["mappings"] as? [Any])?.count == 2)

        let after = try await Self.identify(Self.vansCSV, ["--confirmed", confirmed.path])
        let chrome = try #require(Self.record(after.records, row: 4))
        #expect(chrome["cpe"] as? String == "cpe:2.3:a:google:chrome_browser:119.0.6045.105:*:*:*:*:*:*:*")
        #expect(chrome["confidence"] as? Double == 1)
        #expect((chrome["reason"] as? String)?.contains("confirmed mapping by tester") == true)
        let tool = try #require(Self.record(after.records, row: 9))
        #expect(tool["cpe"] as? String == "cpe:2.3:a:example:green_tool:-:*:*:*:*:*:*:*")
        #expect(tool["failure"] is NSNull)
        #expect((after.report["byMethod"] as? [String: Int])?["confirmed"] == 2)
    }

    @Test(arguments: [
        ["--cpe", "google chrome"],
        ["--cpe", "cpe:2.3:a:google:chrome:1.0:beta:*:*:*:*:*:*"],
        ["--cpe", "x:google:chrome"],
    ])
    func aBadConfirmationIsRefused(_ arguments: [String]) async {
        let confirmed = Self.temporaryFile("confirmed.json")
        defer { try? FileManager.default.removeItem(at: confirmed) }
        let status = await VansCLI.run(
            ["identify", "confirm", "--name", "Google Chrome", "--confirmed", confirmed.path] + arguments)
        #expect(status == 2)
        #expect(!FileManager.default.fileExists(atPath: confirmed.path))
    }

    @Test func refusedAndMissingInputsExitTwo() async throws {
        let pdf = Self.temporaryFile("inventory.csv")
        defer { try? FileManager.default.removeItem(at: pdf) }
        try Data("%PDF-1.4\nnot an inventory\n".utf8).write(to: pdf)
        #expect(await VansCLI.run(["identify", "--input", pdf.path, "--output", "/dev/null"]) == 2)
        #expect(await VansCLI.run(["identify", "--input", "/nonexistent/inventory.csv"]) == 2)
        #expect(
            await VansCLI.run(["identify", "--input", Self.vansCSV, "--aliases", "/nonexistent/aliases.json"]) == 2)
        #expect(await VansCLI.run(["identify", "--input", Self.vansCSV, "--catalogue", Self.vansCSV]) == 2)
        #expect(await VansCLI.run(["identify", "--input", Self.vansCSV, "--confirmed", Self.cycloneDX]) == 2)
        #expect(await VansCLI.run(["match", "--nvd", Self.feeds, "--inventory", pdf.path]) == 2)
    }

    @Test func aGzippedInventoryIsReadAsItsContentAndACutOneIsRefused() async throws {
        let directory = Self.temporaryFile("gzip")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("inventory.csv")
        try FileManager.default.copyItem(atPath: Self.vansCSV, toPath: plain.path)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", "-n", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = directory.appendingPathComponent("inventory.csv.gz")
        let fromPlain = directory.appendingPathComponent("plain.json")
        let fromGzip = directory.appendingPathComponent("gzip.json")
        #expect(await VansCLI.run(["identify", "--input", plain.path, "--output", fromPlain.path]) == 0)
        #expect(await VansCLI.run(["identify", "--input", compressed.path, "--output", fromGzip.path]) == 0)
        #expect(try Data(contentsOf: fromPlain) == Data(contentsOf: fromGzip))

        let cut = directory.appendingPathComponent("cut.csv.gz")
        let bytes = try Data(contentsOf: compressed)
        try bytes.prefix(bytes.count - 12).write(to: cut)
        #expect(await VansCLI.run(["identify", "--input", cut.path, "--output", "/dev/null"]) == 2)
    }

    @Test func matchFindsVulnerabilitiesInAnInventoryWithoutCPEs() async throws {
        let output = Self.temporaryFile("findings.json")
        let report = Self.temporaryFile("report.json")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: report)
        }
        let status = await VansCLI.run([
            "match", "--nvd", Self.feeds, "--inventory", Self.vansCSV, "--output", output.path, "--report",
            report.path,
        ])
        #expect(status == 0)
        let findings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        let cpes = Set(findings.compactMap { $0["cpe"] as? String })
        #expect(cpes.contains("cpe:2.3:a:google:chrome:119.0.6045.105:*:*:*:*:*:*:*"), "identified by name")
        #expect(cpes.contains("cpe:2.3:a:mozilla:firefox:118.0:*:*:*:*:*:*:*"), "CPE given in the row")
        #expect(Set(findings.compactMap { $0["host"] as? String }) == ["PC-0042", "PC-0043"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect(summary["rows"] as? Int == 7)
    }

    @Test func matchTakesTheHostOfAnSBOM() async throws {
        let output = Self.temporaryFile("findings.json")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(
            await VansCLI.run(["match", "--nvd", Self.feeds, "--inventory", Self.cycloneDX, "--output", output.path])
                == 0)
        let findings = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["host"] as? String == "web-01" })
        #expect(findings.contains { ($0["cpe"] as? String)?.hasPrefix("cpe:2.3:a:openssl:openssl:3.0.11") == true })
    }

    @Test func aSnapshotsProductsAreTheVocabulary() async throws {
        let snapshot = Self.temporaryFile("kb.vanskb")
        let output = Self.temporaryFile("rows.json")
        defer {
            try? FileManager.default.removeItem(at: snapshot)
            try? FileManager.default.removeItem(at: output)
        }
        #expect(await VansCLI.run(["feeds", "snapshot", Self.feeds, "--output", snapshot.path]) == 0)
        #expect(
            await VansCLI.run([
                "identify", "--input", Self.cycloneDX, "--snapshot", snapshot.path, "--output", output.path,
            ]) == 0)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        let openssl = try #require(Self.record(records, row: 1))
        #expect(openssl["cpe"] as? String == "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*")
        #expect((openssl["reason"] as? String)?.hasPrefix("vocabulary:") == true)
    }
}
