import AppCore
import Foundation
import Governance
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SoftwareAuthenticator
import Storage
import Testing
import WebAuthn

@Suite("Passkey sign-in, sessions and tenant scoping, in process, on SQLite")
struct AuthAPITests {
    static let otherAgency: Agency.ID = {
        do { return try Agency.ID("2.16.886.101.90021") } catch { preconditionFailure("\(error)") }
    }()

    /// An invitation made as `vans users invite` makes it.
    static func invite(_ harness: ServiceHarness, _ role: Role, _ scope: Scope, name: String = "王小明") async throws
        -> String
    {
        try await harness.auth.enroller.invite(
            name: name, assignment: try RoleAssignment(role, scope), by: "cli:test", validFor: .seconds(3600)
        ).token
    }

    /// Enrols a software passkey through the API with the invitation.
    static func enrol(_ client: some TestClientProtocol, invitation: String) async throws -> SoftwareAuthenticator {
        let options = try await client.execute(
            uri: "/api/v1/auth/register/options", method: .post, headers: ServiceHarness.json,
            body: ByteBuffer(string: #"{"invitation":"\#(invitation)"}"#))
        #expect(options.status == .ok)
        let challenge = try Self.challenge(options)
        let authenticator = SoftwareAuthenticator(rpID: ServiceHarness.relyingPartyID, origin: ServiceHarness.origin)
        let response = authenticator.register(challenge: challenge, format: .packedSelf)
        let body = """
            {"id":"\(Base64URL.encode(authenticator.credentialID))","type":"public-key","deviceName":"test laptop",
             "response":{"clientDataJSON":"\(Base64URL.encode(response.clientDataJSON))",
                         "attestationObject":"\(Base64URL.encode(response.attestationObject))"}}
            """
        let registered = try await client.execute(
            uri: "/api/v1/auth/register", method: .post, headers: ServiceHarness.json, body: ByteBuffer(string: body))
        #expect(registered.status == .created)
        return authenticator
    }

    /// Signs in with the passkey through the API; answers the whole response.
    static func signIn(_ client: some TestClientProtocol, _ authenticator: inout SoftwareAuthenticator) async throws
        -> TestResponse
    {
        let options = try await client.execute(uri: "/api/v1/auth/login/options", method: .post)
        let challenge = try Self.challenge(options)
        return try await client.execute(
            uri: "/api/v1/auth/login", method: .post, headers: ServiceHarness.json,
            body: ByteBuffer(string: assertionBody(authenticator.assert(challenge: challenge))))
    }

    static func assertionBody(_ assertion: AssertionResponse) -> String {
        """
        {"id":"\(Base64URL.encode(assertion.credentialID))","type":"public-key",
         "response":{"clientDataJSON":"\(Base64URL.encode(assertion.clientDataJSON))",
                     "authenticatorData":"\(Base64URL.encode(assertion.authenticatorData))",
                     "signature":"\(Base64URL.encode(assertion.signature))"}}
        """
    }

    /// The challenge of an options answer, decoded.
    static func challenge(_ options: TestResponse) throws -> [UInt8] {
        let text = try #require(options.body.object["challenge"] as? String)
        return try #require(Base64URL.decode(text))
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test("invitation → passkey → session: cookie and bearer both identify the caller; logout ends it")
    func endToEnd() async throws {
        try await ServiceHarness.with { harness in
            let invitation = try await Self.invite(harness, .agencyOperator, .agency(try Agency.ID(DemoAgency.oid)))
            try await harness.application().test(.router) { client in
                var authenticator = try await Self.enrol(client, invitation: invitation)
                // The invitation was good once.
                let again = try await client.execute(
                    uri: "/api/v1/auth/register/options", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: #"{"invitation":"\#(invitation)"}"#))
                #expect(again.status == .unauthorized)

                let login = try await Self.signIn(client, &authenticator)
                #expect(login.status == .ok)
                let cookie = try #require(login.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
                let token = try #require(login.body.object["token"] as? String)
                #expect(cookie.hasPrefix("vans_session=\(token);"))

                for headers in [Self.bearer(token), [.cookie: "theme=dark; vans_session=\(token)"] as HTTPFields] {
                    try await client.execute(uri: "/api/v1/me", method: .get, headers: headers) { response in
                        #expect(response.status == .ok)
                        let roles = response.body.object["roles"] as? [[String: Any]]
                        #expect(roles?.first?["role"] as? String == "agency_operator")
                        #expect(roles?.first?["scope"] as? String == "agency:\(DemoAgency.oid)")
                        #expect(response.body.object["assurance"] as? String == "passkey+uv")
                    }
                }
                try await client.execute(uri: "/api/v1/me", method: .get) { #expect($0.status == .unauthorized) }

                try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: Self.bearer(token)) {
                    #expect($0.status == .noContent)
                    #expect($0.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bearer(token)) {
                    #expect($0.status == .unauthorized)
                }
            }
        }
    }

    @Test("the pages' sign-out form ends the cookie session and sends the browser to sign in, signed in or not")
    func signOutForm() async throws {
        try await ServiceHarness.with { harness in
            let invitation = try await Self.invite(harness, .agencyOperator, .agency(try Agency.ID(DemoAgency.oid)))
            try await harness.application().test(.router) { client in
                var authenticator = try await Self.enrol(client, invitation: invitation)
                let login = try await Self.signIn(client, &authenticator)
                let token = try #require(login.body.object["token"] as? String)
                let form: HTTPFields = [
                    .cookie: "vans_session=\(token)", .contentType: "application/x-www-form-urlencoded",
                ]
                for _ in 0..<2 {
                    try await client.execute(
                        uri: "/api/v1/auth/logout", method: .post, headers: form, body: ByteBuffer(string: "from=page")
                    ) { response in
                        #expect(response.status == .seeOther)
                        #expect(response.headers[.location] == "/login")
                        #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
                    }
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "vans_session=\(token)"]) {
                    #expect($0.status == .unauthorized)
                }
                // An API client that is not signed in still hears so.
                try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: Self.bearer(token)) {
                    #expect($0.status == .unauthorized)
                }
            }
        }
    }

    @Test("a registration with a cut attestation object is a 400 naming the part and byte offset")
    func malformedRegistration() async throws {
        try await ServiceHarness.with { harness in
            let invitation = try await Self.invite(harness, .readOnly, .nation)
            try await harness.application().test(.router) { client in
                let options = try await client.execute(
                    uri: "/api/v1/auth/register/options", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: #"{"invitation":"\#(invitation)"}"#))
                let authenticator = SoftwareAuthenticator(
                    rpID: ServiceHarness.relyingPartyID, origin: ServiceHarness.origin)
                let response = authenticator.register(challenge: try Self.challenge(options))
                let cut = Array(response.attestationObject.dropLast(10))
                let body = """
                    {"id":"x","type":"public-key","response":{"clientDataJSON":"\(Base64URL.encode(response.clientDataJSON))",
                     "attestationObject":"\(Base64URL.encode(cut))"}}
                    """
                try await client.execute(
                    uri: "/api/v1/auth/register", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: body)
                ) { answer in
                    #expect(answer.status == .badRequest)
                    #expect(answer.body.object["field"] as? String == "attestationObject")
                    let offset = try #require(answer.body.object["offset"] as? Int)
                    #expect(offset > 0 && offset < cut.count)
                }
            }
        }
    }

    @Test("a replayed assertion, a cloned counter and a revoked user are refused at once")
    func refusals() async throws {
        try await ServiceHarness.with { harness in
            let invitation = try await Self.invite(harness, .readOnly, .nation)
            try await harness.application().test(.router) { client in
                var authenticator = try await Self.enrol(client, invitation: invitation)
                let options = try await client.execute(uri: "/api/v1/auth/login/options", method: .post)
                let challenge = try Self.challenge(options)
                let body = Self.assertionBody(authenticator.assert(challenge: challenge))
                let first = try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: body))
                #expect(first.status == .ok)
                let token = try #require(first.body.object["token"] as? String)
                let replay = try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: body))
                #expect(replay.status == .unauthorized)

                // Revoking the user ends the open session on its next request.
                let user = try #require(try await SQLIdentityStore(backend: harness.backend).users().first)
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bearer(token)) {
                    #expect($0.status == .ok)
                }
                try await SQLIdentityStore(backend: harness.backend).revokeUser(user.id, now: ServiceHarness.now)
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bearer(token)) {
                    #expect($0.status == .unauthorized)
                }
                let afterRevoke = try await Self.signIn(client, &authenticator)
                #expect(afterRevoke.status == .unauthorized)
            }
        }
    }

    @Test("a cloned authenticator (counter going back) is refused and its passkey revoked")
    func clone() async throws {
        try await ServiceHarness.with { harness in
            let invitation = try await Self.invite(harness, .auditor, .nation)
            try await harness.application().test(.router) { client in
                var authenticator = try await Self.enrol(client, invitation: invitation)
                var clone = authenticator
                #expect(try await Self.signIn(client, &authenticator).status == .ok)
                #expect(try await Self.signIn(client, &authenticator).status == .ok)
                // The clone still holds counter 0 → 1, behind the original's 2.
                let cloned = try await Self.signIn(client, &clone)
                #expect(cloned.status == .unauthorized)
                #expect(try await Self.signIn(client, &authenticator).status == .unauthorized)
                let entries = try await SQLAuditLog(backend: harness.backend).entries(
                    agency: nil, after: nil, limit: 50)
                #expect(entries.contains { $0.action == "passkey.revoked" })
            }
        }
    }

    @Test("another tenant's upload is not found; a missing one looks the same; every decision is logged")
    func tenantScoping() async throws {
        try await ServiceHarness.with { harness in
            try await SQLAgencyStore(backend: harness.backend).save([
                Agency(id: Self.otherAgency, nameZh: "花蓮縣衛生局", tier: .countyCity, supervisor: .nation)
            ])
            let own = try await Self.invite(harness, .agencyOperator, .agency(try Agency.ID(DemoAgency.oid)))
            let other = try await Self.invite(harness, .agencyAdministrator, .agency(Self.otherAgency), name: "陳")
            let national = try await Self.invite(harness, .nationalSupervisor, .nation, name: "林")
            try await harness.application().test(.router) { client in
                let upload = try await client.execute(
                    uri: "/rest/vans/InsertSystemUnitproduct", method: .post, headers: ServiceHarness.json,
                    body: ByteBuffer(string: try harness.sample("vans-v1.json")))
                let id = try #require(upload.body.object["id"] as? String)
                var tokens: [String] = []
                for invitation in [own, other, national] {
                    var authenticator = try await Self.enrol(client, invitation: invitation)
                    let login = try await Self.signIn(client, &authenticator)
                    tokens.append(try #require(login.body.object["token"] as? String))
                }
                let cases: [(token: String, path: String, status: HTTPResponse.Status)] = [
                    (tokens[0], "/api/v1/uploads/\(id)", .ok),
                    (tokens[1], "/api/v1/uploads/\(id)", .notFound),
                    (tokens[1], "/api/v1/uploads/00000000-0000-0000-0000-000000000000", .notFound),
                    (tokens[2], "/api/v1/uploads/\(id)", .ok),
                ]
                for (token, path, status) in cases {
                    var headers = Self.bearer(token)
                    headers[HTTPField.Name("X-Request-ID")!] =
                        "scope-\(tokens.firstIndex(of: token) ?? 9)-\(status.code)"
                    try await client.execute(uri: path, method: .get, headers: headers) { response in
                        #expect(response.status == status, "\(path)")
                        if status == .notFound {
                            #expect(!String(buffer: response.body).contains(DemoAgency.oid))
                        }
                    }
                }
                let log = SQLAuthorizationLog(backend: harness.backend)
                let refused = try await log.records(requestID: "scope-1-404", limit: 10)
                #expect(refused.contains { $0.outcome == .notFound && $0.action == "upload.read" })
                #expect(refused.contains { $0.action == "request" && $0.principal.contains("agency_administrator") })
            }
        }
    }
}
