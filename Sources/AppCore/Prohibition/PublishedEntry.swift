import Governance
import VulnModel

/// A catalogue entry as published in the service (R28's "new catalogue entry"): the day it was added, from which
/// catalogue version, and the days agencies are given to remove it.
public struct PublishedEntry: Hashable, Sendable {
    public var entry: ProhibitedEntryID
    public var name: String
    public var category: String
    public var catalogueVersion: String
    public var publishedOn: Day
    public var dueDays: Int
    public var publishedBy: String

    public init(
        entry: ProhibitedEntryID, name: String, category: String, catalogueVersion: String, publishedOn: Day,
        dueDays: Int, publishedBy: String
    ) {
        self.entry = entry
        self.name = name
        self.category = category
        self.catalogueVersion = catalogueVersion
        self.publishedOn = publishedOn
        self.dueDays = dueDays
        self.publishedBy = publishedBy
    }
}
