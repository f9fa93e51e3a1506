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
    /// The previous record's field count, reserved for the next record's fields.
    private var fieldCount = 0
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
        fields.reserveCapacity(fieldCount)
        // A quoted field is gathered byte by byte (its doubled quotes stand for one); an unquoted one is decoded from
        // its span of the input in one go.
        var quotedField: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var fieldStart = position
        func endField() {
            if wasQuoted {
                fields.append(String(decoding: quotedField, as: UTF8.self))
                quotedField.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else {
                fields.append(String(decoding: bytes[fieldStart..<position], as: UTF8.self))
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\"") {
                        quotedField.append(byte)
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
                quotedField.append(byte)
                position += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where position == fieldStart:
                quoted = true
                wasQuoted = true
                position += 1
            case delimiter:
                endField()
                position += 1
                fieldStart = position
            case 10, 13:
                endField()
                position += byte == 13 && position + 1 < bytes.count && bytes[position + 1] == 10 ? 2 : 1
                line += 1
                fieldCount = fields.count
                return Record(line: startLine, fields: fields)
            default:
                position = endOfUnquoted(from: position + 1)
            }
        }
        if quoted {
            error = CSVError(line: startLine, offset: position, reason: "quoted field is not closed")
            return nil
        }
        endField()
        return Record(line: startLine, fields: fields)
    }

    /// Where the unquoted field running through `start` ends: at the next delimiter or line end, or the input's end.
    private func endOfUnquoted(from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var position = start
            while position < buffer.count {
                let byte = buffer[position]
                if byte == delimiter || byte == 10 || byte == 13 { break }
                position += 1
            }
            return position
        }
    }
}
