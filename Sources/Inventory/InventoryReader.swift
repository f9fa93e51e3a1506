/// Reads an inventory file of any supported format (`FormatDetector`) and encoding (`Transcoder`) into
/// `InventoryRecord`s and per-row `InventoryIssue`s, streaming: feed the file in chunks of any size and the
/// records arrive in the sink as soon as they are complete.
///
/// Memory is bounded whatever the file size. Text formats hold the unread text (at most one unit, a line, CSV
/// record, JSON element or XML token, bounded by `InventoryOptions.maxRecordBytes`, default 1 MiB) plus the
/// chunk being read, which is itself cut into 64 KiB slices, and at most 4 KiB of undecided encoding. The
/// exception is XLSX: a ZIP's directory is at its end, so the archive is held whole (at most
/// `maxArchiveBytes`) and its sheet and shared strings inflated in memory (at most `maxEntryBytes` each).
///
/// A thrown `InventoryError` refuses the whole file (hostile or unreadable: a DOCTYPE, a zip bomb, a 2 MiB
/// line, no recognisable format); after it the reader only rethrows it.
public struct InventoryReader {
    public let options: InventoryOptions
    public let fileName: String?
    private var state = State.start
    private var prefix: [UInt8] = []
    private var transcoder = Transcoder()
    private var offsets = OffsetMap()
    /// The UTF-8 text not yet dropped; `window[0]` is at `windowBase` in the whole text.
    private var window: [UInt8] = []
    private var windowBase = 0
    private var consumed = 0
    private var reader: (any TextFormatReader)?
    private var archive: [UInt8] = []
    private var context: ReadContext
    private var deliveredIssues = 0
    private var failure: InventoryError?
    public private(set) var summary = InventorySummary()

    enum State {
        case start, text, archive, finished
    }

    static let slice = 1 << 16

    /// `fileName` only breaks ties between formats the content leaves open (`.tsv`, `rpm` in the name).
    public init(options: InventoryOptions = InventoryOptions(), fileName: String? = nil) {
        self.options = options
        self.fileName = fileName
        context = ReadContext(options: options)
    }

    /// The format, once the content has shown it.
    public var format: InventoryFormat? { summary.format }

    /// Bytes held between calls (the text window and undecoded input), which the streaming bound is about.
    var bufferedByteCount: Int { window.count + prefix.count + transcoder.heldCount }

    public mutating func feed(_ chunk: [UInt8], to sink: inout some InventorySink) throws(InventoryError) {
        try chunk.withUnsafeBufferPointer { bytes throws(InventoryError) in
            try feed(UnsafeRawBufferPointer(bytes), to: &sink)
        }
    }

