import AppCore
import Governance
import Identification
import VulnModel

/// An agency's prohibited-software removal tasks (R27–R28, ADR 0022): open ones first (overdue at the top), each
/// with its catalogue entry and category, the hosts and items still matching, the due date, its state and the day
/// it was completed, or the exception that closed it with approvers, expiry and compensating measures.
struct RemovalTaskPage: Sendable {
    var shell: PageShell

    func render(
        _ tasks: [TrackedRemovalTask], entries: [ProhibitedEntryID: PublishedEntry], agency: Agency, today: Day
    ) -> String {
        let language = shell.language
        let name = language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh
        let base = "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))"
        let ordered = Self.ordered(tasks.map(\.task))
        let open = ordered.filter { $0.status == .open }.count
        let overdue = ordered.filter { $0.isOverdue(on: today) }.count
        return shell.render(title: language.pick("\(name)　禁用軟體移除", "\(name): prohibited software removal")) { html in
            html.open("p")
            html.link(language.pick("弱點儀表板", "Vulnerability dashboard"), to: base)
            html.close("p")
            html.element(
                "p", [("class", overdue > 0 ? "overdue" : "summary")],
                language.pick(
                    "共 \(ordered.count) 項移除任務，未完成 \(open) 項，逾期 \(overdue) 項。",
                    "\(ordered.count) removal tasks, \(open) open, \(overdue) overdue."))
            guard !ordered.isEmpty else {
                html.element("p", [("class", "empty")], language.pick("沒有移除任務。", "No removal tasks."))
                return
            }
            html.table(
                [
                    language.pick("禁用項目", "Catalogue entry"), language.pick("類別", "Category"),
                    language.pick("仍符合的主機與項目", "Hosts and items still matching"),
                    language.pick("期限", "Due"), language.pick("狀態", "State"),
                    language.pick("完成日", "Completed"), language.pick("例外核准", "Exception"),
                ],
                caption: language.pick("移除任務（未完成優先）", "Removal tasks (open first)")
            ) { html in
                for task in ordered { row(task, entry: entries[task.entry], today: today, into: &html) }
            }
        }
    }

    /// Open tasks first, most overdue first; then closed ones, latest due first.
    static func ordered(_ tasks: [RemovalTask]) -> [RemovalTask] {
        tasks.sorted { left, right in
            let leftOpen = left.status == .open
            let rightOpen = right.status == .open
            if leftOpen != rightOpen { return leftOpen }
            if left.dueDate != right.dueDate {
                return leftOpen ? left.dueDate < right.dueDate : left.dueDate > right.dueDate
            }
            return left.entry < right.entry
        }
    }

    private func row(_ task: RemovalTask, entry: PublishedEntry?, today: Day, into html: inout HTMLText) {
        let language = shell.language
        let overdue = task.isOverdue(on: today)
        html.open("tr", overdue ? [("class", "overdue")] : [])
        html.open("td")
        html.text(entry?.name ?? task.entry.rawValue)
        html.raw(" ")
        html.element("code", [], task.entry.rawValue)
        html.close("td")
        html.element("td", [], entry.map { Self.category($0.category, language: language) } ?? "—")
        html.open("td")
        if task.outstanding.isEmpty {
            html.text("—")
        } else {
            html.open("ul")
            for hit in task.outstanding {
                html.element("li", [], "\(hit.host.host.rawValue): \(hit.itemName)")
            }
            html.close("ul")
        }
        html.close("td")
        let days = today.daysSinceEpoch - task.dueDate.daysSinceEpoch
        html.element(
            "td", [],
            "\(task.dueDate)" + (overdue ? language.pick("（逾期 \(days) 天）", " (\(days) days overdue)") : ""))
        switch task.status {
        case .open:
            html.element("td", [], language.pick("待移除", "Open"))
            html.element("td", [], "—")
            html.element("td", [], "—")
        case .completed(let day):
            html.element("td", [], language.pick("已完成", "Completed"))
            html.element("td", [], "\(day)")
            html.element("td", [], "—")
        case .exception(let approval):
            html.element("td", [], language.pick("例外核准", "Exception"))
            html.element("td", [], "—")
            html.open("td")
            exception(approval, today: today, into: &html)
            html.close("td")
        }
        html.close("tr")
    }

    private func exception(_ approval: ExceptionApproval, today: Day, into html: inout HTMLText) {
        let language = shell.language
        html.open("dl")
        html.element("dt", [], language.pick("資安長核准", "CISO approval"))
        html.element("dd", [], approval.cisoApproval)
        html.element("dt", [], language.pick("主管機關核准", "Competent authority"))
        html.element("dd", [], approval.competentAuthorityApproval)
        html.element("dt", [], language.pick("有效期限", "Expires"))
        let lapsed = !approval.isInForce(on: today)
        html.element(
            "dd", lapsed ? [("class", "overdue")] : [],
            (approval.expires.map { "\($0)" } ?? language.pick("未定", "none set"))
                + (lapsed ? language.pick("（已失效）", " (lapsed)") : ""))
        html.element("dt", [], language.pick("補償措施", "Compensating measures"))
        let measures = approval.registration.measures.sorted { $0.rawValue < $1.rawValue }.map { $0.label(language) }
        html.element("dd", [], measures.isEmpty ? "—" : measures.joined(separator: language.pick("；", "; ")))
        html.close("dl")
    }

    static func category(_ raw: String, language: Language) -> String {
        ProhibitedCategory(rawValue: raw)?.label(language) ?? raw
    }
}
