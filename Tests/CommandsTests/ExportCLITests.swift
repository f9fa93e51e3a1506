import AppCore
import Commands
import Foundation
import Governance
import Identification
import Storage
import StorageSQLite
import TestSupport
import Testing
import VulnModel

/// `vans export` from stored snapshot rows: VANS v1 and v2 field names byte for byte (R10), and the push to a
/// loopback stand-in for the VANS endpoints (`scripts/vans-stub.py`).
@Suite(.serialized) struct ExportCLITests {
    static let oid = "2.16.886.101.20007"

    /// A database with 監察院's March 2024 snapshot: one identified row and one without a CPE.
    static func seeded(_ folder: URL) async throws -> String {
        let path = folder.appendingPathComponent("vans.sqlite").path
        let storage = try await SQLiteStorage.open(path: path, connections: 1)
        do {
            let agency = try Agency.ID(oid)
            try await SQLAgencyStore(backend: storage.backend).save([
                Agency(id: agency, nameZh: "監察院", nameEn: "Control Yuan", tier: .central, supervisor: .nation)
            ])
            let uploads = SQLUploadStore(backend: storage.backend)
            let month = try #require(ReportingMonth(year: 2024, month: 3))
            let upload = try await uploads.receive(
                NewUpload(
                    agency: agency, month: month, digest: ContentDigest.sha256(of: Array("x".utf8)), format: "csv",
                    byteCount: 1),
                now: Timestamp(millisecondsSinceEpoch: 1_711_929_600_000)
            ).upload
            _ = try await uploads.commitSnapshot(
                for: upload.id, fencedBy: nil, now: Timestamp(millisecondsSinceEpoch: 1_711_929_600_000)
            ) { writer in
                try await writer.append(contentsOf: [
                    SnapshotRow(
                        row: 1, host: HostID("srv-01"), assetName: "Apache HTTP Server", vendor: "apache",
                        version: "2.4.51", category: "software",
                        cpe: "cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*",
                        cpeTitle: "Apache Software Foundation Apache HTTP Server 2.4.51", quantity: 1),
                    SnapshotRow(
                        row: 2, host: nil, assetName: "pkg:npm/vite@5.0.12", vendor: nil, version: "5.0.12",
                        category: nil, cpe: nil, cpeTitle: nil, quantity: 2, failure: .vendorUnknown),
                ])
                var report = ConversionReport()
                report.rows = 2
                report.converted = 1
                report.byMethod = [.givenCPE: 1]
                report.failed = [.vendorUnknown: 1]
                return report
            }
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
        return path
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [
        (
            "vans-v1",
            #"{"api_key":"k","data":[{"oid":"2.16.886.101.20007","unit_name":"監察院","asset_number":"1","#
                + #""product_name":"Apache HTTP Server","product_vendor":"apache","product_version":"2.4.51","#
                + #""category":"software","cpe23":"cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*","#
                + #""product_cpename":"Apache Software Foundation Apache HTTP Server 2.4.51"},"#
                + #"{"oid":"2.16.886.101.20007","unit_name":"監察院","asset_number":"2","#
                + #""product_name":"pkg:npm/vite@5.0.12","product_vendor":"","product_version":"5.0.12","#
                + #""category":"software","cpe23":"N/A","product_cpename":"N/A"}]}"#
        ),
        (
            "vans-v2",
            #"{"api_key":"k","data":[{"oid":"2.16.886.101.20007","orgName":"監察院","#
                + #""identifier":"\#(ContentDigest.sha256(of: Array("srv-01".utf8)).hex)","#
                + #""assetGroupCode":"DEFAULT","assetName":"Apache HTTP Server","brand":"apache","version":"2.4.51","#
                + #""cpe":"cpe:2.3:a:apache:http_server:2.4.51:*:*:*:*:*:*:*","#
                + #""cpeName":"Apache Software Foundation Apache HTTP Server 2.4.51"},"#
                + #"{"oid":"2.16.886.101.20007","orgName":"監察院","identifier":"N/A","assetGroupCode":"DEFAULT","#
                + #""assetName":"pkg:npm/vite@5.0.12","brand":"","version":"5.0.12","cpe":"N/A","cpeName":"N/A"}]}"#
        ),
    ])
    func exportsTheVANSShapesByteForByte(format: String, expected: String) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Self.seeded(folder)
        let output = folder.appendingPathComponent("out.json").path
        let status = await VansCLI.run([
            "export", "--database", database, "--agency", Self.oid, "--month", "113-03", "--format", format,
            "--api-key", "k", "--output", output,
        ])
        #expect(status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == expected)
    }

    @Test func badArgumentsAndMissingMonthsAreRefused() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Self.seeded(folder)
        let base = ["export", "--database", database, "--agency", Self.oid]
        #expect(await VansCLI.run(base + ["--month", "2024-04"]) == 2)
        #expect(await VansCLI.run(base + ["--month", "2024-03", "--format", "vans-v3"]) == 2)
        #expect(await VansCLI.run(["export", "--database", database, "--agency", "2.16.x", "--month", "2024-03"]) == 2)
    }

    @Test func pushPostsToTheFormatsEndpointAndADryRunPostsNothing() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let stub = try LoopbackStub.start(folder: folder.appendingPathComponent("received")) else { return }
        let database = try await Self.seeded(folder)
        let push = [
            "export", "--database", database, "--agency", Self.oid, "--month", "2024-03", "--format", "vans-v2",
            "--api-key", "k", "--push", "http://127.0.0.1:\(stub.port)/",
        ]
        #expect(await VansCLI.run(push + ["--dry-run"]) == 0)
        #expect(try stub.bodies().isEmpty)
        #expect(await VansCLI.run(push) == 0)
        let bodies = try stub.bodies()
        try #require(bodies.count == 1)
        #expect(
            try stub.path(ofRequest: 1) == "/vans2/asset/InsertServerUnitproduct\napplication/json; charset=utf-8\n")
        let object = try #require(try JSONSerialization.jsonObject(with: bodies[0]) as? [String: Any])
        #expect((object["data"] as? [Any])?.count == 2 && object["api_key"] as? String == "k")
    }
}
