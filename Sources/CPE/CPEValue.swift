/// One attribute value of a well-formed CPE name (WFN), NISTIR 7695 §5.3.
public enum CPEValue: Hashable, Sendable {
    /// ANY (`*` in bindings): no constraint.
    case any
    /// NA (`-` in bindings): the attribute does not apply.
    case notApplicable
    /// A value in WFN form: non-alphanumeric characters other than `_` are quoted with `\`;
    /// an unquoted `?` or `*` is a wildcard (only at the start or end, per the specification).
    case value(String)
}

extension CPEValue {
    /// The value with its quoting removed (`notepad++`, `12.1(14)e7`), for display and version comparison; nil for
    /// ANY and NA. Unquoted wildcards come out as `*` and `?` just like quoted ones, so check `containsWildcards`
    /// before treating the result as literal text.
    public var logical: String? {
        guard case .value(let text) = self else { return nil }
        guard text.utf8.contains(ASCII.backslash) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var quoting = false
        for byte in text.utf8 {
            if byte == ASCII.backslash && !quoting {
                quoting = true
            } else {
                bytes.append(byte)
                quoting = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the value holds an unquoted `*` or `?` (NISTIR 7696 `contains_wildcards`).
    public var containsWildcards: Bool {
        guard case .value(let text) = self else { return false }
        return WFNText.containsWildcards(text)
    }

    /// The value whose logical text is `logical`: every character other than letters, digits and `_` is quoted, so
    /// `*` and `?` become literal. Throws for empty text and for characters a CPE cannot hold (whitespace, control
    /// and non-ASCII characters).
    public init(logical: String) throws(CPEParseError) {
        var input = logical
        let outcome = input.withUTF8 { bytes in
            Result { () throws(ByteFault) in try CPEValue.quoting(bytes) }
        }
        switch outcome {
        case .success(let value): self = value
        case .failure(let fault): throw fault.error(in: logical)
        }
    }

    /// The value `quoted`, given in WFN form (`notepad\+\+`, `8\.*`), after checking that it follows
    /// NISTIR 7695 §5.3.2.
    public init(quoted: String) throws(CPEParseError) {
        var input = quoted
        let outcome = input.withUTF8 { bytes in
            Result { () throws(ByteFault) in try WFNText.value(bytes, from: 0, to: bytes.count) }
        }
        switch outcome {
        case .success(let value): self = value
        case .failure(let fault): throw fault.error(in: quoted)
        }
    }

    private static func quoting(_ bytes: UnsafeBufferPointer<UInt8>) throws(ByteFault) -> CPEValue {
        try ValueBuilder.withScratch(length: bytes.count) { scratch throws(ByteFault) in
            var builder = ValueBuilder(buffer: scratch)
            for (offset, byte) in bytes.enumerated() {
                if ASCII.isWord(byte) {
                    try builder.word(byte)
                } else if ASCII.isQuotable(byte) {
                    try builder.quoted(byte)
                } else {
                    throw ByteFault(.illegalCharacter, at: offset, ASCII.illegalReason(byte))
                }
            }
            return try builder.finish(at: 0)
        }
    }
}

extension CPEValue: CustomStringConvertible {
    /// The value as WFN text writes it: `ANY`, `NA` or the quoted string in double quotes.
    public var description: String {
        switch self {
        case .any: "ANY"
        case .notApplicable: "NA"
        case .value(let text): "\"\(text)\""
        }
    }
}
