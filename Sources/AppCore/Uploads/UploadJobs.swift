/// How uploads and their `process-upload` jobs refer to each other: the payload is the upload id and the dedupe
/// key is derived from it, so an upload has at most one live job.
public enum UploadJobs {
    public static func dedupeKey(for upload: Upload.ID) -> String { "process-upload:\(upload.rawValue)" }

    public static func job(for upload: Upload) -> NewJob {
        NewJob(
            kind: .processUpload, payload: upload.id.rawValue, agency: upload.agency,
            dedupeKey: dedupeKey(for: upload.id))
    }
}
