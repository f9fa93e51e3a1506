import AppCore
import Governance
import Identification

/// An agency's uploads, newest first, with each processed upload's conversion report (issue 4 §5).
struct UploadsPage: Sendable {
    var shell: PageShell

    func render(_ history: [UploadSummary], agency: Agency) -> String {
        let language = shell.language
        let name = language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh
        return shell.render(title: language.pick("\(name) 上傳紀錄", "\(name): uploads")) { html in
            html.open("p")
            html.link(name, to: "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))")
            html.close("p")
            guard !history.isEmpty else {
                html.element("p", [("class", "empty")], language.pick("尚無上傳紀錄。", "No uploads yet."))
                return
            }
            html.table(
                [
                    language.pick("月份", "Month"), language.pick("收到時間", "Received"),
                    language.pick("格式", "Format"), language.pick("狀態", "Status"),
                    language.pick("轉換報告", "Conversion report"),
                ]
            ) { html in
                for summary in history {
                    let upload = summary.upload
                    html.open("tr")
                    html.element("td", [], shell.month(upload.month))
                    html.element("td", [], shell.time(upload.receivedAt))
                    html.element("td", [], upload.format)
                    html.element("td", [], Self.status(upload.status, language: language))
                    html.element("td", [], report(summary))
                    html.close("tr")
                }
            }
        }
    }

    private func report(_ summary: UploadSummary) -> String {
        let language = shell.language
        if let failure = summary.upload.failure { return language.pick("失敗原因：\(failure)", "Failed: \(failure)") }
        guard let report = summary.report else {
            return language.pick(
                "已處理 \(summary.upload.rowsProcessed) 筆", "\(summary.upload.rowsProcessed) rows processed")
        }
        var parts = [
            language.pick("共 \(report.rows) 筆", "\(report.rows) rows"),
            language.pick("轉換成功 \(report.converted)", "\(report.converted) converted"),
            language.pick("轉換失敗 \(report.failedRows)", "\(report.failedRows) failed"),
        ]
        if report.prohibitedRows > 0 {
            parts.append(language.pick("禁用軟體 \(report.prohibitedRows)", "\(report.prohibitedRows) prohibited"))
        }
        let reasons = report.failed.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }
        if !reasons.isEmpty { parts.append("(\(reasons.joined(separator: ", ")))") }
        return parts.joined(separator: language.pick("，", ", "))
    }

    static func status(_ status: Upload.Status, language: Language) -> String {
        switch status {
        case .received: language.pick("已收到，等待處理", "received, waiting")
        case .processing: language.pick("處理中", "processing")
        case .completed: language.pick("已完成", "completed")
        case .failed: language.pick("失敗", "failed")
        }
    }
}
