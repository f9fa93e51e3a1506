import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `vans` command tree.
public struct VansCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vans",
        abstract: "OpenVANS: vulnerability alert and notification for agencies' software inventories.",
        subcommands: [
            MatchCommand.self, IdentifyCommand.self, FeedsCommand.self, ServeCommand.self, WorkerCommand.self,
            UsersCommand.self, KeysCommand.self, RemindCommand.self, ExportCommand.self, StatsCommand.self,
            VEXCommand.self, RecordsCommand.self, DecideCommand.self, ProhibitedCommand.self,
            AgenciesCommand.self, SystemsCommand.self, CoverageCommand.self, ObligationsCommand.self,
            ZeroTrustCommand.self,
        ]
    )

    public init() {}
}

/// Runs `vans` in-process and returns its exit status: 0 on success, 2 on bad arguments or unreadable
/// input (with a message naming the file and line), 1 on anything else.
public enum VansCLI {
    /// The process entry point: runs with the command-line arguments and exits with the status.
    public static func main() async -> Never {
        exit(await $endsProcess.withValue(true) { await run(Array(CommandLine.arguments.dropFirst())) })
    }

    /// True while `main` runs the command: the process ends right after it, so a command may exit once its output
    /// is written instead of freeing what it built object by object (ADR 0017). In-process callers leave it false.
    @TaskLocal static var endsProcess = false

    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try VansCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            Console.error("vans: \(failure.message)")
            return 2
        } catch {
            let code = VansCommand.exitCode(for: error)
            let message = VansCommand.fullMessage(for: error)
            if code == .success {
                Console.output(message)
                return 0
            }
            Console.error(message)
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// A failure caused by the user's input: exit status 2, with a message naming what and where.
struct CommandFailure: Error {
    let message: String
}
