// swift-tools-version:6.2
import PackageDescription

/// One SwiftPM target per concern; see ../shared/DESIGN.md for what each may import.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// How the `sesame` binary is linked on Linux, for a small idle footprint (issue 7; measured in
/// docs/performance.md). The kernel maps code in 64 kB blocks around each page touched, so code
/// run at start-up scattered over the binary made most of it resident:
/// - lld places the functions listed in linker/startup-order.txt (those run from launch to the
///   first answer; `scripts/startup-order.sh` rewrites the list, stale names are ignored) side by side;
/// - `--no-export-dynamic` drops the 67,000-symbol dynamic table the toolchain asks for (nothing
///   loads code into `sesame` or looks its symbols up);
/// - `pack-relative-relocs` stores the position-independent relocations compactly (glibc ≥ 2.36);
/// - `--as-needed` keeps shared libraries nothing calls out of the loaded set.
let serverLinkerFlags = [
    "-use-ld=lld",
    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/linker/startup-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
    "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--as-needed",
]

let package = Package(
    name: "sesame",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sesame", targets: ["sesame"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        // Minor releases only: CSQLite3 wraps its vendored SQLite target (`VaporCSQLite`), which is
        // not sqlite-nio's public API.
        .package(url: "https://github.com/vapor/sqlite-nio.git", .upToNextMinor(from: "1.13.2")),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/GraphQLSwift/Graphiti.git", from: "3.1.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Debian's libargon2 (libargon2-dev), the reference argon2id implementation.
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        // SQLite as sqlite-nio vendors it (its amalgamation, compiled into the binary), under the
        // usual function names: Sesame's own small driver calls it directly, so a whole
        // transaction runs on the calling thread with cached prepared statements (issue 7).
        .target(
            name: "CSQLite3",
            dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        .target(
            name: "SesameModel",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameStorage",
            dependencies: [
                "SesameModel", "CSQLite3",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameCrypto",
            dependencies: [
                "SesameModel",
                "CArgon2",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameAccounts",
            dependencies: ["SesameModel", "SesameStorage", "SesameCrypto"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameOAuth",
            dependencies: [
                "SesameModel", "SesameStorage", "SesameCrypto", "SesameAccounts",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameMatrix",
            dependencies: [
                "SesameModel", "SesameStorage", "SesameCrypto", "SesameAccounts",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Outgoing mail: an SMTP client (plain, STARTTLS, implicit TLS, AUTH) on SwiftNIO, a
        // log-only transport for development, and the mail templates (text + HTML).
        .target(
            name: "SesameEmail",
            dependencies: [
                "SesameModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameWeb",
            dependencies: [
                "SesameOAuth", "SesameAccounts", "SesameEmail",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameAPI",
            dependencies: [
                "SesameOAuth", "SesameStorage", "SesameAccounts",
                .product(name: "Graphiti", package: "Graphiti"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SesameServer",
            dependencies: [
                "SesameModel", "SesameStorage", "SesameCrypto", "SesameAccounts", "SesameOAuth",
                "SesameMatrix", "SesameWeb", "SesameAPI", "SesameEmail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sesame",
            dependencies: [
                "SesameServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [.unsafeFlags(serverLinkerFlags, .when(platforms: [.linux]))]
        ),
        // Test fixture: writes transactions in a loop until killed (crash-consistency test).
        .executableTarget(
            name: "sesame-crash-writer",
            dependencies: ["SesameStorage", "SesameModel"],
            path: "Sources/SesameCrashWriter",
            swiftSettings: swiftSettings
        ),
        // `make bench`'s ceilings: a Hummingbird route returning a constant and routes doing one
        // SQLite read (via SQLiteNIO, and via SQLite's C API directly). Built with Sesame so the release
        // build of Hummingbird and NIO is shared.
        .executableTarget(
            name: "sesame-bench-ceiling",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Sources/SesameBenchCeiling",
            // A script-like main.swift with top-level state, as it was in its own package.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(name: "SesameModelTests", dependencies: ["SesameModel"]),
        // glibc's posix_spawn extensions (chdir, closefrom), which need _GNU_SOURCE.
        .target(name: "CProcessSpawn", path: "Tests/CProcessSpawn"),
        // Fresh storage per test on SQLite and, when SESAME_TEST_POSTGRES_URL is set, PostgreSQL;
        // child processes started with posix_spawn.
        .target(
            name: "SesameTestSupport",
            dependencies: [
                "SesameStorage", "SesameModel", "CProcessSpawn",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/SesameTestSupport"
        ),
        // Runs the built `sesame` binary as a shell script would.
        .testTarget(name: "SesameCLITests", dependencies: ["SesameTestSupport"]),
        .testTarget(
            name: "SesameStorageTests",
            dependencies: [
                "SesameStorage", "SesameTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameCryptoTests",
            dependencies: ["SesameCrypto", .product(name: "JWTKit", package: "jwt-kit")]
        ),
        .testTarget(
            name: "SesameAccountsTests",
            dependencies: [
                "SesameAccounts",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameOAuthTests",
            dependencies: [
                "SesameOAuth", "SesameTestSupport",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameMatrixTests",
            dependencies: [
                "SesameMatrix",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SesameEmailTests",
            dependencies: [
                "SesameEmail", "SesameTestSupport",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameWebTests",
            dependencies: [
                "SesameWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameAPITests",
            dependencies: [
                "SesameAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SesameServerTests",
            dependencies: [
                "SesameServer", "SesameEmail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
