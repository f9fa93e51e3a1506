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
    static let formatVersion: UInt32 = 6

    /// What a snapshot holds, ready to match with.
    public struct Contents: Sendable {
        public let index: MatchIndex
        public let assessments: SnapshotAssessments
        public let documents: [DocumentSummary]
    }

    public static func encode(knowledgeBase: KnowledgeBase, index: MatchIndex) -> [UInt8] {
        var body = ByteWriter()
        index.encode(into: &body)
        // Records share the body's string table, so `body` writes them and they are split off afterwards.
        let indexLength = body.bytes.count
        var table: [(key: UInt64, offset: Int)] = []
        for cve in index.cves.map(\.id).sorted() {
            table.append((SnapshotAssessments.key(cve), body.bytes.count - indexLength))
            CVEFacts(knowledgeBase, cve: cve).encode(into: &body)
        }
        let records = Array(body.bytes[indexLength...])
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
        head.count(body.stringTable.count)
        for string in body.stringTable { head.string(string) }
        head.append(Array(body.bytes[..<indexLength]))
        head.count(table.count)
        for entry in table {
            head.u64(entry.key)
            head.u64(UInt64(entry.offset))
        }
        head.u64(UInt64(records.count))
        head.append(records)

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

    private static func decode(_ buffer: UnsafeRawBufferPointer, owner: [UInt8]) throws(SnapshotError) -> Contents {
        guard buffer.count >= magic.count + 16, Array(buffer.prefix(magic.count)) == magic else {
            throw SnapshotError(offset: 0, reason: "not an OpenVANS knowledge snapshot")
        }
        var reader = ByteReader(buffer, offset: magic.count)
        let version = try reader.u32()
        guard version == formatVersion else {
            throw SnapshotError(
                offset: magic.count, reason: "format version \(version), this build reads \(formatVersion)")
        }
        let checksum = try reader.u32()
        let length = Int(try reader.u64())
        let bodyStart = reader.offset
        guard length == buffer.count - bodyStart else {
            throw SnapshotError(
                offset: bodyStart, reason: "body is \(buffer.count - bodyStart) bytes, header says \(length)")
        }
        guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: buffer[bodyStart...])) == checksum else {
            throw SnapshotError(offset: bodyStart, reason: "checksum mismatch: the file is corrupt")
        }
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
        try reader.readStringTable()
        let index = try MatchIndex(decoding: &reader)
        var table: [(key: UInt64, offset: Int)] = []
        let total = try reader.count(minimumSize: 16)
        table.reserveCapacity(total)
        for _ in 0..<total { table.append((try reader.u64(), Int(try reader.u64()))) }
        let recordsLength = Int(try reader.u64())
        let recordsStart = reader.offset
        guard recordsStart + recordsLength == buffer.count,
            table.allSatisfy({ $0.offset < max(recordsLength, 1) })
        else { throw SnapshotError(offset: recordsStart, reason: "assessment records do not fit the file") }
        return Contents(
            index: index,
            assessments: SnapshotAssessments(
                bytes: owner,
                strings: reader.strings,
                table: table.map { ($0.key, recordsStart + $0.offset) }
            ),
            documents: documents
        )
    }
}
