import AppCore

/// Uploads kept in memory: for tests, and for `vans serve` until the SQL storage is wired in. Lost on exit.
public actor MemoryUploadStore: UploadStore {
    private var uploads: [Upload.ID: Upload] = [:]

    public init() {}

    public func record(_ upload: Upload) -> (upload: Upload, created: Bool) {
        if let existing = uploads[upload.id] { return (existing, false) }
        uploads[upload.id] = upload
        return (upload, true)
    }

    public func upload(_ id: Upload.ID) -> Upload? { uploads[id] }

    /// How many distinct uploads are held.
    public var count: Int { uploads.count }
}
