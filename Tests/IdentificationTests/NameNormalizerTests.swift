import Identification
import Testing

@Suite struct NameNormalizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var words: [String]
        var versions: [String] = []
        var architecture: String? = nil
        var update: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Mozilla Firefox 138.0.1 (x64 zh-TW)", words: ["mozilla", "firefox"], versions: ["138.0.1"],
            architecture: "x64"),
        Case(name: "Java 8 Update 381", words: ["java", "8"], update: "381"),
        Case(name: "7-Zip 23.01 (x64)", words: ["7-zip"], versions: ["23.01"], architecture: "x64"),
        Case(name: "Microsoft Office 專業增強版 2019", words: ["microsoft", "office", "2019"]),
        Case(name: "Microsoft Office 专业增强版 2019", words: ["microsoft", "office", "2019"]),
        Case(name: "福昕閱讀器 12.1", words: ["福昕阅读器"], versions: ["12.1"]),
        Case(name: "Ｍｉｃｒｏｓｏｆｔ　Ｅｄｇｅ", words: ["microsoft", "edge"]),
        Case(name: "Microsoft 365 Apps 企業版 - zh-tw", words: ["microsoft", "365", "apps"]),
        Case(name: "Notepad++ (64-bit x64)", words: ["notepad++"], architecture: "x64"),
        Case(
            name: "Adobe Reader X (10.1.0) - Chinese Simplified", words: ["adobe", "reader", "x"], versions: ["10.1.0"]),
        Case(
            name: "Adobe Acrobat  9 Standard - English, Français, Deutsch",
            words: ["adobe", "acrobat", "9", "standard"]),
        Case(name: "LINE (64 位元)", words: ["line"], architecture: "x64"),
        Case(name: "Java(TM) 6 Update 21", words: ["java", "6"], update: "21"),
        Case(name: "Mozilla Firefox (x64 ja)", words: ["mozilla", "firefox"], architecture: "x64"),
        Case(name: "Microsoft Office Word MUI (English) 2010", words: ["microsoft", "office", "word", "2010"]),
        Case(name: "趨勢科技 PC-cillin 雲端版 (繁體中文)", words: ["趋势科技", "pc-cillin", "云端版"]),
        Case(name: "Photoshop Camera Raw_x64", words: ["photoshop", "camera", "raw"], architecture: "x64"),
        Case(name: "MySQL Workbench 5.2 CE", words: ["mysql", "workbench", "ce"], versions: ["5.2"]),
    ]

    @Test(arguments: cases) func normalises(_ example: Case) {
        let name = NameNormalizer.normalize(example.name)
        #expect(name.words == example.words)
        #expect(name.versions == example.versions)
        if let architecture = example.architecture { #expect(name.architecture == architecture) }
        #expect(name.update == example.update)
    }

    @Test(arguments: [
        ("Adobe Systems Incorporated", ["adobe"]),
        ("Microsoft Corporation", ["microsoft"]),
        ("趨勢科技股份有限公司", ["趋势科技"]),
        ("訊連科技股份有限公司", ["讯连科技"]),
        ("Igor Pavlov", ["igor", "pavlov"]),
        ("Oracle Corp.", ["oracle"]),
        ("Foxit Software Inc.", ["foxit"]),
        ("LINE Corporation", ["line"]),
        ("Mozilla", ["mozilla"]),
    ])
    func publisherWords(_ publisher: String, _ expected: [String]) {
        #expect(NameNormalizer.publisherWords(publisher) == expected)
    }
}
