import CPE
import Foundation
import Identification
import Inventory
import TestSupport

/// The accuracy evaluation of Benchmarks/identification/README.md, on the real labelled data:
///
/// - **vulnmine**: each distinct SCCM DisplayName0 of `vulnmine_label_software.csv.gz` with its first Version0.
///   Names with a positive label: our top-1 `vendor:product` is correct if it is one of the labelled positive
///   pairs, wrong if it is another, a miss if we answer nothing. Names with only negative labels: the labels
///   are on whole CPEs (with version), so a negative says "not this CPE", not "not this product"; we are wrong
///   if our CPE (vendor, product, version, update) is one labelled negative; otherwise (an abstention, or a CPE
///   the labellers never saw) not counted as wrong, and listed for review.
/// - **arp**: rows of `windows_arp_samples.csv` with a `labelled_cpe` (CPE 2.2 URI): the same rule on
///   `vendor:product`.
///
/// Precision = correct / (correct + wrong); recall = correct / names with a positive label.
struct AccuracyEvaluation {
    struct Outcome {
        var source: String
        var name: String
        var version: String?
        var answer: String?
        var confidence: Double
        var reason: String
        var labelled: Set<String>
        /// CPEs (vendor:product:version[:update], unescaped) labelled as not matching the name.
        var negatives: Set<String>
        var verdict: Verdict
    }

    enum Verdict: String {
        case correct, wrong, miss, abstained, unlabelled
        /// Wrong by the labels, but the labels contradict themselves: our CPE is labelled negative for this name
        /// while the same vendor:product is labelled positive for another name of the file (e.g. VirtualBox 4.3.0
        /// positive, 4.0.4 negative). Counted wrong in the strict figures, excluded in the consistent ones.
        case labelConflict = "label_conflict"
    }

    var outcomes: [Outcome] = []

    func counts(_ source: String) -> (correct: Int, wrong: Int, miss: Int, positives: Int) {
        let rows = outcomes.filter { $0.source == source }
        let correct = rows.count { $0.verdict == .correct }
        let wrong = rows.count { $0.verdict == .wrong }
        let miss = rows.count { $0.verdict == .miss }
        return (correct, wrong, miss, rows.count { !$0.labelled.isEmpty })
    }

    /// Strict: label conflicts count as wrong. Consistent: they are left out.
    func precision(_ source: String, strict: Bool = true) -> Double {
        let c = counts(source)
        let conflicts = outcomes.count { $0.source == source && $0.verdict == .labelConflict }
        let wrong = c.wrong + (strict ? conflicts : 0)
        return c.correct + wrong == 0 ? 1 : Double(c.correct) / Double(c.correct + wrong)
    }

    func recall(_ source: String) -> Double {
        let c = counts(source)
        return c.positives == 0 ? 1 : Double(c.correct) / Double(c.positives)
    }

