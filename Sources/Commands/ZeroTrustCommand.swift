import AppCore
import ArgumentParser
import Governance
import Storage
import VulnModel

/// `vans zero-trust set|list`: zero-trust adoption per system (R32).
struct ZeroTrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zero-trust",
        abstract: "Record and list zero-trust adoption per system: phase, status, user scope, parallel legacy access.",
        subcommands: [Assign.self, List.self]
    )

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set one system's deployment.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The agency's OID.") var agency: String
        @Option(help: "The system's code, as imported with `vans systems import`.") var system: String
        @Option(help: "1 identity, 2 device, 3 trust inference.") var phase: Int
        @Option(help: "planned, pilot or production.") var status: String
        @Option(help: "vendor_maintainers, all_internal or all.") var userScope: String
        @Flag(help: "The old access path still runs beside it.") var parallelLegacyAccess = false
        @Option(help: "When it started (YYYY-MM-DD).") var startedOn: String?

        func run() async throws {
            guard let oid = try CoverageServices.oid(agency, flag: "--agency") else { return }
            guard let phase = ZeroTrustDeployment.Phase(rawValue: phase) else {
                throw CommandFailure(message: "--phase \(self.phase): expected 1, 2 or 3")
            }
            guard let status = ZeroTrustDeployment.Status(rawValue: status) else {
                throw CommandFailure(message: "--status \(self.status): expected planned, pilot or production")
            }
            guard let scope = ZeroTrustDeployment.UserScope(rawValue: userScope) else {
                throw CommandFailure(
                    message: "--user-scope \(userScope): expected vendor_maintainers, all_internal, all")
            }
            let deployment = ZeroTrustDeployment(
                system: InfoSystem.ID(agency: oid, code: system), phase: phase, status: status, userScope: scope,
                parallelLegacyAccess: parallelLegacyAccess,
                startedOn: try startedOn.map { try CoverageServices.day($0, flag: "--started-on") })
            try await storage.withBackend { backend in
                do { try await CoverageServices.desk(backend).setZeroTrust(deployment) } catch let error as StoreError
                    where error.kind == .invalidReference
                {
                    throw CommandFailure(message: "\(oid) has no system \(system) (import its systems first)")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List deployments (tab-separated).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The agency's OID (default every agency).") var agency: String?

        func run() async throws {
            let oid = try CoverageServices.oid(agency, flag: "--agency")
            let deployments = try await storage.withBackend { backend in
                try await CoverageServices.desk(backend).zeroTrust(agencies: oid.map { [$0] })
            }
            Console.output("system\tphase\tstatus\tuser_scope\tparallel_legacy\tstarted_on")
            for item in deployments {
                Console.output(
                    [
                        item.system.rawValue, "\(item.phase.rawValue)", item.status.rawValue, item.userScope.rawValue,
                        item.parallelLegacyAccess ? "yes" : "no", item.startedOn?.description ?? "",
                    ].joined(separator: "\t"))
            }
        }
    }
}
