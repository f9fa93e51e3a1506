/// What format readers write into while reading a window of text: records, issues (their offsets still in the
/// UTF-8 text, mapped to file offsets by `InventoryReader`), skips, and the decoding faults waiting to be
/// attributed to the row they fall in.
struct ReadContext {
    struct PendingIssue {
        var issue: InventoryIssue
        /// Offset in the UTF-8 text, when `issue.offset` is still to be computed from it.
        var textOffset: Int?
    }

    /// Issues in the order found; apart from the records, so a record being built in place in `records` can
    /// be checked while issues are added.
    struct Issues {
        var pending: [PendingIssue] = []

        mutating func add(
            row: Int, field: String? = nil, at textOffset: Int? = nil, _ reason: String,
            severity: InventoryIssue.Severity = .error
        ) {
            let issue = InventoryIssue(row: row, field: field, reason: reason, severity: severity)
            pending.append(PendingIssue(issue: issue, textOffset: textOffset))
        }
    }

    let options: InventoryOptions
    var format: InventoryFormat?
    var records: [InventoryRecord] = []
    var issues = Issues()
    var skipped: [InventorySkip: Int] = [:]
    /// Whether the text ended inside a unit (a JSON value cut off): what came before is read.
    var truncated = false
    /// Decoding faults not yet attributed, in text order.
    var faults: [DecodingFault] = []
    var encoding: TextEncoding?
    /// Text offset of the first byte of the window readers are given.
    var textBase = 0

    init(options: InventoryOptions) {
        self.options = options
    }

    mutating func emit(_ record: consuming InventoryRecord) {
        records.append(record)
    }

    mutating func issue(
        row: Int, field: String? = nil, at textOffset: Int? = nil, _ reason: String,
        severity: InventoryIssue.Severity = .error
    ) {
        issues.add(row: row, field: field, at: textOffset, reason, severity: severity)
    }

    mutating func skip(_ reason: InventorySkip) {
        skipped[reason, default: 0] += 1
    }

    /// Reports the undecodable bytes before text offset `end` as warnings on `row`: the row was loaded with
    /// U+FFFD in their place. Row 0 means outside any record (a header, a skipped section).
    mutating func attributeFaults(before end: Int, row: Int) {
        guard let first = faults.first, first.outputOffset < end else { return }
        var count = 0
        for fault in faults {
            guard fault.outputOffset < end else { break }
            count += 1
            let encoding = encoding?.rawValue ?? "text"
            let issue = InventoryIssue(
                row: row, offset: fault.inputOffset,
                reason: "undecodable byte(s) \(fault.hex) in \(encoding); read as U+FFFD", severity: .warning)
            issues.pending.append(PendingIssue(issue: issue, textOffset: nil))
        }
        faults.removeFirst(count)
    }
}
