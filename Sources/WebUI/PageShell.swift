import Governance
import VulnModel

/// The frame every page shares: language, title, navigation, the language switcher (a plain link: no JavaScript
/// is needed anywhere) and an optional banner (a stale feed, say).
struct PageShell: Sendable {
    var language: Language
    /// The path of this page, for the language switcher.
    var path: String
    /// The page's query string without `lang`, kept by the language switcher.
    var query: String = ""
    var viewerName: String
    var banners: [String] = []
    /// Whether a signed-in viewer's page, which then carries the sign-out button.
    var signedIn = false

    func render(title: String, heading: String? = nil, body: (inout HTMLText) -> Void) -> String {
        var html = HTMLText()
        html.raw("<!DOCTYPE html>")
        html.open("html", [("lang", language.rawValue)])
        html.open("head")
        html.raw("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.element("title", [], "\(title) · OpenVANS")
        html.raw("<style>\(Self.style)</style>")
        html.close("head")
        html.open("body")
        html.open("header")
        html.open("nav", [("aria-label", language.pick("主選單", "Main"))])
        html.link("OpenVANS", to: "/")
        html.raw(" ")
        html.element("span", [("class", "viewer")], viewerName)
        html.raw(" ")
        if signedIn {
            // A plain form: signing out needs no JavaScript, and a POST cannot be set off by a link from elsewhere.
            html.open("form", [("method", "post"), ("action", "/api/v1/auth/logout"), ("class", "sign-out")])
            html.raw("<input type=\"hidden\" name=\"from\" value=\"page\">")
            html.element("button", [("type", "submit"), ("id", "sign-out")], language.pick("登出", "Sign out"))
            html.close("form")
            html.raw(" ")
        }
        html.link(
            language.other.name, to: "\(path)?\(query.isEmpty ? "" : query + "&")lang=\(language.other.rawValue)",
            [("hreflang", language.other.rawValue), ("class", "lang")])
        html.close("nav")
        html.close("header")
        for banner in banners { html.element("p", [("class", "banner"), ("role", "status")], banner) }
        html.open("main")
        html.element("h1", [], heading ?? title)
        body(&html)
        html.close("main")
        html.close("body")
        html.close("html")
        return html.rendered
    }

    func month(_ month: ReportingMonth) -> String {
        language.pick("\(month.rocYear)年\(month.month)月（\(month.gregorian)）", "\(month.gregorian) (ROC \(month.roc))")
    }

    /// A time as Taiwan's wall clock shows it (UTC+8).
    func time(_ timestamp: Timestamp) -> String {
        let local = Timestamp(millisecondsSinceEpoch: timestamp.millisecondsSinceEpoch + 8 * 3_600_000)
        let text = local.description
        // `2026-11-01T00:30:00Z` → `2026-11-01 00:30`
        let clock = text.dropFirst(11).prefix(5)
        return "\(local.day) \(clock)"
    }

    func severity(_ severity: CVSSSeverity?) -> String {
        switch severity {
        case .critical: language.pick("嚴重", "Critical")
        case .high: language.pick("高", "High")
        case .medium: language.pick("中", "Medium")
        case .low: language.pick("低", "Low")
        case .some(.none): language.pick("無", "None")
        case nil: language.pick("未評分", "Not scored")
        }
    }

    /// `7.5`, `10.0`: scores and percentages to one decimal, without Foundation's formatter.
    static func tenths(_ value: Double) -> String { "\(roundedToTenths(value))" }

    /// The value rounded to one decimal, for spreadsheet cells and chart coordinates.
    static func roundedToTenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static let style = """
        body{font-family:system-ui,"Noto Sans TC",sans-serif;margin:0;color:#1b1b1b}\
        header{background:#123;color:#fff;padding:.5rem 1rem}header a{color:#fff;margin-right:1rem}\
        .viewer{opacity:.8}.lang{float:right}.sign-out{display:inline;margin:0 1rem}main{padding:1rem 1.5rem;max-width:72rem}\
        table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;\
        text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;padding:.3rem 0}\
        .banner{background:#fff3cd;border:1px solid #e0c36a;margin:0;padding:.5rem 1rem}\
        .sev-critical{background:#7a0000;color:#fff}.sev-high{background:#c0392b;color:#fff}\
        .sev-medium{background:#f0ad4e}.sev-low{background:#dfe8d0}.kev{font-weight:bold;color:#7a0000}\
        dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:bold}
        """
}
