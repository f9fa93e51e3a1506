extension JSONReader {
    /// Reads a number that must be an integer (no fraction or exponent) fitting `Int`.
    public mutating func readInt() throws(JSONError) -> Int {
        skipWhitespace()
        let start = offset
        let shape = try scanNumber()
        guard !shape.hasFraction, !shape.hasExponent else {
            offset = start
            throw error("an integer")
        }
        var index = start
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value = 0
        while index < offset {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let digit = Int(base[index] - UInt8(ascii: "0"))
            let (sum, overflow2) =
                negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                offset = start
                throw error("an integer that fits 64 bits")
            }
            value = sum
            index += 1
        }
        return value
    }

    /// Reads any number as a `Double` (correctly rounded).
    public mutating func readDouble() throws(JSONError) -> Double {
        skipWhitespace()
        let start = offset
        let shape = try scanNumber()
        if let fast = fastDouble(from: start, shape: shape) { return fast }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
        guard let value = Double(text) else {
            offset = start
            throw error("a number")
        }
        return value
    }

    /// Checks the JSON number grammar from `offset` and moves past it.
    @inline(__always)
    mutating func scanNumber() throws(JSONError) -> (hasFraction: Bool, hasExponent: Bool) {
        if offset < end, base[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < end, isDigit(base[offset]) else { throw error("a digit") }
        if base[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < end, isDigit(base[offset]) { offset += 1 }
        }
        var fraction = false
        var exponent = false
        if offset < end, base[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < end, isDigit(base[offset]) else { throw error("a digit after '.'") }
            while offset < end, isDigit(base[offset]) { offset += 1 }
            fraction = true
        }
        if offset < end, base[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < end, base[offset] == UInt8(ascii: "+") || base[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < end, isDigit(base[offset]) else { throw error("a digit in the exponent") }
            while offset < end, isDigit(base[offset]) { offset += 1 }
            exponent = true
        }
        return (fraction, exponent)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Clinger's fast path: with at most 15 significant digits and a power of ten up to 22 both operands are
    /// exact doubles, so one division or multiplication rounds correctly. Scores like `7.5` all take it.
    private func fastDouble(from start: Int, shape: (hasFraction: Bool, hasExponent: Bool)) -> Double? {
        guard !shape.hasExponent else { return nil }
        var index = start
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var afterPoint = false
        while index < offset {
            let byte = base[index]
            if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else {
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                if afterPoint { scale += 1 }
            }
            index += 1
        }
        guard digits <= 15, scale <= 22 else { return nil }
        let value = Double(mantissa) / JSONReader.powersOfTen[scale]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }
}
