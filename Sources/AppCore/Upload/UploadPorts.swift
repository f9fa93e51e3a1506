/// Recognises the per-agency asset-management API keys that VANS uploads carry in their `api_key` field.
public protocol APIKeyVerifier: Sendable {
    /// The uploader the key belongs to, or nil when it is not a known key.
    func uploader(forKey key: String) async throws -> Uploader?
}

/// Where received uploads are kept.
public protocol UploadStore: Sendable {
    /// Records `upload` unless one with its id exists; returns the stored upload and whether it was new.
    func record(_ upload: Upload) async throws -> (upload: Upload, created: Bool)

    /// The upload with `id`, or nil.
    func upload(_ id: Upload.ID) async throws -> Upload?
}
