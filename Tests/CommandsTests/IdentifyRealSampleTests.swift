import Commands
import Foundation
import TestSupport
import Testing

/// `vans identify` on the real inventories in `../shared/data/inventory`: a gzipped UTF-16 registry export and
/// the Windows ARP sample CSV.
@Suite(.serialized, .enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
struct IdentifyRealSampleTests {
    @Test func registryExport() async throws {
        let input = SharedData.url("inventory/glpi-agent_mssql-Uninstall.reg.gz").path
        let (status, records, report) = try await IdentifyCLITests.identify(input, ["--host", "sql-01"])
        #expect(status == 0)
        #expect(report["format"] as? String == "windows-reg")
        #expect(report["encoding"] as? String == "utf-16le")
        #expect(records.count == 7)
        #expect(records.allSatisfy { $0["host"] as? String == "sql-01" })
        for record in records { #expect(Set(record.keys) == IdentifyCLITests.fields) }
        let cpes = records.compactMap { $0["cpe"] as? String }
        #expect(cpes.contains("cpe:2.3:a:mozilla:firefox:57.0.2:*:*:*:*:*:*:*"))
        #expect(cpes.contains { $0.hasPrefix("cpe:2.3:a:git-scm:git:2.12.2.2:") })
        // Every row is either converted or carries one failure code.
        for record in records {
            #expect((record["cpe"] is String) != (record["failure"] is String), "\(record)")
        }
    }

    @Test func windowsARPSampleReportsItsUnreadableRows() async throws {
        let input = SharedData.url("inventory/windows_arp_samples.csv").path
        let (status, records, report) = try await IdentifyCLITests.identify(input)
        #expect(status == 0)
        #expect(records.count == 157)
        #expect(report["rows"] as? Int == 157)
        let issues = try #require(report["issues"] as? [[String: Any]])
        #expect(issues.map { $0["line"] as? Int } == [159, 160, 161])
        #expect(issues.allSatisfy { $0["reason"] as? String == "no name and no CPE" })
        let converted = report["converted"] as? Int ?? 0
        #expect(converted > 60, "the aliases alone convert most of the common products")
        let chrome = records.first { ($0["name"] as? String)?.hasPrefix("Google Chrome") == true }
        #expect((chrome?["cpe"] as? String)?.hasPrefix("cpe:2.3:a:google:chrome:") == true)
    }
}
