import AppCore
import Governance
import Hummingbird
import Spreadsheet

extension WebPages {
    /// `/supervisor/coverage` and its CSV, over the agencies the viewer may see.
    func registerCoverage<Context: RequestContext>(on router: Router<Context>, source: CoverageSource) {
        router.get("/supervisor/coverage") { request, _ in
            try await page(request) { viewer, shell in
                let (page, overview) = try await coverageView(request, viewer: viewer, shell: shell, source: source)
                let visible = Set(
                    overview.directory.all.filter { page.selection.filter(agencies: nil).includes($0) }
                        .map(\.id).filter(viewer.mayView))
                let counts = try await source.obligations?.statusCounts(agencies: visible, today: page.selection.asOf)
                return Self.html(page.render(overview, obligations: counts))
            }
        }
        router.get("/supervisor/coverage.csv") { request, _ in
            try await page(request) { viewer, shell in
                let (page, overview) = try await coverageView(request, viewer: viewer, shell: shell, source: source)
                let bytes = CSVWriter.bytes(header: CoveragePage.columns(shell.language), rows: page.rows(overview))
                return Self.download(bytes, name: "openvans-coverage.csv", type: "text/csv; charset=utf-8")
            }
        }
    }

    private func coverageView(_ request: Request, viewer: PageViewer, shell: PageShell, source: CoverageSource)
        async throws -> (CoveragePage, CoverageOverview)
    {
        let parameters = request.uri.queryParameters
        let selection = CoveragePage.Selection(
            level: parameters.get("level"), county: parameters.get("county"), region: parameters.get("region"),
            asOf: parameters.get("as_of"), today: clock().dayInTaiwan)
        let visible: Set<Agency.ID>?
        switch viewer.scope {
        case .nation: visible = nil
        case .agencies(let ids): visible = ids
        }
        let overview = try await source.coverage.overview(selection.filter(agencies: visible))
        return (CoveragePage(shell: shell, selection: selection), overview)
    }
}
