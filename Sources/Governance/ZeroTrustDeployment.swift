import VulnModel

/// Zero-trust adoption for one system (R32, DOMAIN.md §6): how far it has come, for whom, and whether the old
/// access path still runs beside it (the audit's criticism of the 2023 pilots).
public struct ZeroTrustDeployment: Hashable, Sendable {
    /// The government ZTA's three phases, in order.
    public enum Phase: Int, Hashable, Sendable, Comparable, CaseIterable {
        case identity = 1
        case device = 2
        case trustInference = 3

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Status: String, Hashable, Sendable {
        case planned
        case pilot
        case production
    }

    public enum UserScope: String, Hashable, Sendable {
        case vendorMaintainers = "vendor_maintainers"
        case allInternal = "all_internal"
        case all
    }

    public var system: InfoSystem.ID
    public var phase: Phase
    public var status: Status
    public var userScope: UserScope
    public var parallelLegacyAccess: Bool
    public var startedOn: Day?

    public init(
        system: InfoSystem.ID, phase: Phase, status: Status, userScope: UserScope, parallelLegacyAccess: Bool,
        startedOn: Day? = nil
    ) {
        self.system = system
        self.phase = phase
        self.status = status
        self.userScope = userScope
        self.parallelLegacyAccess = parallelLegacyAccess
        self.startedOn = startedOn
    }
}

/// R32's report: deployments limited to vendor maintainers, deployments with a parallel legacy path, and core
/// systems with no deployment at all.
public struct ZeroTrustReport: Hashable, Sendable {
    public var vendorOnly: [InfoSystem.ID]
    public var parallelLegacy: [InfoSystem.ID]
    public var coreWithoutDeployment: [InfoSystem.ID]
    /// Core systems by the furthest phase in production (nil: none in production).
    public var coreByPhase: [ZeroTrustDeployment.Phase?: Int]

    public init(systems: [InfoSystem], deployments: [ZeroTrustDeployment]) {
        let bySystem = Dictionary(grouping: deployments, by: \.system)
        vendorOnly = deployments.filter { $0.userScope == .vendorMaintainers }.map(\.system).uniqueSorted()
        parallelLegacy = deployments.filter(\.parallelLegacyAccess).map(\.system).uniqueSorted()
        let core = systems.filter(\.isCore)
        coreWithoutDeployment = core.map(\.id).filter { bySystem[$0] == nil }.sorted()
        var byPhase: [ZeroTrustDeployment.Phase?: Int] = [:]
        for system in core {
            let furthest = bySystem[system.id]?.filter { $0.status == .production }.map(\.phase).max()
            byPhase[furthest, default: 0] += 1
        }
        coreByPhase = byPhase
    }
}

extension Array where Element: Comparable & Hashable {
    fileprivate func uniqueSorted() -> [Element] { Set(self).sorted() }
}
