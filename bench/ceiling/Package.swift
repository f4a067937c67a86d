// swift-tools-version:5.10
import PackageDescription

/// The ceilings `make bench` compares Sesame with: a Hummingbird route returning a constant, and one
/// doing a single indexed SQLite read on one shared connection. Built apart from Sesame
/// (`--scratch-path .build-ceiling`) so it never touches the main package.
let package = Package(
    name: "sesame-bench-ceiling",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
    ],
    targets: [
        .executableTarget(
            name: "ceiling",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]
        ),
    ]
)
