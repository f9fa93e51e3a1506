extension ConversionReport {
    /// Counts one row whose key was identified elsewhere (a caller spreading distinct keys over tasks and fanning
    /// the answers back out to the rows), exactly as `InventoryIdentifier.identify(_:)` counts it.
    public mutating func add(_ resolution: Resolution, prohibited hits: [ProhibitedHit]) {
        count(resolution, hits)
    }
}
