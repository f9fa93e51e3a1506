import AppCore
import Governance
import Hummingbird
import Remediation
import VulnModel

/// The agency's remediation desk as pages (issue 5 §1, R19–R20): its records, overdue first, and each record with
/// its history and plain HTML forms for the actions (no JavaScript). A form posts to the record's page and is
/// answered 303 back to it, or with the page again naming the refused field.
///
/// The session cookie is SameSite=Strict, so another site's form arrives without it; posts whose `Origin` or
/// `Sec-Fetch-Site` say they come from elsewhere are refused as well.
public struct RemediationPages: Sendable {
    public let pages: WebPages
    public let queries: RemediationQueries
    public let desk: RemediationDesk
    /// Whether the request's caller may do `action` on the agency's findings; decided (and logged) by the
    /// composition root's access control.
    public let may: @Sendable (Request, Action, Agency.ID) async throws -> Bool
    /// The audit log's name for the request's caller; the viewer's name when nil.
    public let actor: @Sendable (Request) -> String?

    public init(
        pages: WebPages, queries: RemediationQueries, desk: RemediationDesk,
        may: @escaping @Sendable (Request, Action, Agency.ID) async throws -> Bool,
        actor: @escaping @Sendable (Request) -> String? = { _ in nil }
    ) {
        self.pages = pages
        self.queries = queries
        self.desk = desk
        self.may = may
        self.actor = actor
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/agencies/:oid/remediation") { request, context in
            try await pages.agencyPage(request, context) { agency, shell in
                guard try await may(request, .readFindings, agency.id) else { return nil }
                let overdueOnly = request.uri.queryParameters.get("overdue") == "1"
                let views = try await queries.records(
                    of: agency.id, overdueOnly: overdueOnly, today: pages.clock().dayInTaiwan)
                return RemediationListPage(shell: shell).render(views, agency: agency, overdueOnly: overdueOnly)
            }
        }
        router.get("/agencies/:oid/remediation/:key") { request, context in
            try await recordPage(request, context) { _, _ in nil }
        }
        router.post("/agencies/:oid/remediation/:key") { request, context in
            try await recordPage(request, context) { key, viewer in
                guard Self.isSameOrigin(request) else {
                    return .refused(.forbidden, "cross-site form refused")
                }
                let form = FormFields(try await request.body.collect(upTo: 64 * 1024))
                let action = RemediationRequest(
                    action: form["action"] ?? "", measure: form["measure"], owner: form["owner"],
                    targetDate: form["targetDate"], evidence: form["evidence"], approver: form["approver"],
                    reason: form["reason"], expires: form["expires"], justification: form["justification"])
                do {
                    try await desk.act(
                        action, on: key, by: actor(request) ?? viewer.name, now: pages.clock())
                } catch let refusal as Rejection {
                    let status: HTTPResponse.Status =
                        switch refusal.kind {
                        case .conflict: .conflict
                        case .unprocessable: .unprocessableContent
                        case .notFound: .notFound
                        default: .badRequest
                        }
                    return .refused(status, refusal.detail, field: refusal.field)
                }
                return .done
            }
        }
    }

    /// What a post came to.
    enum Outcome {
        case done
        case refused(HTTPResponse.Status, String, field: String? = nil)
    }

    /// The record's page; with `post`, the action is taken first (nil outcome for a plain view). Another agency's
    /// record, a key that names none, or a caller who may not read the agency's findings get the same 404.
    private func recordPage<Context: RequestContext>(
        _ request: Request, _ context: Context,
        post: (FindingKey, PageViewer) async throws -> Outcome?
    ) async throws -> Response {
        try await pages.page(request) { viewer, shell in
            guard let text = context.parameters.get("oid"), let id = try? Agency.ID(text),
                let token = context.parameters.get("key"), let key = FindingKey(token: token), key.agency == id,
                try await viewer.authorize(id), try await may(request, .readFindings, id),
                let agency = try await pages.agency(id)
            else { return pages.notFound(shell) }
            let mayUpdate = try await may(request, .updateFindings, id)
            var refusal: (HTTPResponse.Status, String, String?)?
            if request.method == .post {
                guard mayUpdate else {
                    return WebPages.html(
                        RemediationRecordPage.forbidden(shell), status: .forbidden)
                }
                switch try await post(key, viewer) {
                case .done?:
                    return .redirect(to: RemediationRecordPage.path(key), type: .normal)
                case .refused(let status, let detail, let field)?: refusal = (status, detail, field)
                case nil: break
                }
            }
            let view: RemediationView
            do {
                view = try await queries.record(key, today: pages.clock().dayInTaiwan)
            } catch let error as StoreError where error.kind == .notFound {
                return pages.notFound(shell)
            }
            let html = RemediationRecordPage(shell: shell, mayUpdate: mayUpdate).render(
                view, agency: agency, refusal: refusal.map { (detail: $0.1, field: $0.2) })
            return WebPages.html(html, status: refusal?.0 ?? .ok)
        }
    }

    /// False when the browser says the form came from another site (`Sec-Fetch-Site` other than same-origin, or an
    /// `Origin` that is not this host's); requests without either header (older browsers, tools) rely on the
    /// SameSite=Strict session cookie alone.
    static func isSameOrigin(_ request: Request) -> Bool {
        for field in request.headers where field.name.canonicalName == "sec-fetch-site" {
            guard field.value == "same-origin" else { return false }
        }
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}

/// `application/x-www-form-urlencoded` fields, the first value of each name.
struct FormFields {
    private var values: [String: String] = [:]

    init(_ buffer: ByteBuffer) {
        let bytes = Array(buffer.readableBytesView)
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// `+` is a space and `%XY` a byte; a malformed escape is kept as written.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hex(bytes[index + 1]),
                let low = hex(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
                continue
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
