import Logging

/// What `vans serve` needs to start: where to listen and how much to log and accept.
///
/// Sources, lowest precedence first: built-in defaults (loopback, so nothing is exposed by accident), an
/// optional JSON file, `VANS_*` environment variables, then command-line flags (ADR 0012).
public struct ServerSettings: Hashable, Sendable, Codable {
    public var host: String
    public var port: Int
    public var logLevel: String
    /// The largest upload body accepted, in bytes.
    public var maxBodyBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: String = "info", maxBodyBytes: Int = 64 << 20) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.maxBodyBytes = maxBodyBytes
    }

    /// Settings given by one source: each field is nil where that source says nothing.
    public struct Layer: Hashable, Sendable, Codable {
        public var host: String?
        public var port: Int?
        public var logLevel: String?
        public var maxBodyBytes: Int?

        public init(host: String? = nil, port: Int? = nil, logLevel: String? = nil, maxBodyBytes: Int? = nil) {
            self.host = host
            self.port = port
            self.logLevel = logLevel
            self.maxBodyBytes = maxBodyBytes
        }

        /// `VANS_HOST`, `VANS_PORT`, `VANS_LOG_LEVEL`, `VANS_MAX_BODY_BYTES`.
        public init(environment: [String: String]) throws(SettingsError) {
            host = environment["VANS_HOST"]
            port = try Self.integer(environment["VANS_PORT"], name: "VANS_PORT")
            logLevel = environment["VANS_LOG_LEVEL"]
            maxBodyBytes = try Self.integer(environment["VANS_MAX_BODY_BYTES"], name: "VANS_MAX_BODY_BYTES")
        }

        static func integer(_ text: String?, name: String) throws(SettingsError) -> Int? {
            guard let text else { return nil }
            guard let value = Int(text) else { throw SettingsError(source: name, reason: "not an integer: \(text)") }
            return value
        }
    }

    /// `layers` applied in order, each overriding the ones before; the result is checked.
    public static func resolve(_ layers: [Layer]) throws(SettingsError) -> ServerSettings {
        var settings = ServerSettings()
        for layer in layers {
            if let host = layer.host { settings.host = host }
            if let port = layer.port { settings.port = port }
            if let logLevel = layer.logLevel { settings.logLevel = logLevel }
            if let maxBodyBytes = layer.maxBodyBytes { settings.maxBodyBytes = maxBodyBytes }
        }
        guard (0...65535).contains(settings.port) else {
            throw SettingsError(source: "port", reason: "\(settings.port) is not a TCP port")
        }
        guard Logger.Level(rawValue: settings.logLevel) != nil else {
            throw SettingsError(
                source: "logLevel",
                reason: "\(settings.logLevel) is not one of trace, debug, info, notice, warning, error, critical")
        }
        guard settings.maxBodyBytes > 0 else {
            throw SettingsError(source: "maxBodyBytes", reason: "must be positive")
        }
        return settings
    }

    public var level: Logger.Level { Logger.Level(rawValue: logLevel) ?? .info }
}

/// A setting that cannot be used, naming where it came from.
public struct SettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
