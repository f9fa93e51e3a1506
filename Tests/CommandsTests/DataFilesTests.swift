import Foundation
import TestSupport
import Testing

@testable import Commands

/// How `vans` finds its identification data files without flags.
struct DataFilesTests {
    @Test func flagThenEnvironmentThenCheckout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("identification"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let aliases = folder.appendingPathComponent("identification/aliases.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: aliases))

        #expect(try DataFiles.locate("aliases.json", explicit: aliases, environment: [:]) == aliases)
        #expect(throws: CommandFailure.self) {
            try DataFiles.locate("aliases.json", explicit: folder.appendingPathComponent("none.json").path)
        }
        #expect(
            try DataFiles.locate("aliases.json", explicit: nil, environment: ["VANS_DATA": folder.path]) == aliases)
        // Without the variable, the checkout's own file is found (from the working directory or the executable).
        let shipped = try DataFiles.locate("aliases.json", explicit: nil, environment: [:])
        #expect(shipped.hasSuffix("Data/identification/aliases.json"))
        #expect(FileManager.default.fileExists(atPath: shipped))
        #expect(throws: CommandFailure.self) {
            try DataFiles.locate("no-such-file.json", explicit: nil, environment: ["VANS_DATA": folder.path])
        }
    }
}
