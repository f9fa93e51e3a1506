import AppCore
import Foundation
import Governance
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import VulnModel

/// Hears what the worker reports after recording findings.
actor RecordingObserver: FindingsRecordedObserver {
    struct Call: Sendable {
        var upload: Upload.ID
        var month: ReportingMonth
        var observations: [FindingObservation]
        var hosts: Set<HostID>
    }

    var calls: [Call] = []

    func findingsRecorded(
        agency: Agency.ID, upload: Upload.ID, month: ReportingMonth, observations: [FindingObservation],
        hosts: Set<HostID>, now: Timestamp
    ) async throws {
        calls.append(Call(upload: upload, month: month, observations: observations, hosts: hosts))
    }
}

@Suite("Processing uploads: worker, findings and status, in process, on SQLite")
struct ProcessingTests {
    static let v1 = "/rest/vans/InsertSystemUnitproduct"

    @Test("an upload is processed: completed with its report, findings visible with first and last seen")
    func processed() async throws {
        try await ServiceHarness.with { harness in
            let observer = RecordingObserver()
            let worker = harness.worker(observer: observer)
            try await harness.application().test(.router) { client in
                let receipt = try await client.execute(
                    uri: Self.v1, method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: try harness.sample("vans-v1.json")))
                let id = try #require(receipt.body.object["id"] as? String)
                #expect(try await worker.runOne())
                #expect(try await !worker.runOne())
                try await client.execute(uri: "/api/v1/uploads/\(id)", method: .get, headers: harness.keyHeader) {
                    response in
                    let object = response.body.object
                    #expect(object["status"] as? String == "completed")
                    #expect(object["rowsProcessed"] as? Int == 2)
                    let report = try #require(object["report"] as? [String: Any])
                    #expect(report["rows"] as? Int == 2)
                    // The sample's second row (vite, no CPE) names a vendor the sample feeds do not know.
                    #expect(report["converted"] as? Int == 1)
                    #expect((report["failedByCode"] as? [String: Any])?["vendor_unknown"] as? Int == 1)
                }
                let findings = try await client.execute(
                    uri: "/api/v1/findings", method: .get, headers: harness.keyHeader)
                #expect(findings.status == .ok)
                let list = try #require(findings.body.object["findings"] as? [[String: Any]])
                #expect(!list.isEmpty)
                for finding in list {
                    #expect((finding["cve"] as? String)?.hasPrefix("CVE-") == true)
                    #expect((finding["firstSeen"] as? [String: Any])?["upload"] as? String == id)
                    #expect((finding["lastSeen"] as? [String: Any])?["month"] as? String == "2026-11")
                    #expect(finding["highRisk"] is Bool)
                }
                #expect(list.contains { $0["cvss"] is [String: Any] })
                let calls = await observer.calls
                #expect(calls.count == 1)
                #expect(calls.first?.upload.rawValue == id)
                #expect(calls.first?.observations.count == list.count)
                #expect(calls.first?.hosts == [HostID(DemoAgency.oid)])
                // Filters: a month before the upload shows nothing; the host shows all (v1 rows name no host).
                let october = try await client.execute(
                    uri: "/api/v1/findings?month=2026-10", method: .get, headers: harness.keyHeader)
                #expect((october.body.object["findings"] as? [Any])?.count == 0)
                let host = try await client.execute(
                    uri: "/api/v1/findings?host=\(DemoAgency.oid)&month=115-11", method: .get,
                    headers: harness.keyHeader)
                #expect((host.body.object["findings"] as? [Any])?.count == list.count)
                for month in ["2026-13", ""] {
                    try await client.execute(
                        uri: "/api/v1/findings?month=\(month)", method: .get, headers: harness.keyHeader
                    ) { response in
                        #expect(response.status == .badRequest, "month=\(month)")
                        #expect(response.body.object["field"] as? String == "month")
                    }
                }
                try await client.execute(uri: "/api/v1/findings", method: .get) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test("a rematch records the latest snapshot's findings of the listed products again, naming no hosts")
    func rematch() async throws {
        try await ServiceHarness.with { harness in
            let observer = RecordingObserver()
            let worker = harness.worker(observer: observer)
            try await harness.application().test(.router) { client in
                _ = try await client.execute(
                    uri: Self.v1, method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: try harness.sample("vans-v1.json")))
                #expect(try await worker.runOne())
            }
            let jobs = SQLJobQueue(backend: harness.backend)
            _ = try await jobs.enqueue(RematchProcessor.job(products: ["apache:http_server"]), now: ServiceHarness.now)
            #expect(try await worker.runOne())
            let calls = await observer.calls
            #expect(calls.count == 2)
            #expect(calls.last?.hosts == [])
            #expect(
                calls.last?.observations == calls.first?.observations.filter { $0.cpe.contains(":apache:http_server:") }
            )
            _ = try await jobs.enqueue(RematchProcessor.job(products: ["nobody:nothing"]), now: ServiceHarness.now)
            #expect(try await worker.runOne())
            #expect(await observer.calls.count == 2)
        }
    }

    @Test("an upload left without content or job is swept into a job and failed with a reason a person can read")
    func swept() async throws {
        try await ServiceHarness.with { harness in
            let uploads = SQLUploadStore(backend: harness.backend)
            let receipt = try await uploads.receive(
                NewUpload(
                    agency: try Agency.ID(DemoAgency.oid), month: try ReportingMonth(parsing: "2026-11"),
                    digest: try #require(ContentDigest(hex: String(repeating: "ab", count: 32))), format: "vans-v1",
                    byteCount: 10),
                now: ServiceHarness.now)
            let worker = harness.worker()
            #expect(try await !worker.runOne())
            await worker.maintain(now: ServiceHarness.now)
            #expect(try await worker.runOne())
            let upload = try await uploads.upload(receipt.upload.id, agency: receipt.upload.agency)
            #expect(upload.status == .failed)
            #expect(upload.failure?.contains("content was not kept") == true)
        }
    }

    @Test("readiness is 503 until the knowledge base is loaded")
    func readiness() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application(knowledge: NotLoadedKnowledge()).test(.router) { client in
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.body.object["status"] as? String == "unavailable")
                }
            }
        }
    }
}
