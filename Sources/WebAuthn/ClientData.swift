import JSON

/// The fields of `clientDataJSON` (WebAuthn §5.8.1) the relying party checks.
public struct ClientData: Hashable, Sendable {
    public enum Ceremony: String, Hashable, Sendable {
        case create = "webauthn.create"
        case get = "webauthn.get"
    }

    public var type: String
    public var challenge: [UInt8]
    public var origin: String
    public var crossOrigin: Bool

    public init(_ bytes: [UInt8]) throws(WebAuthnError) {
        let tree: JSONTree
        do { tree = try JSONTree.parse(bytes) } catch {
            throw WebAuthnError(.malformed, "expected \(error.expected)", part: "clientDataJSON", offset: error.offset)
        }
        guard let type = tree["type"]?.string, let challenge = tree["challenge"]?.string,
            let origin = tree["origin"]?.string
        else {
            throw WebAuthnError(.malformed, "type, challenge and origin are required strings", part: "clientDataJSON")
        }
        guard let decoded = Base64URL.decode(challenge) else {
            throw WebAuthnError(.malformed, "challenge is not base64url", part: "clientDataJSON")
        }
        self.type = type
        self.challenge = decoded
        self.origin = origin
        if case .bool(let flag) = tree["crossOrigin"] { crossOrigin = flag } else { crossOrigin = false }
    }

    /// The checks shared by both ceremonies: type, challenge (compared in constant time), origin, and no
    /// cross-origin iframe — the service is never embedded.
    func check(_ ceremony: Ceremony, challenge expected: [UInt8], origins: Set<String>) throws(WebAuthnError) {
        guard type == ceremony.rawValue else {
            throw WebAuthnError(.wrongType, "type is \(type), expected \(ceremony.rawValue)", part: "clientDataJSON")
        }
        guard Self.constantTimeEqual(challenge, expected) else {
            throw WebAuthnError(.wrongChallenge, "the challenge is not the one issued", part: "clientDataJSON")
        }
        guard origins.contains(origin) else {
            throw WebAuthnError(.wrongOrigin, "origin \(origin) is not this service's", part: "clientDataJSON")
        }
        guard !crossOrigin else {
            throw WebAuthnError(.wrongOrigin, "cross-origin use is not allowed", part: "clientDataJSON")
        }
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
