import AppCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("VANS upload API, in process, on SQLite")
struct UploadAPITests {
    @Test("health and readiness answer ok")
    func probes() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                for path in ["/healthz", "/readyz"] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.body.object["status"] as? String == "ok")
                    }
                }
            }
        }
    }

    @Test(
        "v1 and v2 samples are accepted, and the same content twice is the same upload",
        arguments: [
            ("vans-v1.json", "/rest/vans/InsertSystemUnitproduct", 2),
            ("vans-v2.json", "/vans2/asset/InsertServerUnitproduct", 1),
        ])
    func upload(sample: String, path: String, rows: Int) async throws {
        try await ServiceHarness.with { harness in
            let body = try harness.sample(sample)
            // The same content with other whitespace: one upload, not two.
            let compact = try JSONSerialization.data(
                withJSONObject: JSONSerialization.jsonObject(with: Data(body.utf8)))
            try await harness.application().test(.router) { client in
                let first = try await client.execute(
                    uri: path, method: .post, headers: ServiceHarness.json, body: ByteBuffer(string: body))
                #expect(first.status == .created)
                let id = try #require(first.body.object["id"] as? String)
                #expect(first.body.object["rows"] as? Int == rows)
                #expect(first.body.object["records"] as? Int == rows)
                #expect(first.body.object["status"] as? String == "received")
                #expect(first.body.object["month"] as? String == "2026-11")
                let again = try await client.execute(
                    uri: path, method: .post, headers: ServiceHarness.json, body: ByteBuffer(bytes: compact))
                #expect(again.status == .ok)
                #expect(again.body.object["id"] as? String == id)
                try await client.execute(uri: "/api/v1/uploads/\(id)", method: .get, headers: harness.keyHeader) {
                    response in
                    #expect(response.status == .ok)
                    let object = response.body.object
                    #expect(object["status"] as? String == "received")
                    #expect(object["month"] as? String == "2026-11")
                    #expect((object["agency"] as? [String: Any])?["oid"] as? String == DemoAgency.oid)
                }
                // Without the agency's key the upload is not shown.
                try await client.execute(uri: "/api/v1/uploads/\(id)", method: .get) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test("a month named in the body is the upload's month, and the same content for another month is another upload")
    func namedMonth() async throws {
        try await ServiceHarness.with { harness in
            let body = try harness.sample("vans-v1.json")
            let october = body.replacingOccurrences(of: #""data""#, with: #""month": "115-10", "data""#)
            try await harness.application().test(.router) { client in
                let path = "/rest/vans/InsertSystemUnitproduct"
                let plain = try await client.execute(
                    uri: path, method: .post, headers: ServiceHarness.json, body: ByteBuffer(string: body))
                let named = try await client.execute(
                    uri: path, method: .post, headers: ServiceHarness.json, body: ByteBuffer(string: october))
                #expect(plain.status == .created)
                #expect(named.status == .created)
                #expect(named.body.object["month"] as? String == "2026-10")
                #expect(named.body.object["id"] as? String != plain.body.object["id"] as? String)
                let bad = body.replacingOccurrences(of: #""data""#, with: #""month": "2026-13", "data""#)
                try await client.execute(
                    uri: path, method: .post, headers: ServiceHarness.json, body: ByteBuffer(string: bad)
                ) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.body.object["field"] as? String == "month")
                }
            }
        }
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var description: String
        var path = "/rest/vans/InsertSystemUnitproduct"
        var body: String
        var status: HTTPResponse.Status
        var field: String?
        var offset: Int?
    }

    static let refusals: [Refusal] = [
        Refusal(
            description: "malformed JSON names the byte offset",
            body: #"{"api_key": "x", "data": [ {"oid": } ]}"#, status: .badRequest, offset: 35),
        Refusal(description: "trailing bytes", body: #"{"data": []} x"#, status: .badRequest, offset: 13),
        Refusal(
            description: "a field of the wrong type is named", body: #"{"api_key": "test-key", "data": "none"}"#,
            status: .badRequest, field: "data"),
        Refusal(
            description: "a row field of the wrong type is named",
            body: #"{"api_key": "test-key", "data": [{"product_name": 7}]}"#, status: .badRequest,
            field: "data[0].product_name"),
        Refusal(
            description: "v2 rows on the v1 endpoint",
            body: #"{"api_key": "test-key", "data": [{"assetName": "x", "orgName": "y"}]}"#, status: .badRequest,
            field: "data[0]"),
        Refusal(
            description: "no rows", body: #"{"api_key": "test-key", "data": []}"#, status: .badRequest,
            field: "data"),
        Refusal(
            description: "wrong key", body: #"{"api_key": "nope", "data": [{"product_name": "x"}]}"#,
            status: .unauthorized, field: "api_key"),
        Refusal(
            description: "a body over the limit", body: "[" + String(repeating: " ", count: 1 << 20) + "]",
            status: .contentTooLarge),
        Refusal(
            description: "no key", body: #"{"data": [{"product_name": "x"}]}"#, status: .unauthorized,
            field: "api_key"),
    ]

    @Test("a caller's mistake is a problem+json naming the field or offset", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                try await client.execute(
                    uri: refusal.path, method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: harness.keyed(refusal.body))
                ) { response in
                    #expect(response.status == refusal.status)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = response.body.object
                    #expect(problem["status"] as? Int == refusal.status.code)
                    #expect(problem["field"] as? String == refusal.field)
                    #expect(problem["offset"] as? Int == refusal.offset)
                    #expect(problem["requestId"] as? String == response.headers[.requestID])
                }
            }
        }
    }

    @Test("a row with a bad CPE is accepted and reported, not dropped")
    func rowIssues() async throws {
        let body = #"""
            {"api_key": "test-key", "data": [
              {"product_name": "http_server", "product_vendor": "apache", "cpe23": "cpe:2.3:a:apache"},
              {"product_name": "openssl", "product_vendor": "openssl", "cpe23": "N/A"}]}
            """#
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                let receipt = try await client.execute(
                    uri: "/rest/vans/InsertSystemUnitproduct", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: harness.keyed(body)))
                #expect(receipt.status == .created)
                #expect(receipt.body.object["rows"] as? Int == 2)
                let issues = try #require(receipt.body.object["issues"] as? [[String: Any]])
                #expect(issues.count == 1)
                #expect(issues.first?["row"] as? Int == 1)
                #expect(issues.first?["field"] as? String == "cpe23")
            }
        }
    }

    @Test("an unknown upload is a 404 problem")
    func unknownUpload() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                try await client.execute(uri: "/api/v1/uploads/nothing", method: .get, headers: harness.keyHeader) {
                    response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }

    @Test("a failure of the service is a 500 whose body is only the request id")
    func internalError() async throws {
        try await ServiceHarness.with(keys: BrokenKeys()) { harness in
            let body = try harness.sample("vans-v1.json")
            try await harness.application().test(.router) { client in
                var headers = ServiceHarness.json
                headers[.requestID] = "req-500"
                try await client.execute(
                    uri: "/rest/vans/InsertSystemUnitproduct", method: .post, headers: headers,
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .internalServerError)
                    #expect(String(buffer: response.body) == #"{"requestId":"req-500"}"#)
                    #expect(response.headers[.requestID] == "req-500")
                }
            }
        }
    }

    @Test("the request id is echoed, or made up when absent or unusable")
    func requestID() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "abc-123"]) { response in
                    #expect(response.headers[.requestID] == "abc-123")
                }
                try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "has space"]) {
                    response in
                    let id = try #require(response.headers[.requestID])
                    #expect(id.count == 32 && id != "has space")
                }
                try await client.execute(uri: "/no/such/route", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.requestID]?.count == 32)
                }
            }
        }
    }

    @Test("/metrics counts answered requests by route and status")
    func metrics() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                _ = try await client.execute(uri: "/healthz", method: .get)
                _ = try await client.execute(
                    uri: "/rest/vans/InsertSystemUnitproduct", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: "{"))
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"vans_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
                    #expect(text.contains(#"status="400"} 1"#))
                }
            }
        }
    }

    @Test("a live server on 127.0.0.1, port 0, takes an upload")
    func live() async throws {
        try await ServiceHarness.with { harness in
            let body = try harness.sample("vans-v1.json")
            try await harness.application().test(.live) { client in
                try await client.execute(
                    uri: "/rest/vans/InsertSystemUnitproduct", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .created)
                    #expect(response.headers[.requestID] != nil)
                }
            }
        }
    }
}
