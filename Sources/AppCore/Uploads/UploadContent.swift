/// The bytes an upload is processed from, kept with the upload so that a worker on any process can read them, and
/// the file name the inventory reader takes its format hint from.
public struct UploadContent: Hashable, Sendable {
    /// `upload.json` for the VANS APIs; the sent file's name for file uploads.
    public var fileName: String
    public var bytes: [UInt8]

    public init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
    }
}
