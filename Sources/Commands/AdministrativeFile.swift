import AppCore
import Foundation

/// The administrative CSV files the `agencies` and `systems` commands take, read whole and parsed; a file that
/// cannot be read or a row its reader refuses fails the command with the file named.
enum AdministrativeFile {
    static func read<Rows>(_ file: String, with parse: ([UInt8]) throws(CSVTableError) -> Rows) throws(CommandFailure)
        -> Rows
    {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(message: "\(file): cannot read")
        }
        do { return try parse([UInt8](data)) } catch { throw CommandFailure(message: "\(file): \(error)") }
    }
}
