import AppCore
import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Storage
import TestSupport
import Testing

@Suite("File uploads of every inventory format, in process, on SQLite")
struct FileUploadTests {
    /// Every committed inventory fixture the reader accepts (the hostile archives and the code-page table are
    /// the refusals below and `InventoryTests`' own business).
    static let accepted = [
        "cyclonedx-1.5_cdxgen.json", "cyclonedx-1.5_syft.xml", "cyclonedx-1.6_nested-components.json",
        "cyclonedx-1.6_nested-components.xml", "dpkg-l_debian-12.txt", "dpkg-query_W_ubuntu-22.04.txt",
        "dpkg-query_f_status-package-version-arch-maintainer.tsv", "generic_inline-strings.xlsx",
        "generic_utf16be_no-bom.tsv", "generic_utf16le_no-bom.csv", "osqueryd_results.log",
        "osqueryi_deb_packages.json", "osqueryi_programs.json", "osqueryi_rpm_packages.json",
        "powershell-5.1_convertto-csv_typeline.csv", "powershell-5.1_uninstall_convertto-json.json",
        "powershell-7_invoke-command_export-csv.csv", "powershell-7_uninstall_single-object.json",
        "rpm-qa_queryformat_name-epoch-version-release-arch-vendor.tsv", "rpm-qa_queryformat_name-evr-arch.tsv",
        "rpm-qa_rocky-9.txt", "spdx-2.3_syft.json", "vans-v1_sbom2vans.json", "vans-v2_excel-shared-strings.xlsx",
        "vans-v2_payload.json", "vans_zh-TW_cp950_bad-bytes.csv", "vans_zh-TW_excel-cp950.csv",
        "vans_zh-TW_excel-unicode.txt", "vans_zh-TW_excel-utf8-bom.csv", "vans_zh-TW_openpyxl.xlsx",
    ]

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SharedData.fixture("Inventory/\(name)")))
    }

    static func path(_ fileName: String, month: String? = "115-10", agency: String? = nil) -> String {
        var query = [URLQueryItem(name: "filename", value: fileName)]
        if let month { query.append(URLQueryItem(name: "month", value: month)) }
        if let agency { query.append(URLQueryItem(name: "agency", value: agency)) }
        var components = URLComponents()
        components.path = "/api/v1/uploads"
        components.queryItems = query
        // `+` would be read as a space in a query.
        return (components.string ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    static let octets: HTTPFields = [.contentType: "application/octet-stream"]

    @Test("a fixture is received, processed, and its report counts the rows `vans identify` reads", arguments: accepted)
    func processed(_ name: String) async throws {
        let bytes = try Self.fixture(name)
        let read = try InventoryReader.read(bytes, fileName: name)
        let format = try #require(read.summary.format)
        #expect(!read.records.isEmpty)
        try await ServiceHarness.with { harness in
            let worker = harness.worker()
            try await harness.application().test(.router) { client in
                var headers = harness.keyHeader
                headers[.contentType] = "application/octet-stream"
                let first = try await client.execute(
                    uri: Self.path(name), method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
                #expect(first.status == .accepted, "\(String(buffer: first.body))")
                let id = try #require(first.body.object["id"] as? String)
                #expect(first.headers[.location] == "/api/v1/uploads/\(id)")
                #expect(first.body.object["version"] as? String == format.rawValue)
                #expect(first.body.object["month"] as? String == "2026-10")
                #expect(first.body.object["monthROC"] as? String == "115-10")
                #expect(first.body.object["bytes"] as? Int == bytes.count)
                #expect(first.body.object["status"] as? String == "received")

                #expect(try await worker.runOne())
                try await client.execute(uri: "/api/v1/uploads/\(id)", method: .get, headers: harness.keyHeader) {
                    response in
                    #expect(response.status == .ok)
                    let object = response.body.object
                    #expect(object["status"] as? String == "completed", "\(object["failure"] ?? "")")
                    let report = try #require(object["report"] as? [String: Any])
                    #expect(report["rows"] as? Int == read.records.count)
                }
                // The same bytes again: the same upload, already done, with its report.
                try await client.execute(
                    uri: Self.path(name), method: .post, headers: headers, body: ByteBuffer(bytes: bytes)
                ) { again in
                    #expect(again.status == .ok)
                    #expect(again.body.object["id"] as? String == id)
                    #expect((again.body.object["report"] as? [String: Any])?["rows"] as? Int == read.records.count)
                }
                #expect(try await !worker.runOne())
            }
        }
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var description: String
        var fileName: String
        var bytes: @Sendable () throws -> [UInt8]
        var status: HTTPResponse.Status = .badRequest
        var field: String?
        /// Whether the problem must name a byte offset.
        var offset = true
    }

    static let refusals: [Refusal] = [
        Refusal(description: "an empty file", fileName: "inventory.csv", bytes: { [] }),
        Refusal(
            description: "a zip bomb", fileName: "hostile_ratio-bomb.xlsx",
            bytes: { try fixture("hostile_ratio-bomb.xlsx") }, offset: false),
        Refusal(
            description: "an entry lying about its size", fileName: "hostile_lying-size.xlsx",
            bytes: { try fixture("hostile_lying-size.xlsx") }, offset: false),
        Refusal(
            description: "truncated JSON", fileName: "vans-v2_payload.json",
            bytes: { Array(try fixture("vans-v2_payload.json").prefix(200)) }),
        Refusal(
            description: "JSON cut off after its first rows", fileName: "vans-v2_payload.json",
            bytes: {
                let whole = try fixture("vans-v2_payload.json")
                return Array(whole.prefix(whole.count * 7 / 10))
            }),
        Refusal(
            description: "a CycloneDX JSON cut off", fileName: "bom.json",
            bytes: {
                let whole = try fixture("cyclonedx-1.5_cdxgen.json")
                return Array(whole.prefix(whole.count * 6 / 10))
            }),
        Refusal(
            description: "CycloneDX XML cut inside an element", fileName: "bom.xml",
            bytes: { Array(try fixture("cyclonedx-1.5_syft.xml").prefix(300)) }),
        Refusal(
            description: "a header and no rows", fileName: "inventory.csv",
            bytes: { Array("hostname,name,version,publisher\r\n".utf8) }),
        Refusal(
            description: "a file name that names no file", fileName: "../..",
            bytes: { try fixture("rpm-qa_rocky-9.txt") },
            field: "filename", offset: false),
        Refusal(
            description: "a month that is not one", fileName: "rpm.txt", bytes: { try fixture("rpm-qa_rocky-9.txt") },
            field: "month", offset: false),
    ]

    @Test("an unreadable file is a problem naming the offset, and nothing is stored", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        let bytes = try refusal.bytes()
        try await ServiceHarness.with { harness in
            let worker = harness.worker()
            try await harness.application().test(.router) { client in
                var headers = harness.keyHeader
                headers[.contentType] = "application/octet-stream"
                let month = refusal.field == "month" ? "2026-13" : "115-10"
                try await client.execute(
                    uri: Self.path(refusal.fileName, month: month), method: .post, headers: headers,
                    body: ByteBuffer(bytes: bytes)
                ) { response in
                    #expect(response.status == refusal.status)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = response.body.object
                    #expect(problem["field"] as? String == refusal.field)
                    if refusal.offset { #expect(problem["offset"] is Int, "\(problem)") }
                    #expect((problem["detail"] as? String)?.isEmpty == false)
                }
            }
            let stored = try await SQLUploadStore(backend: harness.backend).uploads(
                agency: try Agency.ID(DemoAgency.oid), month: nil)
            #expect(stored.isEmpty)
            #expect(try await !worker.runOne())
        }
    }

    @Test("a JSON or XML file sent with its own media type is taken as bytes, not parsed as the API's JSON")
    func mediaTypes() async throws {
        try await ServiceHarness.with { harness in
            try await harness.application().test(.router) { client in
                for (name, type) in [
                    ("vans-v1_sbom2vans.json", "application/json"), ("cyclonedx-1.5_syft.xml", "application/xml"),
                    ("powershell-7_invoke-command_export-csv.csv", "text/csv"),
                    ("vans_zh-TW_openpyxl.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    ("rpm-qa_rocky-9.txt", "text/plain"),
                ] {
                    var headers = harness.keyHeader
                    headers[.contentType] = type
                    try await client.execute(
                        uri: Self.path(name), method: .post, headers: headers,
                        body: ByteBuffer(bytes: try Self.fixture(name))
                    ) { response in
                        #expect(response.status == .accepted, "\(type): \(String(buffer: response.body))")
                    }
                }
            }
        }
    }

    @Test("one agency's key cannot read another's upload, and a key is needed at all")
    func keysAreScoped() async throws {
        try await ServiceHarness.with { harness in
            try await SQLAgencyStore(backend: harness.backend).save([
                Agency(id: AuthAPITests.otherAgency, nameZh: "花蓮縣衛生局", tier: .countyCity, supervisor: .nation)
            ])
            let other = try await harness.keys.issue(
                agency: AuthAPITests.otherAgency, label: "test", validFor: .seconds(86_400), now: ServiceHarness.now)
            let bytes = try Self.fixture("rpm-qa_rocky-9.txt")
            try await harness.application().test(.router) { client in
                var headers = harness.keyHeader
                headers[.contentType] = "application/octet-stream"
                let sent = try await client.execute(
                    uri: Self.path("rpm.txt"), method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
                let id = try #require(sent.body.object["id"] as? String)
                let otherKey: HTTPFields = [HTTPField.Name("X-API-Key")!: other.secret]
                try await client.execute(uri: "/api/v1/uploads/\(id)", method: .get, headers: otherKey) {
                    #expect($0.status == .notFound)
                }
                // B sending the same bytes makes B's own upload.
                var otherHeaders = otherKey
                otherHeaders[.contentType] = "application/octet-stream"
                try await client.execute(
                    uri: Self.path("rpm.txt"), method: .post, headers: otherHeaders, body: ByteBuffer(bytes: bytes)
                ) { response in
                    #expect(response.status == .accepted)
                    #expect(response.body.object["id"] as? String != id)
                    #expect(
                        (response.body.object["agency"] as? [String: Any])?["oid"] as? String == "2.16.886.101.90021")
                }
                try await client.execute(
                    uri: Self.path("rpm.txt"), method: .post, headers: Self.octets, body: ByteBuffer(bytes: bytes)
                ) { #expect($0.status == .unauthorized) }
                let wrongKey: HTTPFields = [HTTPField.Name("X-API-Key")!: "nope", .contentType: "text/plain"]
                try await client.execute(
                    uri: Self.path("rpm.txt"), method: .post, headers: wrongKey, body: ByteBuffer(bytes: bytes)
                ) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test("a signed-in operator uploads for their agency; another agency is not found; a read-only role is refused")
    func sessions() async throws {
        try await ServiceHarness.with { harness in
            try await SQLAgencyStore(backend: harness.backend).save([
                Agency(id: AuthAPITests.otherAgency, nameZh: "花蓮縣衛生局", tier: .countyCity, supervisor: .nation)
            ])
            let own = try Agency.ID(DemoAgency.oid)
            let operatorInvitation = try await AuthAPITests.invite(harness, .agencyOperator, .agency(own))
            let readerInvitation = try await AuthAPITests.invite(harness, .readOnly, .agency(own), name: "林")
            let bytes = try Self.fixture("dpkg-query_W_ubuntu-22.04.txt")
            try await harness.application().test(.router) { client in
                var tokens: [String] = []
                for invitation in [operatorInvitation, readerInvitation] {
                    var authenticator = try await AuthAPITests.enrol(client, invitation: invitation)
                    let login = try await AuthAPITests.signIn(client, &authenticator)
                    tokens.append(try #require(login.body.object["token"] as? String))
                }
                let cases: [(token: String, agency: String?, status: HTTPResponse.Status)] = [
                    (tokens[0], DemoAgency.oid, .accepted),
                    (tokens[0], AuthAPITests.otherAgency.rawValue, .notFound),
                    (tokens[0], "2.16.886.101.99999", .notFound),
                    (tokens[0], nil, .badRequest),
                    (tokens[0], "not an oid", .badRequest),
                    (tokens[1], DemoAgency.oid, .forbidden),
                ]
                for (token, agency, status) in cases {
                    var headers = AuthAPITests.bearer(token)
                    headers[.contentType] = "application/octet-stream"
                    try await client.execute(
                        uri: Self.path("packages.txt", agency: agency), method: .post, headers: headers,
                        body: ByteBuffer(bytes: bytes)
                    ) { response in
                        #expect(response.status == status, "\(agency ?? "no agency")")
                        if status == .notFound {
                            #expect(!String(buffer: response.body).contains(agency ?? "-"))
                        }
                    }
                }
                let stored = try await SQLUploadStore(backend: harness.backend).uploads(agency: own, month: nil)
                #expect(stored.count == 1)
                #expect(stored.first?.format == InventoryFormat.dpkg.rawValue)
            }
        }
    }
}
