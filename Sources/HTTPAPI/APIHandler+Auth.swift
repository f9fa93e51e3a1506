package import AppCore
package import OpenAPIRuntime
import WebAuthn

extension APIHandler {
    func authServices() throws -> AuthServices {
        guard let auth else { throw Rejection(.notFound, "passkey sign-in is not configured on this server") }
        return auth
    }

    package func registrationOptions(_ input: Operations.RegistrationOptions.Input) async throws
        -> Operations.RegistrationOptions.Output
    {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let options = try await authServices().enroller.options(invitationToken: body.invitation)
        return .ok(
            .init(
                body: .json(
                    .init(
                        challenge: options.challenge, rp: .init(id: options.relyingPartyID, name: "OpenVANS"),
                        user: .init(id: options.userID, name: options.userName, displayName: options.userName),
                        pubKeyCredParams: [.init(_type: "public-key", alg: Int(ES256PublicKey.coseAlgorithm))],
                        timeout: options.timeoutMilliseconds, attestation: "direct",
                        authenticatorSelection: .init(residentKey: "required", userVerification: "required")))))
    }

    package func register(_ input: Operations.Register.Input) async throws -> Operations.Register.Output {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let response = RegistrationResponse(
            clientDataJSON: try Self.bytes(body.response.clientDataJSON, field: "response.clientDataJSON"),
            attestationObject: try Self.bytes(body.response.attestationObject, field: "response.attestationObject"))
        let user = try await authServices().enroller.register(response, deviceName: body.deviceName ?? "")
        return .created(.init(body: .json(Self.me(user, assurance: nil))))
    }

    package func loginOptions(_ input: Operations.LoginOptions.Input) async throws -> Operations.LoginOptions.Output {
        let options = try await authServices().issuer.options()
        return .ok(
            .init(
                body: .json(
                    .init(
                        challenge: options.challenge, rpId: options.relyingPartyID,
                        timeout: options.timeoutMilliseconds, userVerification: "required"))))
    }

    package func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let body) = input.body else { throw Rejection(.invalid, "expected application/json") }
        let auth = try authServices()
        let response = AssertionResponse(
            credentialID: try Self.bytes(body.id, field: "id"),
            clientDataJSON: try Self.bytes(body.response.clientDataJSON, field: "response.clientDataJSON"),
            authenticatorData: try Self.bytes(body.response.authenticatorData, field: "response.authenticatorData"),
            signature: try Self.bytes(body.response.signature, field: "response.signature"),
            userHandle: try body.response.userHandle.map { try Self.bytes($0, field: "response.userHandle") })
        let signedIn = try await auth.issuer.signIn(response)
        let session = signedIn.session.session
        let maxAge = Int((session.expiresAt.millisecondsSinceEpoch - session.createdAt.millisecondsSinceEpoch) / 1000)
        return .ok(
            .init(
                headers: .init(setCookie: AuthServices.cookie(signedIn.session.token, maxAge: maxAge)),
                body: .json(
                    .init(
                        token: signedIn.session.token, expiresAt: session.expiresAt.description,
                        user: Self.me(signedIn.user, assurance: session.assurance)))))
    }

    package func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        let auth = try authServices()
        let cleared = AuthServices.cookie("", maxAge: 0)
        guard case .urlEncodedForm = input.body else {
            let principal = try await auth.gate.authorize(.readProfile, on: .own)
            try await auth.issuer.signOut(principal)
            return .noContent(.init(headers: .init(setCookie: cleared)))
        }
        // A page's sign-out button: a session that already ended is no reason to show the person an error page;
        // either way they are signed out and go to the sign-in page.
        do {
            try await auth.issuer.signOut(try await auth.gate.authorize(.readProfile, on: .own))
        } catch let rejection as Rejection where rejection.kind == .unauthenticated {}
        return .seeOther(.init(headers: .init(location: Self.signInPage, setCookie: cleared)))
    }

    /// The pages' sign-in page (`WebPages.loginPath`), where a page's sign-out ends.
    package static let signInPage = "/login"

    package func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let principal = try await authServices().gate.authorize(.readProfile, on: .own)
        guard case .user(let id, _, _, let assurance) = principal.subject else {
            throw Rejection(.unauthenticated, "sign in with a passkey first")
        }
        return .ok(
            .init(
                body: .json(
                    Self.me(id: id, name: principal.name, assignments: principal.assignments, assurance: assurance))
            ))
    }

    static func me(_ user: User, assurance: String?) -> Components.Schemas.Me {
        me(id: user.id, name: user.name, assignments: user.assignments, assurance: assurance)
    }

    static func me(id: User.ID, name: String, assignments: [RoleAssignment], assurance: String?)
        -> Components.Schemas.Me
    {
        .init(
            id: id.rawValue, name: name,
            roles: assignments.map { .init(role: $0.role.rawValue, scope: $0.scope.description) },
            assurance: assurance)
    }

    static func bytes(_ text: String, field: String) throws -> [UInt8] {
        guard let bytes = Base64URL.decode(text) else { throw Rejection(.invalid, "not base64url", field: field) }
        return bytes
    }
}
