import Governance
import VulnModel

/// A seeded generator, so that a run can be repeated exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A product's versions from oldest to newest; hosts only move up the ladder (an upgrade fixes what the older
/// version had). The CVE counts in the comments are the bundled sample feeds' high-risk findings per version.
struct Ladder: Sendable {
    var prefix: String
    var versions: [String]
    var suffix: String

    func cpe(_ step: Int) -> String { "cpe:2.3:\(prefix):\(versions[step]):\(suffix)" }

    static let apache = Ladder(
        prefix: "a:apache:http_server", versions: ["2.4.49", "2.4.57", "2.4.62"], suffix: "*:*:*:*:*:*:*")  // 4, 3, 0
    static let openssl = Ladder(
        prefix: "a:openssl:openssl", versions: ["1.1.1k", "3.0.13", "3.0.15"], suffix: "*:*:*:*:*:*:*")  // 3, 2, 0
    static let sevenZip = Ladder(
        // High-risk findings per version in the sample feeds: 1, 1, 1, 0, 0.
        prefix: "a:7-zip:7-zip", versions: ["19.00", "21.07", "22.01", "23.01", "24.09"], suffix: "*:*:*:*:*:*:*")
    static let windows = Ladder(
        prefix: "o:microsoft:windows_10_22h2", versions: ["10.0.19045.4291", "10.0.19045.5011"],
        suffix: "*:*:*:*:*:x64:*")  // 183, 1
    static let acrobat = Ladder(
        prefix: "a:adobe:acrobat_reader_dc", versions: ["23.006.20320", "23.008.20470", "24.001.20604"],
        suffix: "*:*:*:continuous:*:*:*")  // 28, 28, 22
    static let notepad = Ladder(
        prefix: "a:notepad-plus-plus:notepad\\+\\+", versions: ["8.5.6", "8.6.9"], suffix: "*:*:*:*:*:*:*")  // 0, 0
    // High-risk findings per version in the sample feeds: 41, 7.
    static let firefox = Ladder(prefix: "a:mozilla:firefox", versions: ["125.0", "130.0"], suffix: "*:*:*:*:*:*:*")
}

struct Host: Sendable {
    var name: String
    /// (ladder, step) per installed product.
    var items: [(Ladder, Int)]
}

/// One simulated agency: its hosts, and how it behaves (a third are late or miss months).
struct SimulatedAgency: Sendable {
    var agency: Agency
    var hosts: [Host]
    var nextHost: Int
    var sloppy: Bool

    mutating func addHost(server: Bool, browser: Bool, using rng: inout SplitMix64) {
        nextHost += 1
        let name = (server ? "srv-" : "pc-") + String(nextHost)
        var items: [(Ladder, Int)]
        if server {
            items = [
                (.apache, Int.random(in: 0...1, using: &rng)), (.openssl, Int.random(in: 0...1, using: &rng)),
                (.sevenZip, Int.random(in: 0...3, using: &rng)),
            ]
        } else {
            items = [
                (.windows, Int.random(in: 0..<10, using: &rng) == 0 ? 0 : 1),
                (.acrobat, Int.random(in: 0...2, using: &rng)), (.notepad, 0),
                (.sevenZip, Int.random(in: 0...4, using: &rng)),
            ]
            if browser { items.append((.firefox, 0)) }
        }
        hosts.append(Host(name: name, items: items))
    }

    /// A month of ordinary life: some hosts upgrade a product, a few are added or retired.
    mutating func churn(using rng: inout SplitMix64) {
        for index in hosts.indices where Double.random(in: 0..<1, using: &rng) < 0.25 {
            let upgradable = hosts[index].items.indices.filter {
                hosts[index].items[$0].1 < hosts[index].items[$0].0.versions.count - 1
            }
            if let item = upgradable.randomElement(using: &rng) { hosts[index].items[item].1 += 1 }
        }
        if hosts.count > 3, Double.random(in: 0..<1, using: &rng) < 0.05 {
            hosts.remove(at: Int.random(in: 0..<hosts.count, using: &rng))
        }
        if Double.random(in: 0..<1, using: &rng) < 0.15 {
            addHost(server: Bool.random(using: &rng), browser: false, using: &rng)
        }
    }

    /// The month's inventory as the `host,cpe` CSV an agency's tooling would send.
    func inventory() -> [UInt8] {
        var text = "host,cpe\n"
        for host in hosts {
            for (ladder, step) in host.items { text += "\(host.name),\(ladder.cpe(step))\n" }
        }
        return Array(text.utf8)
    }
}

enum World {
    /// `count` agencies under a few ministries and county governments (escalations go to them, then the nation);
    /// levels A–C so that every one must upload (R22).
    static func make(count: Int, using rng: inout SplitMix64) throws -> [SimulatedAgency] {
        let start = Day(year: 2024, month: 1, day: 1) ?? Day(daysSinceEpoch: 0)
        let levels: [SecurityLevel] = [.a, .b, .b, .c, .c, .c]
        let counties = LocalGovernment.allCases
        var supervisors: [Agency] = []
        for index in 0..<8 {
            supervisors.append(
                Agency(
                    id: try Agency.ID("2.16.886.101.9\(index)"), nameZh: "主管機關\(index)", nameEn: "Ministry \(index)",
                    tier: .central, supervisor: .nation,
                    levels: try LevelHistory([LevelAssignment(level: .a, effective: start)])))
        }
        var agencies = supervisors.map { SimulatedAgency(agency: $0, hosts: [], nextHost: 0, sloppy: false) }
        for index in 0..<max(0, count - supervisors.count) {
            let level = levels[index % levels.count]
            let county = counties[index % counties.count]
            let agency = Agency(
                id: try Agency.ID("2.16.886.101.\(20_000 + index)"), nameZh: "\(county.rawValue)機關\(index)",
                nameEn: "Agency \(index)", tier: .countyCity, localGovernment: county,
                supervisor: .agency(supervisors[index % supervisors.count].id),
                levels: try LevelHistory([LevelAssignment(level: level, effective: start)]))
            agencies.append(SimulatedAgency(agency: agency, hosts: [], nextHost: 0, sloppy: index % 3 == 0))
        }
        for index in agencies.indices {
            for _ in 0..<(2 + Int.random(in: 0...4, using: &rng)) {
                agencies[index].addHost(server: true, browser: false, using: &rng)
            }
            let pcs = 2 + Int.random(in: 0...8, using: &rng)
            for pc in 0..<pcs {
                agencies[index].addHost(server: false, browser: pc == 0 && index % 3 == 1, using: &rng)
            }
        }
        return agencies
    }
}
