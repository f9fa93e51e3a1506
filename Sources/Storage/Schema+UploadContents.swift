extension Schema {
    // Migration 7 (ADR 0013): the bytes an upload is processed from, kept with it so that any worker process can
    // process it, and the upload's job is found by its dedupe key. A row per upload: bodies are bounded by the
    // service's body limit (64 MiB by default), far below either engine's value limit.
    static func uploadContents(_ engine: Backend.Engine) -> [String] {
        let bytes = engine == .sqlite ? "BLOB" : "BYTEA"
        return [
            """
            CREATE TABLE upload_contents (
                upload_id TEXT PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
                file_name TEXT NOT NULL CHECK (file_name <> ''),
                byte_count BIGINT NOT NULL CHECK (byte_count >= 0),
                bytes \(bytes) NOT NULL
            )
            """,
            "CREATE INDEX uploads_unfinished ON uploads (status, received_at)",
        ]
    }
}
