// swift-tools-version:6.1
import Foundation
import PackageDescription

// The manifest is the layering contract (docs/ARCHITECTURE.md): L0 targets depend only on each other and
// never on I/O frameworks; AppCore holds ports and use cases; adapters sit above it; `Commands` is the one
// composition root. CI builds with `--explicit-target-dependency-import-check error`, so an import that
// is not declared here fails the build.

let package = Package(
    name: "OpenVANS",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vans", targets: ["vans"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/async-kit", from: "1.22.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // MARK: L0 — pure values in, values out
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Zlib", dependencies: ["CZlib"]),
        .target(name: "JSON"),
        .target(name: "XML"),
        .target(name: "CPE"),
        .target(name: "Versioning"),
        .target(name: "VulnModel", dependencies: ["CPE", "Versioning"]),
        .target(name: "Feeds", dependencies: ["VulnModel", "JSON", "CPE"]),
        // NVD sync planning (windows, pages, rate schedule, retries, cursor) and feed-change impact (ADR 0015).
        .target(name: "FeedSync", dependencies: ["VulnModel", "JSON"]),
        .target(name: "Matching", dependencies: ["VulnModel", "CPE", "Versioning"]),
        .target(name: "Inventory", dependencies: ["Zlib", "JSON", "XML"]),
        .target(name: "Snapshot", dependencies: ["Matching", "VulnModel", "CPE", "Versioning", "Zlib"]),
        .target(name: "Identification", dependencies: ["Inventory", "VulnModel", "CPE", "Versioning", "JSON"]),
        .target(name: "Governance", dependencies: ["VulnModel", "JSON"]),
        .target(name: "Spreadsheet", dependencies: ["Zlib"]),
        .target(name: "Remediation", dependencies: ["Governance", "VulnModel", "Versioning", "CPE", "JSON"]),
        // WebAuthn verification (ADR 0014); its cryptography comes in through a protocol that `Signatures` implements.
        .target(name: "WebAuthn", dependencies: ["JSON"]),

        // MARK: L1 — ports and use cases
        .target(
            name: "AppCore",
            dependencies: [
                "VulnModel", "Feeds", "Matching", "CPE", "Inventory", "Identification", "Governance", "Remediation",
                "FeedSync", "WebAuthn", "JSON",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: L2 — adapters
        .target(
            name: "FeedFiles",
            dependencies: [
                "AppCore", "Feeds", "VulnModel", "Zlib", "FeedSync", "Matching", "Snapshot",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Feed downloads for `vans feeds sync` (ADR 0015).
        .target(
            name: "FeedHTTP",
            dependencies: [
                "AppCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The OpenAPI-generated API (spec in Sources/HTTPAPI/openapi.yaml, code generated at build time).
        .target(
            name: "HTTPAPI",
            dependencies: [
                "AppCore", "JSON", "Governance", "Identification", "VulnModel", "WebAuthn", "Remediation",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The Hummingbird application: middleware, error mapping, metrics, lifecycle. Routes come from the
        // composition root, so Server does not depend on HTTPAPI (ADR 0012).
        .target(
            name: "Server",
            dependencies: [
                "AppCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Server-rendered pages (zh-TW, English), on AppCore's read-only queries; routes added by the composition
        // root like the API's, so neither L2 target names the other (ADR 0012).
        .target(
            name: "WebUI",
            dependencies: [
                "AppCore", "Governance", "VulnModel", "Identification", "Spreadsheet", "Remediation",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // One SQL implementation of the storage ports; the two below only open connections for it (ADR 0009).
        .target(
            name: "Storage",
            dependencies: [
                "AppCore", "Governance", "Identification", "VulnModel", "Remediation", "Versioning",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Storage", "AppCore",
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Storage", "AppCore",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // SMTP and signed webhook delivery of reminders (ADR 0011), on SwiftNIO: no SMTP package is available.
        .target(
            name: "Mail",
            dependencies: [
                "AppCore", "Remediation", "VulnModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // swift-crypto and swift-certificates behind WebAuthn's `WebAuthnCrypto`.
        .target(
            name: "Signatures",
            dependencies: [
                "WebAuthn",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),

        // MARK: L3 — composition root and executable
        .target(
            name: "Commands",
            dependencies: [
                "AppCore", "FeedFiles", "VulnModel", "Matching", "Feeds", "CPE", "Inventory", "JSON", "Snapshot",
                "Identification", "Zlib", "HTTPAPI", "Server", "Storage", "StorageSQLite", "StoragePostgres",
                "FeedHTTP", "Governance", "WebAuthn", "Signatures", "WebUI", "Mail", "Remediation", "Versioning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "vans", dependencies: ["Commands"]),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["Zlib", "Governance", "VulnModel"], path: "Tests/TestSupport"),
        // In-memory feed-source store and job queue shared by the feed tests.
        .target(name: "StoreFakes", dependencies: ["AppCore", "VulnModel"], path: "Tests/StoreFakes"),
        // A software passkey (P-256 keys from swift-crypto) producing real registration and assertion messages.
        .target(
            name: "SoftwareAuthenticator",
            dependencies: ["WebAuthn", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/SoftwareAuthenticator"
        ),
        .testTarget(
            name: "WebAuthnTests",
            dependencies: [
                "WebAuthn", "Signatures", "SoftwareAuthenticator", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "ZlibTests", dependencies: ["Zlib", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "XMLTests", dependencies: ["XML", "TestSupport"]),
        .testTarget(name: "CPETests", dependencies: ["CPE", "TestSupport"]),
        .testTarget(name: "VersioningTests", dependencies: ["Versioning", "TestSupport"]),
        .testTarget(name: "VulnModelTests", dependencies: ["VulnModel", "CPE", "Versioning", "TestSupport"]),
        .testTarget(
            name: "SnapshotTests",
            dependencies: ["Snapshot", "Matching", "VulnModel", "Feeds", "CPE", "TestSupport"]
        ),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "TestSupport"]),
        .testTarget(
            name: "IdentificationTests",
            dependencies: ["Identification", "Inventory", "VulnModel", "Feeds", "CPE", "Versioning", "TestSupport"]
        ),
        .testTarget(
            name: "FeedsTests",
            dependencies: [
                "Feeds", "FeedFiles", "AppCore", "VulnModel", "JSON", "Zlib", "Snapshot", "TestSupport", "StoreFakes",
            ]
        ),
        .testTarget(
            name: "MatchingTests",
            dependencies: ["Matching", "VulnModel", "Feeds", "CPE", "Versioning", "TestSupport"]
        ),
        .testTarget(
            name: "AppCoreTests",
            dependencies: [
                "AppCore", "FeedFiles", "VulnModel", "Matching", "Feeds", "Inventory", "Identification", "TestSupport",
                "Governance",
            ]
        ),
        .testTarget(
            name: "CommandsTests",
            dependencies: [
                "Commands", "TestSupport", "AppCore", "Governance", "Identification", "Remediation", "Storage",
                "StorageSQLite", "VulnModel",
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "HTTPAPI", "AppCore", "Storage", "StorageSQLite", "Governance", "VulnModel", "TestSupport",
                "Remediation",
                "WebAuthn", "Signatures", "SoftwareAuthenticator", "FeedFiles", "Identification", "Matching",
                "Inventory", "StoragePostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "Inventory", "TestSupport"]),
        .testTarget(
            name: "WebUITests",
            dependencies: [
                "WebUI", "AppCore", "Storage", "StorageSQLite", "Governance", "VulnModel", "Identification",
                "FeedFiles", "Matching", "TestSupport", "Remediation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FeedSyncTests", dependencies: ["FeedSync", "VulnModel", "TestSupport"]),
        .testTarget(
            name: "FeedHTTPTests",
            dependencies: [
                "FeedHTTP", "FeedFiles", "AppCore", "FeedSync", "VulnModel", "TestSupport", "StoreFakes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "GovernanceTests", dependencies: ["Governance", "VulnModel", "TestSupport"]),
        .testTarget(
            name: "RemediationTests",
            dependencies: ["Remediation", "Governance", "VulnModel", "Versioning", "JSON", "TestSupport"]
        ),
        .testTarget(
            name: "MailTests",
            dependencies: [
                "Mail", "AppCore", "Remediation", "Governance", "VulnModel", "Storage", "StorageSQLite", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "StorageSQLite", "StoragePostgres", "AppCore", "Governance", "Identification", "VulnModel",
                "Remediation", "Versioning", "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The identification throughput benchmark (Benchmarks/identification/README.md), only when asked for:
//   VANS_IDENTIFY_BENCH=1 swift run -c release IdentificationBenchmark
if ProcessInfo.processInfo.environment["VANS_IDENTIFY_BENCH"] != nil {
    package.targets.append(
        .executableTarget(
            name: "IdentificationBenchmark",
            dependencies: ["Identification", "Inventory", "Zlib"],
            path: "Benchmarks/identification/Throughput"
        )
    )
}

// The storage throughput benchmark (snapshot rows, findings upserts, job claims, key checks), only when asked for:
//   VANS_STORAGE_BENCH=1 scripts/postgres-test.sh run swift run -c release StorageBenchmark
if ProcessInfo.processInfo.environment["VANS_STORAGE_BENCH"] != nil {
    package.targets.append(
        .executableTarget(
            name: "StorageBenchmark",
            dependencies: [
                "Storage", "StorageSQLite", "StoragePostgres", "AppCore", "Governance", "Identification", "VulnModel",
            ],
            path: "Benchmarks/storage/Throughput"
        )
    )
}

// The simulated year of issue 5 (Benchmarks/year/README.md), only when asked for:
//   VANS_YEAR_BENCH=1 swift build -c release --product YearSimulation && scripts/year-simulation.sh
if ProcessInfo.processInfo.environment["VANS_YEAR_BENCH"] != nil {
    package.targets.append(
        .executableTarget(
            name: "YearSimulation",
            dependencies: [
                "AppCore", "FeedFiles", "Governance", "Identification", "Mail", "Matching", "Remediation", "Storage",
                "StoragePostgres", "StorageSQLite", "VulnModel", "WebUI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/year/Simulation"
        )
    )
}

// Benchmarks (ordo-one/benchmark) are added only when asked for, so that the everyday build and CI do not
// compile the harness:  VANS_BENCHMARKS=1 swift package --allow-writing-to-package-directory benchmark
if ProcessInfo.processInfo.environment["VANS_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                "AppCore", "FeedFiles", "Matching", "VulnModel", "Inventory",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Engine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}
