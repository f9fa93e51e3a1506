/// Finds the fields of one RFC 4180 record in UTF-8 text without copying them: quoted fields with doubled
/// quotes, fields spanning lines inside quotes, LF, CR LF or CR line ends. A quote inside an unquoted field is
/// kept as text, as Excel does. The record's field boundaries stay valid until the next scan.
struct DelimitedScanner {
    enum Outcome {
        /// A record ends before `next`.
        case record(next: Int)
        /// The text ends inside the record; call again with more.
        case needMore
        /// The record is broken at `offset` (text after a closing quote); reading resumes at `next`, the next
        /// line.
        case malformed(next: Int, offset: Int, reason: String)
    }

    let delimiter: UInt8
    let maxFields: Int
    let maxRecordBytes: Int
    /// A field of the record last scanned: its content bounds (inside the quotes for a quoted field) and
    /// whether it had quotes, so that `""` in it stands for `"`.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    private(set) var fields: [Field] = []
    /// Line ends inside the record last scanned, its own included.
    private(set) var lines = 0

    init(delimiter: UInt8, maxFields: Int, maxRecordBytes: Int) {
        self.delimiter = delimiter
        self.maxFields = maxFields
        self.maxRecordBytes = maxRecordBytes
    }

    var fieldCount: Int { fields.count }

    /// Scans the record at `start` of `text` (whose first byte is at `textBase` in the whole text).
    mutating func scan(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, textBase: Int, final: Bool
    ) throws(InventoryError) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        lines = 0
        let count = text.count
        let delimiter = delimiter
        var index = start
        while true {
            guard fields.count < maxFields else {
                throw InventoryError(
                    .tooManyFields, offset: textBase + start, "a record has more than \(maxFields) fields")
            }
            if index < count && text[index] == UInt8(ascii: "\"") {
                index += 1
                let contentStart = index
                while true {
                    while index < count && text[index] != UInt8(ascii: "\"") {
                        if text[index] == 0x0A { lines += 1 }
                        index += 1
                    }
                    guard index + 1 < count else {
                        guard final else { return try needMore(text, start, textBase) }
                        if index < count { break }
                        return .malformed(
                            next: count, offset: textBase + contentStart - 1, reason: "quoted field is not closed")
                    }
                    if text[index + 1] == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    break
                }
                fields.append(Field(start: contentStart, end: index, quoted: true))
                index += 1
                if index < count && text[index] != delimiter && text[index] != 0x0A && text[index] != 0x0D {
                    let bad = index
                    while index < count && text[index] != 0x0A { index += 1 }
                    guard index < count || final else { return try needMore(text, start, textBase) }
                    lines += 1
                    return .malformed(
                        next: min(index + 1, count), offset: textBase + bad, reason: "text after a closing quote")
                }
            } else {
                let fieldStart = index
                while index < count {
                    let byte = text[index]
                    if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                    index += 1
                }
                fields.append(Field(start: fieldStart, end: index, quoted: false))
            }
            guard index < count else {
                guard final else { return try needMore(text, start, textBase) }
                return try finished(next: count, start, textBase)
            }
            let byte = text[index]
            if byte == delimiter {
                index += 1
                continue
            }
            if byte == 0x0D {
                guard index + 1 < count || final else { return try needMore(text, start, textBase) }
                if index + 1 < count && text[index + 1] == 0x0A { index += 1 }
            }
            lines += 1
            return try finished(next: index + 1, start, textBase)
        }
    }

    private func finished(next: Int, _ start: Int, _ textBase: Int) throws(InventoryError) -> Outcome {
        guard next - start <= maxRecordBytes else { throw tooLong(start, textBase) }
        return .record(next: next)
    }

    private func needMore(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ textBase: Int) throws(InventoryError)
        -> Outcome
    {
        guard text.count - start <= maxRecordBytes else { throw tooLong(start, textBase) }
        return .needMore
    }

    private func tooLong(_ start: Int, _ textBase: Int) -> InventoryError {
        InventoryError(
            .recordTooLong, offset: textBase + start,
            "a record longer than \(maxRecordBytes) bytes starts here (an unclosed quote?)")
    }

    /// The field's text: surrounding spaces and tabs trimmed (unless quoted), doubled quotes undone.
    static func string(_ text: UnsafeBufferPointer<UInt8>, _ field: Field) -> String {
        var start = field.start
        var end = field.end
        if !field.quoted {
            while start < end && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
            while end > start && (text[end - 1] == 0x20 || text[end - 1] == 0x09) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
        }
        var escaped = false
        for index in start..<end where text[index] == UInt8(ascii: "\"") {
            escaped = true
            break
        }
        guard escaped else { return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var index = start
        while index < end {
            bytes.append(text[index])
            index += text[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isBlank(_ text: UnsafeBufferPointer<UInt8>, _ field: Field) -> Bool {
        for index in field.start..<field.end where text[index] != 0x20 && text[index] != 0x09 { return false }
        return true
    }
}
