/// One attribute of a start tag, its value with references resolved and whitespace normalised.
public struct XMLAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What the tokenizer yields. Names are kept as written, prefix included (`cpe-23:cpe23-item`); see
/// `XMLToken.localName(_:)`. An empty-element tag (`<a/>`) yields `.start` then `.end`, so consumers see one
/// shape. Text may arrive in several consecutive `.text` tokens (a CDATA section is its own token);
/// whitespace between elements is reported too, since only the consumer knows whether it matters.
public enum XMLToken: Hashable, Sendable {
    case start(name: String, attributes: [XMLAttribute])
    case end(name: String)
    case text(String)

    /// The part of a qualified name after its prefix: `cpe-23:cpe23-item` → `cpe23-item`.
    public static func localName(_ name: String) -> Substring {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name[...] }
        return name[name.utf8.index(after: colon)...]
    }
}

extension [XMLAttribute] {
    /// The value of the attribute named `name` (as written, prefix included), if present.
    public func value(of name: String) -> String? {
        first { $0.name == name }?.value
    }
}
