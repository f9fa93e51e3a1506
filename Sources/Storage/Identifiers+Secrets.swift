extension Identifiers {
    /// A bearer secret: a recognisable prefix and 32 bytes from the OS CSPRNG in base64url. Only its SHA-256 is stored;
    /// with 256 bits of entropy a fast hash leaves nothing to brute-force.
    static func secret(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out = Array(prefix.utf8)
        // 43 characters of 6 bits each carry 258 bits; each is drawn uniformly, so no bias from a partial group.
        for _ in 0..<43 { out.append(alphabet[Int.random(in: 0..<64, using: &generator)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