    /// Reads the next chunk of the file, delivering what it completes.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, to sink: inout some InventorySink) throws(InventoryError)
    {
        if let failure { throw failure }
        precondition(state != .finished, "feed after finish")
        var start = 0
        while start < chunk.count {
            let end = min(chunk.count, start + Self.slice)
            try guarded { reader throws(InventoryError) in
                try reader.process(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), final: false)
            }
            flush(to: &sink)
            start = end
        }
    }

    /// Says the file has ended: reads what was held back and returns the summary.
    public mutating func finish(to sink: inout some InventorySink) throws(InventoryError) -> InventorySummary {
        if let failure { throw failure }
        try guarded { reader throws(InventoryError) in
            try reader.process(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        }
        if state == .archive {
            var workbook = try guarded { reader throws(InventoryError) in
                try XLSXReader(archive: reader.archive, options: reader.options)
            }
            archive = []
            context.format = .xlsx
            var more = true
            while more {
                more = try guarded { reader throws(InventoryError) in
                    try workbook.read(into: &reader.context, limit: 4_096)
                }
                flush(to: &sink)
            }
        }
        state = .finished
        flush(to: &sink)
        return summary
    }

    /// Reads a whole file.
    public static func read(
        _ bytes: [UInt8], fileName: String? = nil, options: InventoryOptions = InventoryOptions()
    ) throws(InventoryError) -> InventoryFile {
        var reader = InventoryReader(options: options, fileName: fileName)
        var collector = InventoryCollector()
        try reader.feed(bytes, to: &collector)
        let summary = try reader.finish(to: &collector)
        return InventoryFile(records: collector.records, issues: collector.issues, summary: summary)
    }

    /// Runs `body`, making the first error sticky.
    private mutating func guarded<Result>(
        _ body: (inout InventoryReader) throws(InventoryError) -> Result
    ) throws(InventoryError) -> Result {
        do {
            return try body(&self)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func process(_ bytes: UnsafeRawBufferPointer, final: Bool) throws(InventoryError) {
        summary.bytes += bytes.count
        switch state {
        case .start:
            prefix.append(contentsOf: bytes)
            guard prefix.count >= 8 || final else { return }
            state = try Self.kind(of: prefix)
            let held = prefix
            prefix = []
            summary.bytes -= held.count
            try held.withUnsafeBufferPointer { bytes throws(InventoryError) in
                try process(UnsafeRawBufferPointer(bytes), final: final)
            }
        case .archive:
            archive.append(contentsOf: bytes)
            guard archive.count <= options.maxArchiveBytes else {
                throw InventoryError(
                    .archiveTooLarge, offset: nil, "spreadsheet larger than \(options.maxArchiveBytes) bytes")
            }
        case .text:
            try transcoder.decode(bytes, final: final, into: &window)
            offsets.update(from: transcoder)
            for fault in transcoder.faults { offsets.note(fault) }
            context.faults.append(contentsOf: transcoder.faults)
            transcoder.faults.removeAll()
            // Faults wait for the record they fall in; in text no record takes (a skipped SBOM section) they
            // would pile up, so past a bound they are reported at once, on row 0.
            if context.faults.count > 4_096 { context.attributeFaults(before: Int.max, row: 0) }
            context.encoding = transcoder.encoding
            summary.encoding = transcoder.encoding
            try readText(final: final)
        case .finished:
            break
        }
    }

    /// Binary containers are told by their magic numbers before any text decoding.
    private static func kind(of prefix: [UInt8]) throws(InventoryError) -> State {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .archive }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw InventoryError(
                .unrecognizedFormat, offset: 0, "a legacy Excel .xls workbook; save it as .xlsx or CSV")
        }
        if prefix.starts(with: [0x1F, 0x8B]) {
            throw InventoryError(.unrecognizedFormat, offset: 0, "a gzip file; decompress it first")
        }
        if prefix.starts(with: Array("%PDF".utf8)) {
            throw InventoryError(.unrecognizedFormat, offset: 0, "a PDF document, not an inventory")
        }
        return .text
    }

    private mutating func readText(final: Bool) throws(InventoryError) {
        let text = window
        context.textBase = windowBase
        let start = consumed
        do {
            consumed = try text.withUnsafeBufferPointer { buffer throws(InventoryError) in
                if reader == nil {
                    reader = try FormatDetector.detect(
                        UnsafeBufferPointer(rebasing: buffer[start...]), final: final, fileName: fileName,
                        options: options)
                }
                guard var active = reader else { return start }
                reader = nil
                defer { reader = active }
                return try active.read(buffer, from: start, final: final, context: &context)
            }
        } catch {
            throw mapped(error, text)
        }
        if final { context.attributeFaults(before: Int.max, row: 0) }
        text.withUnsafeBufferPointer { buffer in mapIssueOffsets(buffer) }
        if consumed >= Self.slice && consumed * 2 >= window.count {
            text.withUnsafeBufferPointer { buffer in
                offsets.discard(before: windowBase + consumed, window: buffer, windowBase: windowBase)
            }
            window.removeFirst(consumed)
            windowBase += consumed
            consumed = 0
        }
    }

    /// A reader's error carries a text offset; the uploader needs the file offset.
    private mutating func mapped(_ error: InventoryError, _ text: [UInt8]) -> InventoryError {
        guard let offset = error.offset else { return error }
        var result = error
        result.offset = text.withUnsafeBufferPointer { buffer in
            offsets.inputOffset(of: offset, window: buffer, windowBase: windowBase)
        }
        if result.offset == nil { result.detail += " (at byte \(offset) of the text as UTF-8)" }
        return result
    }

    private mutating func mapIssueOffsets(_ buffer: UnsafeBufferPointer<UInt8>) {
        for index in context.issues.pending.indices {
            guard let offset = context.issues.pending[index].textOffset else { continue }
            context.issues.pending[index].issue.offset = offsets.inputOffset(
                of: offset, window: buffer, windowBase: windowBase)
            context.issues.pending[index].textOffset = nil
        }
    }

    private mutating func flush(to sink: inout some InventorySink) {
        if let format = reader?.format ?? context.format { summary.format = format }
        if let host = options.defaultHost {
            for index in context.records.indices where context.records[index].host == nil {
                context.records[index].host = host
            }
        }
        summary.records += context.records.count
        // Moved out one by one, never copied: reversing only swaps the records' bits, and `popLast` hands each
        // over in file order.
        context.records.withUnsafeMutableBufferPointer { records in records.reverse() }
        while let record = context.records.popLast() { sink.record(record) }
        for pending in context.issues.pending {
            if pending.issue.severity == .error { summary.errors += 1 } else { summary.warnings += 1 }
            guard deliveredIssues < options.maxIssues else {
                summary.suppressedIssues += 1
                continue
            }
            deliveredIssues += 1
            sink.issue(pending.issue)
        }
        context.issues.pending.removeAll(keepingCapacity: true)
        summary.skipped = context.skipped
        summary.truncated = context.truncated
    }
}

/// A whole file's reading.
public struct InventoryFile: Hashable, Sendable {
    public var records: [InventoryRecord]
    public var issues: [InventoryIssue]
    public var summary: InventorySummary

    public init(records: [InventoryRecord], issues: [InventoryIssue], summary: InventorySummary) {
        self.records = records
        self.issues = issues
        self.summary = summary
    }
}
