import JSON
import VulnModel

/// FIRST EPSS scores as CSV: an optional `#model_version:…,score_date:…` line (kept as the batch version),
/// a header naming `cve`, `epss` and `percentile` in any order, then one row per CVE.
enum EPSSDecoder {
    static let provider = "FIRST"

    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, context: DecodingContext) {
        let provenance = context.provenance(.epss, provider: provider)
        var columns: (cve: Int, epss: Int, percentile: Int)?
        var lines = JSONLines(buffer)
        context.epss.reserveCapacity(buffer.count / 30)
        while let line = lines.next() {
            let fields = split(buffer, line.range)
            if buffer[line.range.lowerBound] == UInt8(ascii: "#") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[line.range]), as: UTF8.self)
                context.version = String(text.dropFirst())
                continue
            }
            guard let known = columns else {
                let names = fields.map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self) }
                guard let cve = names.firstIndex(of: "cve"), let epss = names.firstIndex(of: "epss"),
                    let percentile = names.firstIndex(of: "percentile")
                else {
                    context.diagnose(
                        .invalidLine, offset: line.range.lowerBound,
                        "line \(line.number): expected the header cve,epss,percentile")
                    return
                }
                columns = (cve, epss, percentile)
                continue
            }
            guard fields.count > max(known.cve, known.epss, known.percentile),
                let id = CVEID(
                    String(decoding: UnsafeBufferPointer(rebasing: buffer[fields[known.cve]]), as: UTF8.self)),
                let probability = number(buffer, fields[known.epss]),
                let percentile = number(buffer, fields[known.percentile])
            else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[line.range]), as: UTF8.self)
                context.diagnose(.invalidLine, offset: line.range.lowerBound, "line \(line.number): \(text.prefix(80))")
                continue
            }
            context.epss.append(
                EPSSScore(cve: id, probability: probability, percentile: percentile, provenance: provenance))
        }
    }

    private static func split(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where buffer[index] == UInt8(ascii: ",") {
            fields.append(start..<index)
            start = index + 1
        }
        fields.append(start..<range.upperBound)
        return fields
    }

    /// A probability in 0…1 written as a plain decimal (the JSON number grammar covers FIRST's forms).
    private static func number(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var reader = JSONReader(buffer, range: range)
        guard let value = try? reader.readDouble(), reader.isAtEnd(), (0...1).contains(value) else { return nil }
        return value
    }
}
