/// The six region groups for joint sub-plans and supervisory visits (DOMAIN.md §5.2, Table 8), each led by a
/// municipality. Numbered 1–6 as the table numbers them.
public enum RegionGroup: Int, Hashable, Sendable, CaseIterable, Comparable {
    case taipei = 1
    case newTaipei = 2
    case taoyuan = 3
    case taichung = 4
    case tainan = 5
    case kaohsiung = 6

    public var lead: LocalGovernment {
        switch self {
        case .taipei: .taipei
        case .newTaipei: .newTaipei
        case .taoyuan: .taoyuan
        case .taichung: .taichung
        case .tainan: .tainan
        case .kaohsiung: .kaohsiung
        }
    }

    /// The covered governments, lead first, in the table's order.
    public var members: [LocalGovernment] {
        switch self {
        case .taipei: [.taipei, .hualien, .kinmen, .lienchiang]
        case .newTaipei: [.newTaipei, .keelung, .yilan]
        case .taoyuan: [.taoyuan, .hsinchuCounty, .hsinchuCity, .miaoli]
        case .taichung: [.taichung, .changhua, .nantou]
        case .tainan: [.tainan, .yunlin, .chiayiCounty, .chiayiCity]
        case .kaohsiung: [.kaohsiung, .pingtung, .taitung, .penghu]
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
