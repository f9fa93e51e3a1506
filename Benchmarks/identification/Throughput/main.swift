// Identification throughput: a 1,000,000-row inventory with realistic duplication, identified in release.
//   VANS_IDENTIFY_BENCH=1 swift run -c release IdentificationBenchmark [../shared/data] [rows] [distinct]
import Foundation
import Identification
import Inventory
import Zlib

func bytes(_ path: String) throws -> [UInt8] {
    let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    return Inflate.isGzip(raw) ? try Inflate.decompress(raw) : raw
}

let arguments = CommandLine.arguments
let shared = arguments.count > 1 ? arguments[1] : "../shared/data"
let rowCount = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let distinctTarget = arguments.count > 3 ? Int(arguments[3]) ?? 20_000 : 20_000
let clock = ContinuousClock()

var start = clock.now
var builder = CPEVocabulary.Builder()
builder.add(indexCSV: try bytes("\(shared)/cpe/nvd-cve-cpe-vendor-product-index.csv.gz"))
builder.add(dictionaryXML: try bytes("\(shared)/cpe/official-cpe-dictionary_v2.3_2015-10-14.xml.gz"))
let vocabulary = builder.build()
let aliases = try AliasDictionary(jsonBytes: try bytes("Data/identification/aliases.json"))
let catalogue = try ProhibitedCatalogue(jsonBytes: try bytes("Data/identification/prohibited-catalogue.json"))
print("vocabulary: \(vocabulary.count) products, loaded in \(clock.now - start)")

// Real names: every vulnmine DisplayName and ARP sample; publishers where the source has them.
var names: [(String, String?)] = []
var reader = CSVReader(bytes: try bytes("\(shared)/inventory/vulnmine_label_software.csv.gz"))
let header = reader.next()?.fields ?? []
let nameColumn = header.firstIndex(of: "DisplayName0") ?? 0
var seen: Set<String> = []
while let record = reader.next() {
    guard record.fields.count == header.count else { continue }
    if seen.insert(record.fields[nameColumn]).inserted { names.append((record.fields[nameColumn], nil)) }
}
var arp = CSVReader(bytes: try bytes("\(shared)/inventory/windows_arp_samples.csv"))
_ = arp.next()
while let record = arp.next() {
    guard record.fields.count >= 3, !record.fields[0].isEmpty else { continue }
    if seen.insert(record.fields[0]).inserted { names.append((record.fields[0], record.fields[1])) }
}
let localised = [
    ("福昕閱讀器", "福昕軟件"), ("Microsoft Office 專業增強版 2019", "Microsoft Corporation"), ("LINE", "LINE Corporation"),
    ("Microsoft Windows 10 專業版", "Microsoft Corporation"), ("Java 8 Update 381", "Oracle Corporation"),
    ("趨勢科技 Apex One Security Agent", "趨勢科技股份有限公司"), ("自然人憑證元件", nil), ("抖音", nil), ("AnyDesk", nil),
]
names += localised

// Distinct keys: each name with a few versions; rows drawn with a Zipf-like skew (a few products on every PC,
// a long tail on few), which is what a month of agency uploads looks like.
var keys: [InventoryRecord] = []
var generator = SystemRandomNumberGenerator()
var index = 0
while keys.count < distinctTarget {
    let (name, publisher) = names[index % names.count]
    let version = "\(1 + index % 17).\(index % 5).\(index / names.count)"
    keys.append(InventoryRecord(row: 0, name: name, publisher: publisher, version: version, format: .vansCSV))
    index += 1
}
var records: [InventoryRecord] = []
records.reserveCapacity(rowCount)
for row in 0..<rowCount {
    let u = Double.random(in: 0..<1, using: &generator)
    let pick = min(keys.count - 1, Int(Double(keys.count) * u * u * u))
    var record = keys[pick]
    record.row = row + 1
    record.host = "host-\(row / 150)"
    records.append(record)
}
print("inventory: \(records.count) rows, \(keys.count) distinct keys from \(names.count) real names")

let identifier = InventoryIdentifier(
    identifier: SoftwareIdentifier(vocabulary: vocabulary, aliases: aliases),
    checker: ProhibitedChecker(catalogue: catalogue))
start = clock.now
let (rows, report) = identifier.identify(records)
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("identified \(rows.count) rows (\(report.distinctKeys) distinct keys) in \(elapsed)")
print("throughput: \(Int(Double(rows.count) / seconds)) rows/s")
print("converted \(report.converted), failed \(report.failedRows): \(report.failed.sorted { $0.key < $1.key })")
print("prohibited rows \(report.prohibitedRows): \(report.prohibitedByCategory.sorted { $0.key < $1.key })")
