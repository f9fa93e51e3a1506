/// The authenticator data of a registration or an assertion (WebAuthn §6.1): rpIdHash, flags, signature counter and,
/// at registration, the attested credential data.
public struct AuthenticatorData: Hashable, Sendable {
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let userPresent = Flags(rawValue: 0x01)
        public static let userVerified = Flags(rawValue: 0x04)
        public static let backupEligible = Flags(rawValue: 0x08)
        public static let backedUp = Flags(rawValue: 0x10)
        public static let attestedCredentialData = Flags(rawValue: 0x40)
        public static let extensionData = Flags(rawValue: 0x80)
    }

    public struct AttestedCredential: Hashable, Sendable {
        public var aaguid: [UInt8]
        public var id: [UInt8]
        /// The COSE key exactly as the authenticator wrote it.
        public var publicKeyBytes: [UInt8]
        public var publicKey: CBORValue
    }

    public var rpIdHash: [UInt8]
    public var flags: Flags
    public var signCount: UInt32
    public var attestedCredential: AttestedCredential?
    public var extensions: CBORValue?

    /// WebAuthn caps credential ids at 1023 bytes.
    public static let maximumCredentialIDLength = 1023

    /// Reads authenticator data; errors name `part` and the byte offset within these bytes.
    public init(_ bytes: [UInt8], part: String = "authenticatorData") throws(WebAuthnError) {
        guard bytes.count >= 37 else {
            throw WebAuthnError(
                .malformed, "\(bytes.count) bytes; at least 37 are needed", part: part, offset: bytes.count)
        }
        rpIdHash = Array(bytes[0..<32])
        flags = Flags(rawValue: bytes[32])
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        var offset = 37
        if flags.contains(.attestedCredentialData) {
            guard bytes.count >= offset + 18 else {
                throw WebAuthnError(
                    .malformed, "attested credential data is cut short", part: part, offset: bytes.count)
            }
            let aaguid = Array(bytes[offset..<offset + 16])
            let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
            offset += 18
            guard length <= Self.maximumCredentialIDLength, bytes.count >= offset + length else {
                throw WebAuthnError(.malformed, "credential id of \(length) bytes", part: part, offset: offset - 2)
            }
            let id = Array(bytes[offset..<offset + length])
            offset += length
            var reader = CBORReader(bytes, offset: offset)
            let key: CBORValue
            do { key = try reader.read() } catch { throw .malformed(part, error) }
            attestedCredential = AttestedCredential(
                aaguid: aaguid, id: id, publicKeyBytes: Array(bytes[offset..<reader.offset]), publicKey: key)
            offset = reader.offset
        } else {
            attestedCredential = nil
        }
        if flags.contains(.extensionData) {
            var reader = CBORReader(bytes, offset: offset)
            do { extensions = try reader.read() } catch { throw .malformed(part, error) }
            offset = reader.offset
        } else {
            extensions = nil
        }
        guard offset == bytes.count else {
            throw WebAuthnError(.malformed, "\(bytes.count - offset) bytes after the data", part: part, offset: offset)
        }
        guard !flags.contains(.backedUp) || flags.contains(.backupEligible) else {
            throw WebAuthnError(.malformed, "backed up (BS) without backup eligible (BE)", part: part, offset: 32)
        }
    }
}
