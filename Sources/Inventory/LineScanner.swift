/// The next line of text from an index: its content (without CR LF) and where the line after it starts.
/// A registry value may go on over several lines, each but the last ending in a backslash; `continued`
/// joins those.
enum LineScanner {
    struct Line {
        var content: Range<Int>
        var next: Int
        /// Physical lines taken.
        var count: Int
    }

    /// nil when the text ends inside the line (and more is coming).
    static func line(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, textBase: Int, limit: Int
    ) throws(InventoryError) -> Line? {
        var index = start
        while index < text.count && text[index] != 0x0A { index += 1 }
        guard index - start <= limit else {
            throw InventoryError(.recordTooLong, offset: textBase + start, "a line longer than \(limit) bytes")
        }
        guard index < text.count || final else { return nil }
        var end = index
        if end > start && text[end - 1] == 0x0D { end -= 1 }
        return Line(content: start..<end, next: min(index + 1, text.count), count: 1)
    }

    /// A logical line: physical lines ending in `\` continue on the next, whose leading spaces are dropped.
    static func continued(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, textBase: Int, limit: Int
    ) throws(InventoryError) -> (bytes: [UInt8], next: Int, count: Int)? {
        var bytes: [UInt8] = []
        var index = start
        var count = 0
        while true {
            guard let line = try line(text, from: index, final: final, textBase: textBase, limit: limit) else {
                return nil
            }
            count += 1
            var content = line.content
            if count > 1 {
                while content.lowerBound < content.upperBound
                    && (text[content.lowerBound] == 0x20 || text[content.lowerBound] == 0x09)
                {
                    content = (content.lowerBound + 1)..<content.upperBound
                }
            }
            let continues = !content.isEmpty && text[content.upperBound - 1] == UInt8(ascii: "\\")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[content]).dropLast(continues ? 1 : 0))
            guard line.next - start <= limit else {
                throw InventoryError(.recordTooLong, offset: textBase + start, "a value longer than \(limit) bytes")
            }
            guard continues && line.next < text.count else {
                if continues && !final { return nil }
                return (bytes, line.next, count)
            }
            index = line.next
        }
    }
}
