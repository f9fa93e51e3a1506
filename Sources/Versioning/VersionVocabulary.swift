/// The words that carry meaning inside a version, and the packing of short words into a token payload.
///
/// The lists are deliberately short: a word earns a place only when its meaning is the same across the vendors in
/// NVD. Everything else (Cisco trains such as `se` or `ea`, editions such as `enterprise`) stays opaque and only
/// ever equals itself.
enum VersionVocabulary {
    enum Marker: Equatable {
        case pre(PreRelease)
        case post(PostRelease)
        /// `final`, `ga`, `release`: the same as no suffix at all when nothing follows.
        case release
    }

    /// Words of two or more letters; single letters are decided by position in `VersionParser`.
    static func marker(forPacked packed: UInt64) -> Marker? { table[packed] }

    private static let table: [UInt64: Marker] = {
        let entries: [(String, Marker)] = [
            ("dev", .pre(.dev)), ("devel", .pre(.dev)), ("snapshot", .pre(.dev)), ("nightly", .pre(.dev)),
            ("canary", .pre(.dev)),
            ("alpha", .pre(.alpha)),
            ("beta", .pre(.beta)),
            ("milestone", .pre(.milestone)),
            ("pre", .pre(.preview)), ("preview", .pre(.preview)),
            ("rc", .pre(.candidate)), ("cr", .pre(.candidate)),
            ("pl", .post(.patch)), ("patch", .post(.patch)), ("patchlevel", .post(.patch)), ("post", .post(.patch)),
            ("upd", .post(.update)), ("update", .post(.update)),
            ("sp", .post(.servicePack)), ("servicepack", .post(.servicePack)),
            ("rev", .post(.revision)), ("revision", .post(.revision)),
            ("build", .post(.build)),
            ("hotfix", .post(.hotfix)), ("hf", .post(.hotfix)),
            ("fp", .post(.fixPack)), ("fixpack", .post(.fixPack)),
            ("sr", .post(.serviceRelease)),
            ("su", .post(.serviceUpdate)),
            ("mr", .post(.maintenanceRelease)),
            ("cp", .post(.cumulativePatch)),
            ("final", .release), ("release", .release), ("ga", .release), ("stable", .release), ("lts", .release),
        ]
        var table: [UInt64: Marker] = [:]
        for (word, marker) in entries {
            if let packed = pack(Array(word.utf8)[...]) { table[packed] = marker }
        }
        return table
    }()

    static let maxPackedLetters = 11

    /// Packs up to 11 lower-case ASCII letters, 5 bits each, left-aligned so that integer order is alphabetical
    /// order with a prefix first (`z` < `za`, as OpenSSL's `0.9.8z` < `0.9.8za`).
    static func pack(_ letters: ArraySlice<UInt8>) -> UInt64? {
        guard letters.count <= maxPackedLetters else { return nil }
        var packed: UInt64 = 0
        var shift = 50
        for byte in letters {
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { return nil }
            packed |= UInt64(byte - UInt8(ascii: "a") + 1) << UInt64(shift)
            shift -= 5
        }
        return packed
    }

    /// Bit 55 marks a payload that is a hash rather than packed letters.
    static let hashedFlag: UInt64 = 1 << 55

    /// Payload for a word that cannot be packed: a 55-bit FNV-1a hash, so equal words stay equal; a collision
    /// (odds about 2^-55 per pair) would make two different opaque words equal.
    static func hashed(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hashedFlag | (hash & (hashedFlag - 1))
    }

    static func unpack(_ payload: UInt64) -> String? {
        guard payload & hashedFlag == 0 else { return nil }
        var bytes: [UInt8] = []
        var shift = 50
        while shift >= 0 {
            let code = (payload >> UInt64(shift)) & 0x1F
            if code == 0 { break }
            bytes.append(UInt8(code) - 1 + UInt8(ascii: "a"))
            shift -= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
