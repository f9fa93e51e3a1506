import VulnModel

/// Where a snapshot's assessment records lie: the table of (CVE key, offset) sorted by key, the records' own
/// string table, and the records, written in the table's order.
struct RecordSections {
    let count: Int
    let table: Int
    let records: Int
    let length: Int
    let strings: [String]

    init(skimming reader: inout ByteReader, end: Int) throws(SnapshotError) {
        count = try reader.count(minimumSize: 16)
        table = reader.offset
        try reader.skip(16 * count)
        var own = reader
        try own.readStringTable()
        strings = own.strings
        reader.offset = own.offset
        length = Int(try reader.u64())
        records = reader.offset
        guard records + length == end else {
            throw SnapshotError(offset: records, reason: "assessment records do not fit the file")
        }
    }

    private func entry(_ number: Int, _ reader: ByteReader) throws(SnapshotError) -> (key: UInt64, offset: Int) {
        let start = table + 16 * number
        let key = try reader.u64(at: start)
        let offset = Int(try reader.u64(at: start + 8))
        guard offset < max(length, 1) else {
            throw SnapshotError(offset: start + 8, reason: "assessment records do not fit the file")
        }
        return (key, offset)
    }

    /// Every record, read in place from `owner` (the whole file) when a CVE is assessed.
    func allAssessments(owner: [UInt8]) throws(SnapshotError) -> SnapshotAssessments {
        let result: Result<[(key: UInt64, offset: Int)], SnapshotError> = owner.withUnsafeBytes { buffer in
            Result { () throws(SnapshotError) in
                let reader = ByteReader(buffer)
                var entries: [(key: UInt64, offset: Int)] = []
                entries.reserveCapacity(count)
                for number in 0..<count {
                    let (key, offset) = try entry(number, reader)
                    entries.append((key, records + offset))
                }
                return entries
            }
        }
        return SnapshotAssessments(bytes: owner, strings: strings, table: try result.get())
    }

    /// The records of these CVEs (ascending), copied out of the file.
    func assessments(of cves: [CVEID], reader: ByteReader) throws(SnapshotError) -> SnapshotAssessments {
        var spans: [(key: UInt64, records: Range<Int>)] = []
        spans.reserveCapacity(cves.count)
        for cve in cves {
            let key = SnapshotAssessments.key(cve)
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                if try entry(middle, reader).key < key { low = middle + 1 } else { high = middle }
            }
            guard low < count else { continue }
            let (found, start) = try entry(low, reader)
            guard found == key else { continue }
            let end = low + 1 < count ? try entry(low + 1, reader).offset : length
            guard start <= end else {
                throw SnapshotError(offset: table + 16 * low, reason: "assessment records are out of order")
            }
            spans.append((key, records + start..<records + end))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(spans.reduce(0) { $0 + $1.records.count })
        var selected: [(key: UInt64, offset: Int)] = []
        selected.reserveCapacity(spans.count)
        for span in spans {
            selected.append((span.key, bytes.count))
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: reader.bytes[span.records]))
        }
        return SnapshotAssessments(bytes: bytes, strings: strings, table: selected)
    }
}
