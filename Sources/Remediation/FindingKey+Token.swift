import Governance
import VulnModel

extension FindingKey {
    /// The key as one URL path segment (`/api/v1/remediation/{key}`, the record's page): base64url without padding
    /// of its six parts joined by line feeds. Host names and versions may hold `/`, `:` or anything else, so the
    /// readable `description` cannot be split back; a line feed occurs in none of the parts.
    public var token: String {
        let parts = [
            agency.rawValue, host.rawValue, cve.description, item.product.vendor, item.product.product, item.version,
        ]
        return Base64URL.encode(Array(parts.joined(separator: "\n").utf8))
    }

    /// The key a `token` names; nil for anything else.
    public init?(token: String) {
        guard let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self) else {
            return nil
        }
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, !parts[1].isEmpty, !parts[5].isEmpty, !parts[3].isEmpty, !parts[4].isEmpty,
            let agency = try? Agency.ID(parts[0]), let cve = CVEID(parts[2])
        else { return nil }
        self.init(
            agency: agency, host: HostID(parts[1]), cve: cve,
            item: ItemVersion(product: ProductRef(vendor: parts[3], product: parts[4]), version: parts[5]))
    }
}

/// RFC 4648 §5 without padding.
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 0x3f]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(value)
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value = 0
            for (offset, digit) in chunk.enumerated() { value |= digit << (18 - 6 * offset) }
            for position in 0..<(chunk.count - 1) { out.append(UInt8((value >> (16 - 8 * position)) & 0xff)) }
            index += 4
        }
        // Only the canonical spelling: unused low bits must be zero, so one key has one token.
        guard encode(out) == text else { return nil }
        return out
    }
}
