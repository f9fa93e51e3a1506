import AppCore
import Foundation
import Governance
import Storage
import VulnModel
import WebUI

/// The coverage and obligation use cases on one backend, and the argument parsing the four commands share.
enum CoverageServices {
    static func desk(_ backend: Backend) -> CoverageDesk {
        CoverageDesk(
            agencies: SQLAgencyStore(backend: backend), store: SQLCoverageStore(backend: backend),
            uploads: SQLUploadStore(backend: backend))
    }

    static func obligations(_ backend: Backend, catalogue: ObligationCatalogue) -> ObligationDesk {
        ObligationDesk(
            agencies: SQLAgencyStore(backend: backend), coverage: SQLCoverageStore(backend: backend),
            store: SQLObligationStore(backend: backend), catalogue: catalogue)
    }

    /// The coverage page's data; without a readable catalogue the page shows coverage and says obligations are
    /// not loaded rather than keeping the service from starting.
    static func pageSource(_ backend: Backend) -> CoverageSource {
        CoverageSource(
            coverage: desk(backend),
            obligations: (try? catalogue(explicit: nil)).map { obligations(backend, catalogue: $0) })
    }

    static func day(_ text: String?, flag: String) throws -> Day {
        guard let text else { return SystemClock().now().dayInTaiwan }
        guard let day = Day(iso8601: text), text.utf8.count == 10 else {
            throw CommandFailure(message: "\(flag): not a YYYY-MM-DD day: \(text)")
        }
        return day
    }

    static func oid(_ text: String?, flag: String) throws -> Agency.ID? {
        guard let text else { return nil }
        do { return try Agency.ID(text) } catch { throw CommandFailure(message: "\(flag) \(text): \(error)") }
    }

    /// `--obligations FILE`, else `$VANS_DATA/governance/obligations.json`, `./Data/governance/obligations.json`,
    /// or the checkout the executable was built in.
    static func catalogue(explicit: String?) throws -> ObligationCatalogue {
        let files = FileManager.default
        var candidates: [String] = []
        if let explicit {
            candidates = [explicit]
        } else {
            if let root = ProcessInfo.processInfo.environment[DataFiles.environmentKey], !root.isEmpty {
                candidates.append("\(root)/governance/obligations.json")
            }
            candidates.append(files.currentDirectoryPath + "/Data/governance/obligations.json")
            var folder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            while let current = folder, current.path != "/", !current.path.isEmpty {
                candidates.append(current.appendingPathComponent("Data/governance/obligations.json").path)
                folder = current.deletingLastPathComponent()
            }
        }
        guard let path = candidates.first(where: { files.fileExists(atPath: $0) }) else {
            throw CommandFailure(
                message: "cannot find obligations.json: give --obligations FILE or set \(DataFiles.environmentKey)")
        }
        guard let data = files.contents(atPath: path) else { throw CommandFailure(message: "\(path): unreadable") }
        do { return try ObligationCatalogue(json: [UInt8](data), file: path) } catch {
            throw CommandFailure(message: "\(error)")
        }
    }
}
