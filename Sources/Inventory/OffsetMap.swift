/// Turns an offset in the UTF-8 text back into one in the file as uploaded, so that issues name a byte the
/// uploader can find. For UTF-8 that is the text offset plus the byte-order mark. For converted text the map
/// walks the text from a known point, counting each character's width in the original encoding (UTF-16: 2,
/// or 4 for a surrogate pair; CP950: 1 for ASCII, else 2) and each U+FFFD it wrote for a fault as the bytes
/// it replaced. The known point moves forward as the reader discards text, so a walk never leaves the window.
struct OffsetMap {
    private var byteOrderMark = 0
    private var isUTF16 = false
    /// A point known in both: the start of the conversion, then wherever the window last started.
    private var anchor: (output: Int, input: Int)?
    /// The last point mapped, since issues mostly come in text order.
    private var recent: (output: Int, input: Int)?
    /// Faults at or after `anchor`, in text order.
    private var faults: [DecodingFault] = []

    mutating func update(from transcoder: Transcoder) {
        byteOrderMark = transcoder.byteOrderMark
        if case .utf16 = transcoder.mode { isUTF16 = true }
        if anchor == nil, let start = transcoder.conversionStart { anchor = start }
    }

    mutating func note(_ fault: DecodingFault) {
        if let anchor, fault.outputOffset >= anchor.output { faults.append(fault) }
    }

    /// The file offset of text offset `target`; nil when it is no longer (or not yet) in `window`.
    mutating func inputOffset(of target: Int, window: UnsafeBufferPointer<UInt8>, windowBase: Int) -> Int? {
        guard let anchor, target >= anchor.output else { return target + byteOrderMark }
        var from = anchor
        if let recent, recent.output <= target { from = recent }
        guard let input = walk(from: from, to: target, window: window, windowBase: windowBase) else { return nil }
        recent = (target, input)
        return input
    }

    /// Moves the anchor to `newBase` before the window drops the text before it.
    mutating func discard(before newBase: Int, window: UnsafeBufferPointer<UInt8>, windowBase: Int) {
        guard let anchor, newBase > anchor.output else { return }
        var from = anchor
        if let recent, recent.output <= newBase, recent.output > anchor.output { from = recent }
        guard let input = walk(from: from, to: newBase, window: window, windowBase: windowBase) else { return }
        self.anchor = (newBase, input)
        if let recent, recent.output < newBase { self.recent = nil }
        let kept = faults.firstIndex { $0.outputOffset >= newBase } ?? faults.count
        faults.removeFirst(kept)
    }

    private func walk(
        from start: (output: Int, input: Int), to target: Int, window: UnsafeBufferPointer<UInt8>, windowBase: Int
    ) -> Int? {
        guard start.output >= windowBase, target <= windowBase + window.count else { return nil }
        var output = start.output
        var input = start.input
        var next = faults.firstIndex { $0.outputOffset >= output } ?? faults.count
        while output < target {
            if next < faults.count && faults[next].outputOffset == output {
                input += faults[next].bytes.count
                output += 3
                next += 1
                continue
            }
            let lead = window[output - windowBase]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            input += isUTF16 ? (length == 4 ? 4 : 2) : (length == 1 ? 1 : 2)
            output += length
        }
        return input
    }
}