    static func run(_ identifier: SoftwareIdentifier) throws -> AccuracyEvaluation {
        var evaluation = AccuracyEvaluation()
        // vulnmine: group the pairs by DisplayName.
        let software = try SharedData.bytes("inventory/vulnmine_label_software.csv.gz")
        var reader = CSVReader(bytes: software)
        guard let header = reader.next()?.fields else { return evaluation }
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        let (nameColumn, versionColumn, vendorColumn, productColumn, matchColumn, uriColumn) = (
            column("DisplayName0"), column("Version0"), column("vendor_X"), column("software_X"), column("match"),
            column("t_cve_name")
        )
        var order: [String] = []
        var versions: [String: String] = [:]
        var positives: [String: Set<String>] = [:]
        var negatives: [String: Set<String>] = [:]
        while let record = reader.next() {
            let fields = record.fields
            guard fields.count == header.count else { continue }
            let name = fields[nameColumn]
            if versions[name] == nil {
                order.append(name)
                versions[name] = fields[versionColumn]
            }
            let pair = Self.unescape("\(fields[vendorColumn]):\(fields[productColumn])")
            if fields[matchColumn] == "1" {
                positives[name, default: []].insert(pair)
            } else if let cpe = try? CPEName(uri: fields[uriColumn]) {
                negatives[name, default: []].insert(Self.cpeKey(cpe))
            }
        }
        let positiveProducts = Set(positives.values.flatMap { $0 })
        for name in order {
            let resolution = identifier.identify(name: name, version: versions[name])
            evaluation.add(
                "vulnmine", name, versions[name], resolution, labelled: positives[name] ?? [],
                negatives: negatives[name] ?? [], positiveElsewhere: positiveProducts)
        }
        // Windows ARP samples with a labelled CPE.
        let arp = try SharedData.bytes("inventory/windows_arp_samples.csv")
        var arpReader = CSVReader(bytes: arp)
        guard let arpHeader = arpReader.next()?.fields else { return evaluation }
        func arpColumn(_ name: String) -> Int { arpHeader.firstIndex(of: name) ?? 0 }
        while let record = arpReader.next() {
            let fields = record.fields
            guard fields.count == arpHeader.count else { continue }
            let label = fields[arpColumn("labelled_cpe")]
            let name = fields[arpColumn("display_name")]
            guard !label.isEmpty, !name.isEmpty else { continue }
            let parts = label.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 4 else { continue }
            let pair = "\(parts[2]):\(parts[3].replacingOccurrences(of: "%2f", with: "/"))".lowercased()
            let publisher = fields[arpColumn("publisher")]
            let version = fields[arpColumn("display_version")]
            let resolution = identifier.identify(
                name: name, publisher: publisher.isEmpty ? nil : publisher, version: version)
            evaluation.add("arp", name, version, resolution, labelled: [pair], negatives: [])
        }
        return evaluation
    }

    mutating func add(
        _ source: String, _ name: String, _ version: String?, _ resolution: Resolution, labelled: Set<String>,
        negatives: Set<String>, positiveElsewhere: Set<String> = []
    ) {
        var answer: String?
        if let cpe = resolution.cpe, let vendor = cpe[.vendor].logical, let product = cpe[.product].logical {
            answer = "\(vendor):\(product)"
        }
        let verdict: Verdict
        switch (answer, labelled.isEmpty) {
        case (nil, false): verdict = .miss
        case (nil, true): verdict = .abstained
        case (let answer?, false): verdict = labelled.contains(answer) ? .correct : .wrong
        case (let answer?, true):
            if resolution.cpe.map({ negatives.contains(Self.cpeKey($0)) }) == true {
                verdict = positiveElsewhere.contains(answer) ? .labelConflict : .wrong
            } else {
                verdict = .unlabelled
            }
        }
        outcomes.append(
            Outcome(
                source: source, name: name, version: version, answer: answer, confidence: resolution.confidence,
                reason: resolution.failure.map { "\($0.rawValue): \(resolution.reason)" } ?? resolution.reason,
                labelled: labelled, negatives: negatives, verdict: verdict))
    }

    /// `vendor:product:version[:update]` in logical text, the way both sides are compared.
    static func cpeKey(_ cpe: CPEName) -> String {
        var fields = [cpe[.vendor], cpe[.product], cpe[.version]].map { $0.logical ?? "" }
        if let update = cpe[.update].logical { fields.append(update) }
        return fields.joined(separator: ":").lowercased()
    }

    static func unescape(_ text: String) -> String { text.replacingOccurrences(of: "\\", with: "") }

    /// One TSV line per name, for Benchmarks/identification/evaluate.py and for review.
    func tsv() -> String {
        var lines = ["source\tname\tversion\tanswer\tconfidence\tverdict\tlabelled\treason"]
        for outcome in outcomes {
            let fields = [
                outcome.source, outcome.name, outcome.version ?? "", outcome.answer ?? "",
                String(format: "%.3f", outcome.confidence), outcome.verdict.rawValue,
                outcome.labelled.sorted().joined(separator: " "), outcome.reason,
            ]
            lines.append(fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
