import Governance
import Identification

extension ProhibitedCategory {
    /// The category's name for people (DOMAIN.md §2.5), in the page's language.
    func label(_ language: Language) -> String {
        switch self {
        case .mainlandBrandHardware: language.pick("大陸廠牌資通訊設備", "Mainland-brand hardware")
        case .mainlandBrandSoftware: language.pick("大陸廠牌軟體", "Mainland-brand software")
        case .mainlandServiceApp: language.pick("大陸地區服務應用程式", "Mainland service app")
        case .genAIService: language.pick("生成式 AI 服務", "Generative AI service")
        case .nonOfficialSoftware: language.pick("非公務用軟體", "Non-official software")
        case .externalNetworkDevice: language.pick("外接網路設備", "External network device")
        case .remoteAccessTool: language.pick("遠端存取工具", "Remote access tool")
        case .p2p: language.pick("點對點（P2P）軟體", "Peer-to-peer software")
        case .otherConcern: language.pick("其他危害疑慮", "Other concern")
        }
    }
}

extension RegisteredProduct.CompensatingMeasure {
    /// The measure as DOMAIN.md §2.4 item 3 words it, in the page's language.
    func label(_ language: Language) -> String {
        switch self {
        case .standAloneNoData: language.pick("單機使用且無個資與公務資料", "Stand-alone, no personal or official data")
        case .strongPasswordsNoRemoteMaintenance: language.pick("強密碼且不得遠端維護", "Strong passwords, no remote maintenance")
        case .staticScreenOnDefacement: language.pick("遭竄改即切換靜態畫面或關機", "Static screen or power off if defaced")
        case .noPersistentConnectivity: language.pick("硬體層級停用連網功能", "No persistent connectivity (disabled in hardware)")
        case .noRepurchaseAfterEndOfLife: language.pick("汰換後不再採購同類產品", "No repurchase after end of life")
        case .annualInternalAudit: language.pick("納入年度內部稽核", "Included in the annual internal audit")
        }
    }
}
