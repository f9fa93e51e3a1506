/// The 22 municipalities, cities and counties (直轄市、市、縣) whose governments supervise local agencies.
/// Raw values are the official Chinese names, as DOMAIN.md §5.2 and agency data write them.
public enum LocalGovernment: String, Hashable, Sendable, CaseIterable, Comparable {
    case taipei = "臺北市"
    case newTaipei = "新北市"
    case taoyuan = "桃園市"
    case taichung = "臺中市"
    case tainan = "臺南市"
    case kaohsiung = "高雄市"
    case keelung = "基隆市"
    case hsinchuCity = "新竹市"
    case chiayiCity = "嘉義市"
    case hsinchuCounty = "新竹縣"
    case miaoli = "苗栗縣"
    case changhua = "彰化縣"
    case nantou = "南投縣"
    case yunlin = "雲林縣"
    case chiayiCounty = "嘉義縣"
    case pingtung = "屏東縣"
    case yilan = "宜蘭縣"
    case hualien = "花蓮縣"
    case taitung = "臺東縣"
    case penghu = "澎湖縣"
    case kinmen = "金門縣"
    case lienchiang = "連江縣"

    public enum Kind: String, Hashable, Sendable {
        case municipality
        case city
        case county
    }

    /// Accepts the official name and the common 台 spelling of 臺 (台北市, 台中市, 台南市, 台東縣).
    public init?(name: String) {
        let official = String(name.map { $0 == "台" ? "臺" : $0 })
        guard let government = LocalGovernment(rawValue: official) else { return nil }
        self = government
    }

    public var nameZh: String { rawValue }

    public var nameEn: String {
        switch self {
        case .taipei: "Taipei City"
        case .newTaipei: "New Taipei City"
        case .taoyuan: "Taoyuan City"
        case .taichung: "Taichung City"
        case .tainan: "Tainan City"
        case .kaohsiung: "Kaohsiung City"
        case .keelung: "Keelung City"
        case .hsinchuCity: "Hsinchu City"
        case .chiayiCity: "Chiayi City"
        case .hsinchuCounty: "Hsinchu County"
        case .miaoli: "Miaoli County"
        case .changhua: "Changhua County"
        case .nantou: "Nantou County"
        case .yunlin: "Yunlin County"
        case .chiayiCounty: "Chiayi County"
        case .pingtung: "Pingtung County"
        case .yilan: "Yilan County"
        case .hualien: "Hualien County"
        case .taitung: "Taitung County"
        case .penghu: "Penghu County"
        case .kinmen: "Kinmen County"
        case .lienchiang: "Lienchiang County"
        }
    }

    public var kind: Kind {
        switch self {
        case .taipei, .newTaipei, .taoyuan, .taichung, .tainan, .kaohsiung: .municipality
        case .keelung, .hsinchuCity, .chiayiCity: .city
        default: .county
        }
    }

    /// The region group of DOMAIN.md §5.2 (Table 8) this government belongs to.
    public var regionGroup: RegionGroup {
        // Every government is in exactly one group; the tests check the table's partition.
        RegionGroup.allCases.first { $0.members.contains(self) } ?? .taipei
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
