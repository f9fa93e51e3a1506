/// Converts the bytes of an uploaded file to UTF-8, chunk by chunk, choosing the encoding from the content:
///
/// 1. A byte-order mark decides: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE (UTF-32 marks are refused).
/// 2. Without one, the first 512 bytes are checked for the NUL pattern of UTF-16: mostly-ASCII UTF-16 text
///    has a zero in every other byte (odd positions for LE, even for BE).
/// 3. Otherwise the text is passed through while it is ASCII, which reads the same in UTF-8 and Big5. At the
///    first byte above 0x7F, the next 4 KiB (or the rest of the file) decide: UTF-8 if they are valid UTF-8,
///    CP950 if they are not but decode as Big5 with at most one error in ten double-byte codes and fewer
///    errors than as UTF-8, else UTF-8 with the bad bytes reported. Chinese in UTF-8 is three-byte
///    sequences that Big5 rarely forms by chance, and Big5 almost never forms valid UTF-8 for long, so the
///    two are not confused on real text.
///
/// UTF-8 passes through unchanged, invalid sequences included (each becomes U+FFFD when a field is made a
/// String), so offsets in the text are offsets in the file. Other encodings write U+FFFD for what they
/// cannot decode. Every undecodable sequence is recorded as a `DecodingFault`; the rest still loads.
struct Transcoder {
    enum Mode: Equatable {
        case start
        /// No byte above 0x7F seen yet: still either UTF-8 or CP950.
        case ascii
        case utf8
        case utf16(bigEndian: Bool)
        case cp950
    }

    private(set) var mode = Mode.start
    /// Input not converted yet: the start of the file while the encoding is open, or a sequence cut by the
    /// end of a chunk. Bounded by `decisionLength` plus one chunk.
    private var held: [UInt8] = []
    /// Offset in the file of `held[0]`.
    private(set) var heldOffset = 0
    /// UTF-8 bytes produced so far.
    private(set) var outputCount = 0
    private(set) var byteOrderMark = 0
    /// Undecodable sequences found since the caller last took them.
    var faults: [DecodingFault] = []
    /// Where the text stops being the file's bytes shifted by the mark (UTF-16: at once; CP950: at the first
    /// non-ASCII byte); nil while it has not.
    private(set) var conversionStart: (output: Int, input: Int)?

    var heldCount: Int { held.count }

    static let sniffLength = 512
    static let decisionLength = 4_096

    var encoding: TextEncoding? {
        switch mode {
        case .start: return nil
        case .ascii, .utf8: return .utf8
        case .utf16(let bigEndian): return bigEndian ? .utf16BE : .utf16LE
        case .cp950: return .cp950
        }
    }

    /// Converts `input` (the next chunk; empty with `final` to flush), appending UTF-8 to `output`.
    mutating func decode(
        _ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]
    ) throws(InventoryError) {
        held.append(contentsOf: input)
        let before = output.count
        let bytes = held
        let consumed = try bytes.withUnsafeBufferPointer { pointer throws(InventoryError) in
            try convert(pointer, final: final, into: &output, origin: outputCount - before)
        }
        outputCount += output.count - before
        heldOffset += consumed
        held.removeFirst(consumed)
    }

    /// Converts what it can of `bytes` (which start at `heldOffset`); returns how many were consumed.
    /// `origin + output.count` is the offset in the whole text of the next byte appended.
    private mutating func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8], origin: Int
    ) throws(InventoryError) -> Int {
        var index = 0
        if mode == .start {
            guard bytes.count >= Self.sniffLength || final else { return 0 }
            index = try sniff(bytes)
        }
        if mode == .ascii {
            let start = index
            while index < bytes.count && bytes[index] < 0x80 { index += 1 }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            guard index < bytes.count, bytes.count - index >= Self.decisionLength || final else { return index }
            mode = Self.decide(UnsafeBufferPointer(rebasing: bytes[index...]), final: final)
            if mode == .cp950 { conversionStart = (origin + output.count, heldOffset + index) }
        }
        switch mode {
        case .utf8: return passUTF8(bytes, from: index, final: final, into: &output, origin: origin)
        case .utf16(let bigEndian):
            return convertUTF16(bytes, from: index, bigEndian: bigEndian, final: final, into: &output, origin: origin)
        case .cp950: return convertCP950(bytes, from: index, final: final, into: &output, origin: origin)
        case .start, .ascii: return index
        }
    }

    /// Reads a byte-order mark or the UTF-16 NUL pattern; returns the bytes of the mark.
    private mutating func sniff(_ bytes: UnsafeBufferPointer<UInt8>) throws(InventoryError) -> Int {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw InventoryError(.unsupportedEncoding, offset: 0, "UTF-32 text; save it as UTF-8 or UTF-16")
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            mode = .utf8
            byteOrderMark = 3
        } else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            mode = .utf16(bigEndian: head[0] == 0xFE)
            byteOrderMark = 2
        } else {
            let pairs = min(bytes.count, Self.sniffLength) / 2
            var zeroEven = 0
            var zeroOdd = 0
            for index in 0..<(pairs * 2) where bytes[index] == 0 {
                if index % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
            }
            if pairs >= 2 && zeroOdd * 10 >= pairs * 3 && zeroEven * 20 <= pairs {
                mode = .utf16(bigEndian: false)
            } else if pairs >= 2 && zeroEven * 10 >= pairs * 3 && zeroOdd * 20 <= pairs {
                mode = .utf16(bigEndian: true)
            } else {
                mode = .ascii
            }
        }
        if case .utf16 = mode { conversionStart = (0, byteOrderMark) }
        return byteOrderMark
    }

    /// UTF-8 or CP950 for text whose first non-ASCII byte starts `region`.
    static func decide(_ region: UnsafeBufferPointer<UInt8>, final: Bool) -> Mode {
        var utf8Errors = 0
        var index = 0
        while index < region.count {
            let length = UTF8Check.sequenceLength(region, at: index)
            if length > 0 {
                index += length
            } else if length == 0 {
                if final { utf8Errors += 1 }
                break
            } else {
                utf8Errors += 1
                index -= length
            }
        }
        guard utf8Errors > 0 else { return .utf8 }
        var pairs = 0
        var big5Errors = 0
        index = 0
        while index < region.count {
            let byte = region[index]
            if byte < 0x80 {
                index += 1
            } else if index + 1 < region.count, CP950.decode(lead: byte, trail: region[index + 1]) != nil {
                pairs += 1
                index += 2
            } else {
                if index + 1 < region.count || final { big5Errors += 1 }
                index += 1
            }
        }
        return big5Errors * 10 <= pairs && big5Errors < utf8Errors ? .cp950 : .utf8
    }
}
