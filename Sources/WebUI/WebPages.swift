import AppCore
import Governance
import Hummingbird
import Spreadsheet
import VulnModel

/// The server-rendered pages (issue 4 §5): zh-TW by default, English by link, no JavaScript needed. Routes are
/// added to any Hummingbird router, so `WebUI` does not depend on `Server` (ADR 0012 decision 2).
public struct WebPages: Sendable {
    public let queries: OverviewQueries
    /// The signed-in viewer of a request, or nil (the page then sends the browser to `loginPath`).
    public let viewer: @Sendable (Request) async throws -> PageViewer?
    /// Notices shown on every page, such as a stale feed (issue 4 §4), in the page's language.
    public let banners: @Sendable (Language) async -> [String]
    public let loginPath: String
    /// Now, for the current reporting month of the supervisor's trends.
    public let clock: @Sendable () -> Timestamp
    /// The supervisors' coverage page (`/supervisor/coverage`), when the composition root provides its data.
    public let coverage: CoverageSource?

    public init(
        queries: OverviewQueries, coverage: CoverageSource? = nil, loginPath: String = "/login",
        banners: @escaping @Sendable (Language) async -> [String] = { _ in [] },
        clock: @escaping @Sendable () -> Timestamp,
        viewer: @escaping @Sendable (Request) async throws -> PageViewer?
    ) {
        self.queries = queries
        self.viewer = viewer
        self.banners = banners
        self.loginPath = loginPath
        self.clock = clock
        self.coverage = coverage
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in
            try await page(request) { viewer, _ in
                let home = viewer.onlyAgency.map { "/agencies/\(HTMLText.pathSegment($0.rawValue))" } ?? "/agencies"
                return .redirect(to: home, type: .normal)
            }
        }
        router.get(RouterPath(loginPath)) { request, _ in
            let shell = anonymousShell(request)
            return Self.html(SignInPages(shell: shell).signIn(next: request.uri.queryParameters.get("next") ?? "/"))
        }
        router.get("/enroll") { request, _ in
            Self.html(SignInPages(shell: anonymousShell(request)).enrol())
        }
        router.get("/agencies") { request, _ in
            try await page(request) { viewer, shell in
                let (page, standings) = try await supervisorView(request, viewer: viewer, shell: shell)
                return Self.html(page.render(standings))
            }
        }
        router.get("/agencies.csv") { request, _ in
            try await page(request) { viewer, shell in
                let (page, standings) = try await supervisorView(request, viewer: viewer, shell: shell)
                let bytes = CSVWriter.bytes(header: SupervisorPage.columns(shell.language), rows: page.rows(standings))
                return Self.download(bytes, name: "openvans-agencies.csv", type: "text/csv; charset=utf-8")
            }
        }
        router.get("/agencies.xlsx") { request, _ in
            try await page(request) { viewer, shell in
                let (page, standings) = try await supervisorView(request, viewer: viewer, shell: shell)
                let bytes = XLSXWriter(
                    sheetName: shell.language.pick("機關總覽", "Agencies"),
                    header: SupervisorPage.columns(shell.language), rows: page.rows(standings)
                ).bytes()
                return Self.download(
                    bytes, name: "openvans-agencies.xlsx",
                    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            }
        }
        router.get("/agencies/:oid") { request, context in
            try await agencyPage(request, context) { agency, shell in
                let all = request.uri.queryParameters.get("all") == "1"
                return DashboardPage(shell: shell, limit: all ? nil : 25).render(
                    try await queries.overview(of: agency.id))
            }
        }
        router.get("/agencies/:oid/uploads") { request, context in
            try await agencyPage(request, context) { agency, shell in
                UploadsPage(shell: shell).render(try await queries.history(of: agency.id), agency: agency)
            }
        }
        router.get("/agencies/:oid/cves/:cve") { request, context in
            try await agencyPage(request, context) { agency, shell in
                guard let text = context.parameters.get("cve"), let cve = CVEID(text),
                    let exposure = try await queries.exposure(to: cve, in: agency.id)
                else { return nil }
                return ExposurePage(shell: shell).render(exposure, agency: agency)
            }
        }
        if let coverage { registerCoverage(on: router, source: coverage) }
    }

    /// The agencies the viewer may see, narrowed by the query's filter, over the twelve months ending now.
    private func supervisorView(_ request: Request, viewer: PageViewer, shell: PageShell) async throws
        -> (SupervisorPage, [AgencyStanding])
    {
        let parameters = request.uri.queryParameters
        let current = ReportingMonth(containing: clock().dayInTaiwan)
        let selection = SupervisorSelection(
            county: parameters.get("county"), region: parameters.get("region"), by: parameters.get("by"),
            months: current.window(of: 12))
        let visible = try await queries.agencies.directory().all.filter {
            viewer.mayView($0.id) && selection.includes($0)
        }
        let standings = try await queries.standings(
            of: visible, months: selection.months, on: clock().dayInTaiwan)
        return (SupervisorPage(shell: shell, selection: selection), standings)
    }

    /// A page about one agency; an agency the viewer may not see is answered exactly like one that does not exist.
    func agencyPage<Context: RequestContext>(
        _ request: Request, _ context: Context, render: (Agency, PageShell) async throws -> String?
    ) async throws -> Response {
        try await page(request) { viewer, shell in
            guard let text = context.parameters.get("oid"), let id = try? Agency.ID(text),
                try await viewer.authorize(id),
                let agency = try await agency(id), let html = try await render(agency, shell)
            else { return notFound(shell) }
            return Self.html(html)
        }
    }

    func agency(_ id: Agency.ID) async throws -> Agency? {
        do {
            return try await queries.agencies.agency(id)
        } catch {
            guard error.kind == .notFound else { throw error }
            return nil
        }
    }

    private func language(of request: Request) -> Language {
        Language.choose(
            query: request.uri.queryParameters.get("lang"), cookie: request.cookies["lang"]?.value,
            acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The frame of a page anyone may open (sign-in, enrolment).
    private func anonymousShell(_ request: Request) -> PageShell {
        let language = language(of: request)
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }
        return PageShell(
            language: language, path: request.uri.path, query: kept.joined(separator: "&"),
            viewerName: language.pick("未登入", "Not signed in"))
    }

    func page(_ request: Request, render: (PageViewer, PageShell) async throws -> Response) async throws
        -> Response
    {
        let query = request.uri.queryParameters.get("lang")
        let language = language(of: request)
        guard let viewer = try await viewer(request) else {
            let next = HTMLText.pathSegment(request.uri.path)
            return .redirect(to: "\(loginPath)?next=\(next)", type: .normal)
        }
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }
        let shell = PageShell(
            language: language, path: request.uri.path, query: kept.joined(separator: "&"), viewerName: viewer.name,
            banners: await banners(language), signedIn: true)
        var response = try await render(viewer, shell)
        if query != nil {
            response.setCookie(
                Cookie(
                    name: "lang", value: language.rawValue, maxAge: 365 * 86_400, path: "/", httpOnly: true,
                    sameSite: .lax))
        }
        return response
    }

    func notFound(_ shell: PageShell) -> Response {
        let html = shell.render(title: shell.language.pick("找不到頁面", "Not found")) { html in
            html.element(
                "p", [], shell.language.pick("沒有這個頁面，或您沒有檢視權限。", "There is no such page, or it is not yours to see."))
        }
        return Self.html(html, status: .notFound)
    }

    static func download(_ bytes: [UInt8], name: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
