import Foundation
import TestSupport
import WebAuthn

/// A published WebAuthn message kept under Tests/Fixtures/WebAuthn, with its fields in base64url as the source has them.
struct Vector {
    var fields: [String: Any]

    init(_ name: String) throws {
        let data = try Data(contentsOf: SharedData.fixture("WebAuthn/\(name)"))
        fields = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func text(_ key: String) -> String { fields[key] as? String ?? "" }
    func bytes(_ key: String) -> [UInt8] { Base64URL.decode(text(key)) ?? [] }
    func number(_ key: String) -> Int { fields[key] as? Int ?? -1 }
}
