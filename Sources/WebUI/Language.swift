/// The pages' language: Traditional Chinese (Taiwan) by default, English on request (DOMAIN: zh-TW first).
public enum Language: String, Sendable, CaseIterable {
    case zhTW = "zh-TW"
    case en

    /// `?lang=` wins, then the `lang` cookie the switcher sets, then the browser's first supported preference, then
    /// zh-TW.
    public static func choose(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        if let chosen = query.flatMap(Language.init(tag:)) ?? cookie.flatMap(Language.init(tag:)) { return chosen }
        for range in (acceptLanguage ?? "").split(separator: ",") {
            let tag = range.split(separator: ";").first.map { $0.trimmingSpaces() } ?? ""
            if let language = Language(tag: tag) { return language }
        }
        return .zhTW
    }

    /// `zh`, `zh-TW`, `zh-Hant…` are Traditional Chinese; `en…` is English; other tags are not ours.
    init?(tag: some StringProtocol) {
        let lower = tag.lowercased()
        if lower == "zh" || lower.hasPrefix("zh-tw") || lower.hasPrefix("zh-hant") {
            self = .zhTW
        } else if lower == "en" || lower.hasPrefix("en-") {
            self = .en
        } else {
            return nil
        }
    }

    /// The text in this language; both are written side by side where the page is, so none is forgotten.
    func pick(_ zh: String, _ en: String) -> String { self == .zhTW ? zh : en }

    var other: Language { self == .zhTW ? .en : .zhTW }
    /// The switcher's label, in the language it switches to.
    var name: String { self == .zhTW ? "中文" : "English" }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
