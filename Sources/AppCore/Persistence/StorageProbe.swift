/// The cheapest question the database can answer, for readiness: it throws unless the database answers.
public protocol StorageProbe: Sendable {
    func ping() async throws(StoreError)
}
