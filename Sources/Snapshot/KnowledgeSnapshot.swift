import Matching
import VulnModel
import Zlib

/// A prepared knowledge base in one file: the compiled match index and, per indexed CVE, the facts for its
/// assessment. Building it from the feeds takes seconds; loading it takes a fraction of that, which is what
/// a matching run against a national inventory (or a restarting service) needs.
///
/// Layout: magic, format version, CRC-32 of the body, body length, body. The body holds the source documents,
/// the string table, the index section, and the assessment records with their lookup table.
public enum KnowledgeSnapshot {
    static let magic = Array("OPENVANS-KB\n".utf8)
    static let formatVersion: UInt32 = 7

    /// What a snapshot holds, ready to match with.
    public struct Contents: Sendable {
        public let index: MatchIndex
        public let assessments: SnapshotAssessments
        public let documents: [DocumentSummary]
    }

    public static func encode(knowledgeBase: KnowledgeBase, index: MatchIndex) -> [UInt8] {
        var body = ByteWriter()
        index.encode(into: &body)
        // Records have a string table of their own, so that a selective load reads them without the index's table.
        var records = ByteWriter()
        var table: [(key: UInt64, offset: Int)] = []
        for cve in index.cves.map(\.id).sorted() {
            table.append((SnapshotAssessments.key(cve), records.bytes.count))
            CVEFacts(knowledgeBase, cve: cve).encode(into: &records)
        }
        var head = ByteWriter()
        head.count(knowledgeBase.documents.count)
        for document in knowledgeBase.documents {
            head.string(document.document)
            head.string(document.kind.rawValue)
            head.count(document.records)
            head.count(document.kevEntries)
            head.count(document.epssScores)
            head.count(document.diagnostics)
            head.optionalString(document.version)
        }
        head.stringTable(body.stringTable)
        head.append(body.bytes)
        head.count(table.count)
        for entry in table {
            head.u64(entry.key)
            head.u64(UInt64(entry.offset))
        }
        head.stringTable(records.stringTable)
        head.u64(UInt64(records.bytes.count))
        head.append(records.bytes)

        var file = ByteWriter()
        file.append(magic)
        file.u32(formatVersion)
        file.u32(Checksum.crc32(head.bytes))
        file.u64(UInt64(head.bytes.count))
        file.append(head.bytes)
        return file.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(SnapshotError) -> Contents {
        let result: Result<Contents, SnapshotError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(SnapshotError) in try decode(buffer, owner: bytes) }
        }
        return try result.get()
    }

    /// Only what matching rows that reach this part of the index (`Matcher.reach(of:)`) needs: the criteria they
    /// can hit, the wildcard criteria, and every CVE in which one of them is vulnerable (with all of its
    /// configurations). Reads a few thousand records of the file where they lie, so a small inventory does not pay
    /// for the whole knowledge base. The index is copied out; assessment records are read in place when a CVE is
    /// assessed, from `buffer`, which `owner` must keep valid while the contents live (a mapped file). The body's
    /// checksum is not verified (that would read every byte); every position read is bounds-checked.
    package static func decode(
        _ buffer: UnsafeRawBufferPointer, reach: ProductReach, owner: any AnyObject & Sendable
    ) throws(SnapshotError) -> Contents {
        var reader = try header(buffer, verify: false)
        let documents = try decodeDocuments(&reader)
        try reader.readStringTable(lazily: true)
        let sections = try IndexSections(skimming: &reader)
        let index = try MatchIndex.select(reach: reach, sections: sections, reader: reader)
        let records = try RecordSections(skimming: &reader, end: buffer.count)
        return Contents(
            index: index,
            assessments: SnapshotAssessments(storage: .buffer(buffer, owner: owner), sections: records),
            documents: documents
        )
    }

    private static func header(_ buffer: UnsafeRawBufferPointer, verify: Bool) throws(SnapshotError) -> ByteReader {
        guard buffer.count >= magic.count + 16, Array(buffer.prefix(magic.count)) == magic else {
            throw SnapshotError(offset: 0, reason: "not an OpenVANS knowledge snapshot")
        }
        var reader = ByteReader(buffer, offset: magic.count)
        let version = try reader.u32()
        guard version == formatVersion else {
            throw SnapshotError(
                offset: magic.count,
                reason: "format version \(version), this build reads \(formatVersion): "
                    + "make the snapshot again with `vans feeds snapshot`"
            )
        }
        let checksum = try reader.u32()
        let length = try reader.length()
        let bodyStart = reader.offset
        guard length == buffer.count - bodyStart else {
            throw SnapshotError(
                offset: bodyStart, reason: "body is \(buffer.count - bodyStart) bytes, header says \(length)")
        }
        guard !verify || Checksum.crc32(UnsafeRawBufferPointer(rebasing: buffer[bodyStart...])) == checksum else {
            throw SnapshotError(offset: bodyStart, reason: "checksum mismatch: the file is corrupt")
        }
        return reader
    }

    private static func decodeDocuments(_ reader: inout ByteReader) throws(SnapshotError) -> [DocumentSummary] {
        var documents: [DocumentSummary] = []
        for _ in 0..<(try reader.count(minimumSize: 24)) {
            let name = try reader.string()
            let kindOffset = reader.offset
            guard let kind = FeedKind(rawValue: try reader.string()) else {
                throw SnapshotError(offset: kindOffset, reason: "unknown feed kind")
            }
            documents.append(
                DocumentSummary(
                    document: name,
                    kind: kind,
                    records: try reader.count(minimumSize: 0),
                    kevEntries: try reader.count(minimumSize: 0),
                    epssScores: try reader.count(minimumSize: 0),
                    diagnostics: try reader.count(minimumSize: 0),
                    version: try reader.optionalString()
                )
            )
        }
        return documents
    }

    private static func decode(_ buffer: UnsafeRawBufferPointer, owner: [UInt8]) throws(SnapshotError) -> Contents {
        var reader = try header(buffer, verify: true)
        let documents = try decodeDocuments(&reader)
        try reader.readStringTable()
        let index = try MatchIndex(decoding: &reader)
        let records = try RecordSections(skimming: &reader, end: buffer.count)
        return Contents(
            index: index, assessments: SnapshotAssessments(storage: .array(owner), sections: records),
            documents: documents)
    }
}
