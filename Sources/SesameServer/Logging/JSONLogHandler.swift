import Foundation
import Logging

/// Writes one JSON object per line to standard error: timestamp, level, label, message and metadata,
/// so log shippers can index fields such as `hb.request.id` without parsing text.
public struct JSONLogHandler: LogHandler {
    private var ownMetadata = LogMetadataList()
    public var logLevel: Logger.Level = .info
    private let label: String

    /// Creates a handler for a logger label.
    public init(label: String) { self.label = label }

    public var metadata: Logger.Metadata {
        get { ownMetadata.dictionary }
        set { ownMetadata.dictionary = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { ownMetadata[key] }
        set { ownMetadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [
            "timestamp": Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = value.description
        }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }
}
