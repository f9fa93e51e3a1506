import AppCore
import ArgumentParser
import Identification
import Inventory
import JSON

/// Writes one record per inventory row: `row`, `host`, `name`, `publisher`, `version`, `cpe`, `confidence`,
/// `reason`, `alternates`, `failure`, `prohibited`. Everything but the row number and host depends only on the
/// row's key, so it is rendered once per distinct key and copied per row: a million rows write in well under
/// a second.
struct IdentificationWriter {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// A JSON array, one object per line.
        case json
        /// CSV with a header; alternates as `part:vendor:product=score` joined by `;`.
        case csv
    }

    let format: Format
    /// Alternates shown per row: enough for a reviewer to see what was weighed.
    static let alternateLimit = 5
    private let chunk = 1 << 20

    static let csvHeader = [
        "row", "host", "name", "publisher", "version", "cpe", "confidence", "reason", "alternates", "failure",
        "prohibited_category", "prohibited_entry",
    ]

    func write(
        _ digest: InventoryDigest, answers: [RowIdentification], to sink: OutputSink
    ) throws(CommandFailure) {
        switch format {
        case .json: try writeJSON(digest, answers, to: sink)
        case .csv: try writeCSV(digest, answers, to: sink)
        }
    }

    private func writeJSON(
        _ digest: InventoryDigest, _ answers: [RowIdentification], to sink: OutputSink
    ) throws(CommandFailure) {
        // `"name":…}` per key and `"…"`/`null` per host, spliced after `{"row":N,"host":`.
        let tails = zip(digest.keys, answers).map { record, answer in Array(Self.jsonTail(record, answer).dropFirst()) }
        let hosts = digest.hosts.map { host in
            var writer = JSONWriter()
            writer.string(host)
            return writer.take()
        }
        var buffer: [UInt8] = Array("[".utf8)
        buffer.reserveCapacity(chunk * 2)
        for (position, row) in digest.rows.enumerated() {
            buffer.append(contentsOf: position == 0 ? Array("\n{\"row\":".utf8) : Array(",\n{\"row\":".utf8))
            buffer.append(contentsOf: String(row.row).utf8)
            buffer.append(contentsOf: ",\"host\":".utf8)
            if row.host < 0 {
                buffer.append(contentsOf: "null".utf8)
            } else {
                buffer.append(contentsOf: hosts[Int(row.host)])
            }
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: tails[Int(row.key)])
            if buffer.count >= chunk {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: "\n]\n".utf8)
        try sink.write(buffer)
    }

    /// The object for one key, without row and host: `{"name":…,"prohibited":…}`.
    static func jsonTail(_ record: InventoryRecord, _ answer: RowIdentification) -> [UInt8] {
        let resolution = answer.resolution
        var writer = JSONWriter()
        writer.beginObject()
        func optional(_ key: String, _ value: String?) {
            writer.key(key)
            if let value { writer.string(value) } else { writer.null() }
        }
        optional("name", record.name)
        optional("publisher", record.publisher)
        optional("version", record.version)
        optional("cpe", resolution.cpe?.formattedString)
        writer.key("confidence")
        writer.number(rounded(resolution.confidence))
        writer.key("reason")
        writer.string(resolution.reason)
        writer.key("alternates")
        writer.beginArray()
        for candidate in resolution.alternates.prefix(alternateLimit) {
            writer.beginObject()
            writer.key("product")
            writer.string(candidate.product.description)
            writer.key("score")
            writer.number(rounded(candidate.score))
            writer.endObject()
        }
        writer.endArray()
        optional("failure", resolution.failure?.rawValue)
        writer.key("prohibited")
        if let hit = answer.prohibited.first {
            writer.beginObject()
            writer.key("category")
            writer.string(hit.category.rawValue)
            writer.key("entry")
            writer.string(hit.entryID)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.endObject()
        return writer.take()
    }

    private func writeCSV(
        _ digest: InventoryDigest, _ answers: [RowIdentification], to sink: OutputSink
    ) throws(CommandFailure) {
        let tails = zip(digest.keys, answers).map { record, answer in Array(Self.csvTail(record, answer).utf8) }
        let hosts = digest.hosts.map { Array(FindingFormatter.csvField($0).utf8) }
        var buffer = Array((Self.csvHeader.joined(separator: ",") + "\n").utf8)
        buffer.reserveCapacity(chunk * 2)
        for row in digest.rows {
            buffer.append(contentsOf: String(row.row).utf8)
            buffer.append(UInt8(ascii: ","))
            if row.host >= 0 { buffer.append(contentsOf: hosts[Int(row.host)]) }
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: tails[Int(row.key)])
            if buffer.count >= chunk {
                try sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(buffer)
    }

    /// The CSV fields after row and host, with the line end.
    static func csvTail(_ record: InventoryRecord, _ answer: RowIdentification) -> String {
        let resolution = answer.resolution
        let hit = answer.prohibited.first
        let fields = [
            record.name, record.publisher ?? "", record.version ?? "", resolution.cpe?.formattedString ?? "",
            "\(rounded(resolution.confidence))", resolution.reason,
            resolution.alternates.prefix(alternateLimit).map { "\($0.product)=\(rounded($0.score))" }
                .joined(separator: ";"),
            resolution.failure?.rawValue ?? "", hit?.category.rawValue ?? "", hit?.entryID ?? "",
        ]
        return fields.map(FindingFormatter.csvField).joined(separator: ",") + "\n"
    }

    static func rounded(_ value: Double) -> Double { (min(1, max(0, value)) * 1_000).rounded() / 1_000 }
}
