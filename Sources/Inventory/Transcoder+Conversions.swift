extension Transcoder {
    /// Validates UTF-8 and copies it through unchanged; returns the bytes consumed (a sequence cut by the end
    /// of the chunk waits for the next one).
    mutating func passUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, into output: inout [UInt8], origin: Int
    ) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index < bytes.count {
            while index + 8 <= bytes.count
                && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < bytes.count else { break }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            var length = UTF8Check.sequenceLength(bytes, at: index)
            if length > 0 {
                index += length
                continue
            }
            if length == 0 {
                guard final else { break }
                length = index - bytes.count
            }
            let end = index - length
            faults.append(
                DecodingFault(
                    inputOffset: heldOffset + index, outputOffset: origin + output.count + index - start,
                    bytes: Array(bytes[index..<end])))
            index = end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        return index
    }

    mutating func convertUTF16(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool, final: Bool,
        into output: inout [UInt8], origin: Int
    ) -> Int {
        func unit(_ index: Int) -> UInt32 {
            bigEndian
                ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
                : UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
        }
        var index = start
        while index + 1 < bytes.count {
            let first = unit(index)
            if first < 0x80 {
                output.append(UInt8(first))
                index += 2
                continue
            }
            if first >= 0xD800 && first < 0xDC00 {
                guard index + 3 < bytes.count else {
                    if !final { return index }
                    fault(bytes, index..<(index + 2), into: &output, origin: origin)
                    index += 2
                    continue
                }
                let second = unit(index + 2)
                if second >= 0xDC00 && second < 0xE000 {
                    Unicode.UTF8.encode(
                        Unicode.Scalar(0x10000 + (first - 0xD800) << 10 + (second - 0xDC00)) ?? "\u{FFFD}"
                    ) { output.append($0) }
                    index += 4
                    continue
                }
            }
            if first >= 0xD800 && first < 0xE000 {
                fault(bytes, index..<(index + 2), into: &output, origin: origin)
            } else {
                Unicode.UTF8.encode(Unicode.Scalar(first) ?? "\u{FFFD}") { output.append($0) }
            }
            index += 2
        }
        if final && index < bytes.count {
            fault(bytes, index..<bytes.count, into: &output, origin: origin)
            index = bytes.count
        }
        return index
    }

    mutating func convertCP950(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, into output: inout [UInt8], origin: Int
    ) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte)
                index += 1
                continue
            }
            if CP950.isLead(byte) {
                guard index + 1 < bytes.count else {
                    if !final { return index }
                    fault(bytes, index..<(index + 1), into: &output, origin: origin)
                    return bytes.count
                }
                let trail = bytes[index + 1]
                if let scalar = CP950.decode(lead: byte, trail: trail) {
                    Unicode.UTF8.encode(Unicode.Scalar(UInt32(scalar)) ?? "\u{FFFD}") { output.append($0) }
                    index += 2
                    continue
                }
                // An unmapped code swallows its trail byte; a lead before a byte that cannot be a trail (a comma,
                // a line end) is reported alone, so the structure after it still reads.
                if CP950.trailIndex(trail) != nil {
                    fault(bytes, index..<(index + 2), into: &output, origin: origin)
                    index += 2
                    continue
                }
            }
            fault(bytes, index..<(index + 1), into: &output, origin: origin)
            index += 1
        }
        return index
    }

    private mutating func fault(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8], origin: Int
    ) {
        faults.append(
            DecodingFault(
                inputOffset: heldOffset + range.lowerBound, outputOffset: origin + output.count,
                bytes: Array(bytes[range])))
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }

}

/// Well-formed UTF-8 (Unicode Table 3-7).
enum UTF8Check {
    /// The length of the valid sequence at `index`; 0 when the bytes end inside one that is valid so far;
    /// minus the length of the maximal invalid subpart otherwise (what a decoder replaces with one U+FFFD).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        let low: UInt8
        let high: UInt8
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return -1
        }
        guard index + 1 < bytes.count else { return 0 }
        guard bytes[index + 1] >= low && bytes[index + 1] <= high else { return -1 }
        for offset in 2..<length {
            guard index + offset < bytes.count else { return 0 }
            guard bytes[index + offset] & 0xC0 == 0x80 else { return -offset }
        }
        return length
    }
}
