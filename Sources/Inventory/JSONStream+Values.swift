/// The byte-level scan of one unit, resumable at any byte: brackets are counted (and matched) outside strings,
/// strings end at an unescaped quote, a scalar at the next delimiter.
extension JSONStream {
    /// Scans the value at the cursor to its end; nil when the text ends first.
    mutating func scanValue(
        _ text: UnsafeBufferPointer<UInt8>, textBase: Int, final: Bool, retained: Bool
    ) throws(InventoryError) -> Int? {
        var index = cursor - textBase
        defer { cursor = textBase + index }
        let count = text.count
        while index < count {
            if inString {
                if escaped {
                    escaped = false
                    index += 1
                    continue
                }
                while index < count && text[index] != UInt8(ascii: "\"") && text[index] != UInt8(ascii: "\\") {
                    index += 1
                }
                guard index < count else { break }
                if text[index] == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    continue
                }
                inString = false
                index += 1
                if stack.isEmpty { return try finished(textBase + index, retained) }
                continue
            }
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(byte)
                guard stack.count + enclosing <= maxDepth else {
                    throw InventoryError(
                        .nestingTooDeep, offset: textBase + index, "JSON nested deeper than \(maxDepth)")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if stack.isEmpty { return try finished(textBase + index, retained) }
                let open = stack.removeLast()
                guard open == (byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")) else {
                    throw InventoryError(.malformed, offset: textBase + index, "mismatched JSON brackets")
                }
                if stack.isEmpty {
                    index += 1
                    return try finished(textBase + index, retained)
                }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                if byte == 0x0A { line += 1 }
                if stack.isEmpty { return try finished(textBase + index, retained) }
            default:
                break
            }
            index += 1
        }
        if retained && textBase + index - unitStart > maxUnit { throw tooLong() }
        if final && stack.isEmpty && !inString && textBase + index > unitStart {
            return try finished(textBase + index, retained)
        }
        return nil
    }

    private func finished(_ end: Int, _ retained: Bool) throws(InventoryError) -> Int {
        if retained && end - unitStart > maxUnit { throw tooLong() }
        return end
    }

    private func tooLong() -> InventoryError {
        InventoryError(.recordTooLong, offset: unitStart, "a JSON element longer than \(maxUnit) bytes")
    }
}
