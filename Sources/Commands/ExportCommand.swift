import AppCore
import ArgumentParser
import Foundation
import Governance
import Mail
import Storage
import VulnModel

/// `vans export`: an agency's stored inventory for a month as VANS v1 or v2 JSON (R10), to a file, stdout, or
/// pushed to a configured VANS endpoint (`--dry-run` shows what would be posted and posts nothing).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an agency's monthly inventory as VANS v1 or v2 JSON, or push it to VANS."
    )

    @OptionGroup var storage: StorageOptions
    @Option(help: "The agency's OID.") var agency: String
    @Option(help: "The reporting month (2026-10, 115-10 or 115年10月).") var month: String
    @Option(help: "vans-v1 or vans-v2.") var format: String = "vans-v1"
    @Option(help: "Write the JSON here instead of standard output.") var output: String?
    @Option(help: "The VANS base URL (http://) to post to; the format's endpoint path is appended.") var push: String?
    @Option(help: "The agency's VANS asset-management API key (or VANS_API_KEY).") var apiKey: String?
    @Option(help: "The v2 asset group code (default DEFAULT).") var assetGroup: String = "DEFAULT"
    @Flag(help: "With --push: show what would be posted, and post nothing.") var dryRun = false

    func run() async throws {
        guard let format = VANSExport.Format(rawValue: format) else {
            throw CommandFailure(message: "--format: expected vans-v1 or vans-v2, got \(format)")
        }
        let oid: Agency.ID
        do { oid = try Agency.ID(agency) } catch { throw CommandFailure(message: "--agency: \(error)") }
        let reporting: ReportingMonth
        do { reporting = try ReportingMonth(parsing: month) } catch {
            throw CommandFailure(message: "--month: \(error)")
        }
        let apiKey = self.apiKey ?? ProcessInfo.processInfo.environment["VANS_API_KEY"] ?? ""
        let opened = try await storage.open()
        let body: [UInt8]
        let rowCount: Int
        do {
            (body, rowCount) = try await render(
                format, oid: oid, month: reporting, apiKey: apiKey, backend: opened.backend)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        if let push {
            try await send(body, rows: rowCount, to: push, format: format)
        } else if let output {
            do { try Data(body).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CommandFailure(message: "\(output): cannot write: \(error.localizedDescription)")
            }
        } else {
            Console.output(String(decoding: body, as: UTF8.self))
        }
    }

    private func render(
        _ format: VANSExport.Format, oid: Agency.ID, month: ReportingMonth, apiKey: String, backend: Backend
    ) async throws -> ([UInt8], Int) {
        let agencyRecord: Agency
        do { agencyRecord = try await SQLAgencyStore(backend: backend).agency(oid) } catch {
            throw CommandFailure(message: "--agency: \(error)")
        }
        let uploads = SQLUploadStore(backend: backend)
        guard let snapshot = try await uploads.snapshot(agency: oid, month: month) else {
            throw CommandFailure(message: "\(oid) has no processed upload for \(month.gregorian)")
        }
        var rows: [SnapshotRow] = []
        while true {
            let page = try await uploads.rows(of: snapshot.id, agency: oid, after: rows.last?.row ?? 0, limit: 5_000)
            if page.isEmpty { break }
            rows += page
        }
        let body = VANSExport.render(
            format, oid: oid.rawValue, agencyName: agencyRecord.nameZh, rows: rows, apiKey: apiKey,
            assetGroupCode: assetGroup,
            identifier: { host in host.map { ContentDigest.sha256(of: Array($0.rawValue.utf8)).hex } ?? "N/A" })
        return (body, rows.count)
    }

    private func send(_ body: [UInt8], rows: Int, to base: String, format: VANSExport.Format) async throws {
        let url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + format.path
        let endpoint: WebhookEndpoint
        do { endpoint = try WebhookEndpoint(parsing: url) } catch {
            throw CommandFailure(message: "--push: \(error.reason)")
        }
        if dryRun {
            Console.output("dry run: would POST \(rows) rows (\(body.count) bytes, \(format.rawValue)) to \(endpoint)")
            if let output {
                do { try Data(body).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                    throw CommandFailure(message: "\(output): cannot write: \(error.localizedDescription)")
                }
            }
            return
        }
        let status: Int
        do {
            status = Int(try await HTTPPost().send(body, to: endpoint).code)
        } catch {
            throw CommandFailure(message: "push to \(endpoint): \(error)")
        }
        guard (200..<300).contains(status) else {
            throw CommandFailure(message: "push to \(endpoint): answered \(status)")
        }
        Console.output("posted \(rows) rows (\(format.rawValue)) to \(endpoint): \(status)")
    }
}
