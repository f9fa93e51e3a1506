/// The lines of a JSON Lines document (one value per line, `\n` or `\r\n` separated): each non-blank line's
/// byte range and 1-based line number. Blank lines are skipped; a final line without `\n` counts.
public struct JSONLines: Sequence, IteratorProtocol {
    public struct Line: Hashable, Sendable {
        public var range: Range<Int>
        public var number: Int
    }

    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private var position: Int
    private var lineNumber = 0

    public init(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        base = buffer.baseAddress.map { UnsafePointer($0) }
        count = buffer.count
        position = start
    }

    public mutating func next() -> Line? {
        guard let base else { return nil }
        while position < count {
            let start = position
            var stop = start
            while stop < count, base[stop] != 0x0A { stop += 1 }
            position = stop + 1
            lineNumber += 1
            var last = stop
            while last > start, base[last - 1] == 0x0D || base[last - 1] == 0x20 || base[last - 1] == 0x09 {
                last -= 1
            }
            var first = start
            while first < last, base[first] == 0x20 || base[first] == 0x09 { first += 1 }
            if first < last { return Line(range: first..<last, number: lineNumber) }
        }
        return nil
    }
}
