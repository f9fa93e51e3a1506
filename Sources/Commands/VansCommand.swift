import ArgumentParser

public struct VansCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vans",
        abstract: "OpenVANS: vulnerability alert and notification for agencies' software inventories."
    )

    public init() {}
}
