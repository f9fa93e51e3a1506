import AppCore
import Crypto
import Foundation

/// New row ids are random UUIDs made here rather than by the database, so both engines share the insert SQL and a
/// caller knows the id before the row exists.
enum Identifiers {
    static func make() -> String { UUID().uuidString.lowercased() }

    static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension ContentDigest {
    /// The digest of an upload's bytes.
    public static func sha256(of bytes: some Sequence<UInt8>) -> ContentDigest {
        guard let digest = ContentDigest(hex: Identifiers.sha256Hex(bytes)) else {
            preconditionFailure("a SHA-256 in hex is always 64 hex digits")
        }
        return digest
    }
}
