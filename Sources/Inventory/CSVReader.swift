/// A CSV or TSV syntax fault, with the 1-based line and byte offset where it was found.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var offset: Int
    public var reason: String

    public init(line: Int, offset: Int, reason: String) {
        self.line = line
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "line \(line) (byte \(offset)): \(reason)" }
}

/// RFC 4180 records from UTF-8 bytes: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8
/// byte-order mark ignored. Each record carries the line it starts on, so errors can name it.
public struct CSVReader: Sequence, IteratorProtocol {
    public struct Record: Hashable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var position: Int
    private var line = 1
    /// Set when a record could not be read; iteration stops there.
    public private(set) var error: CSVError?

    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    public mutating func next() -> Record? {
        guard error == nil, position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStart = true
        while position < bytes.count {
            let byte = bytes[position]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 2
                        continue
                    }
                    quoted = false
                    position += 1
                    if position < bytes.count, ![delimiter, 10, 13].contains(bytes[position]) {
                        error = CSVError(
                            line: line, offset: position, reason: "unexpected character after closing quote")
                        return nil
                    }
                    continue
                }
                if byte == 10 { line += 1 }
                field.append(byte)
                position += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where fieldStart:
                quoted = true
                fieldStart = false
                position += 1
            case delimiter:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStart = true
                position += 1
            case 10, 13:
                position += byte == 13 && position + 1 < bytes.count && bytes[position + 1] == 10 ? 2 : 1
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(line: startLine, fields: fields)
            default:
                field.append(byte)
                fieldStart = false
                position += 1
            }
        }
        if quoted {
            error = CSVError(line: startLine, offset: position, reason: "quoted field is not closed")
            return nil
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return Record(line: startLine, fields: fields)
    }
}
