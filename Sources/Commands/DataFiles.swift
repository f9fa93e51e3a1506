import Foundation

/// Finds the identification data files at run time, so that editing them needs no rebuild and an installed
/// `vans` finds them without flags.
enum DataFiles {
    static let environmentKey = "VANS_DATA"

    /// `explicit` if given (it must exist); else the first existing of `$VANS_DATA/identification/<name>`,
    /// `$VANS_DATA/<name>`, `./Data/identification/<name>`, and `Data/identification/<name>` in the nearest
    /// folder above the executable that has one (the package a `swift build` product lives in).
    static func locate(
        _ name: String, explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CommandFailure) -> String {
        let files = FileManager.default
        if let explicit {
            guard files.fileExists(atPath: explicit) else { throw CommandFailure(message: "\(explicit): no such file") }
            return explicit
        }
        var candidates: [String] = []
        if let root = environment[environmentKey], !root.isEmpty {
            candidates += ["\(root)/identification/\(name)", "\(root)/\(name)"]
        }
        candidates.append(files.currentDirectoryPath + "/Data/identification/\(name)")
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            while folder.path != "/" && !folder.path.isEmpty {
                candidates.append(folder.appendingPathComponent("Data/identification/\(name)").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        if let found = candidates.first(where: { files.fileExists(atPath: $0) }) { return found }
        let looked = candidates.prefix(4).joined(separator: ", ")
        throw CommandFailure(
            message: "cannot find \(name): give it with a flag, set \(environmentKey) to the folder holding "
                + "identification/\(name), or run from the OpenVANS checkout (looked in \(looked), …)")
    }
}
