import Server
import Testing

@Suite("ServerSettings precedence")
struct ServerSettingsTests {
    @Test("defaults listen on loopback")
    func defaults() throws {
        let settings = try ServerSettings.resolve([])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
    }

    @Test("file < environment < flags")
    func precedence() throws {
        let file = ServerSettings.Layer(host: "0.0.0.0", port: 9000, logLevel: "debug")
        let environment = try ServerSettings.Layer(environment: ["VANS_PORT": "9100", "VANS_LOG_LEVEL": "error"])
        let flags = ServerSettings.Layer(port: 9200)
        let settings = try ServerSettings.resolve([file, environment, flags])
        #expect(settings == ServerSettings(host: "0.0.0.0", port: 9200, logLevel: "error"))
    }

    @Test(
        "bad values name their source",
        arguments: [
            (["VANS_PORT": "eighty"], "VANS_PORT"), (["VANS_PORT": "70000"], "port"),
            (["VANS_LOG_LEVEL": "loud"], "logLevel"),
        ])
    func refused(environment: [String: String], source: String) {
        #expect {
            try ServerSettings.resolve([ServerSettings.Layer(environment: environment)])
        } throws: { error in
            (error as? SettingsError)?.source == source
        }
    }
}
