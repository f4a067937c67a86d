import Logging

/// The text log format: swift-log's `StreamLogHandler` on standard error, line for line, but with
/// the metadata formatted only when a line is written.
///
/// `StreamLogHandler` re-renders its whole metadata text whenever a key is set, and Hummingbird sets
/// the request ID on every request's logger: that rendering (sorting, `description` of each value,
/// joining) ran for every request whether or not anything was logged — about 8 k instructions of a
/// valid introspection (issue 7). Here the metadata is kept as given and handed to a
/// `StreamLogHandler` only for a line that is actually written, so the output does not change.
public struct TextLogHandler: LogHandler {
    /// Formats and writes; holds no metadata between lines.
    private var writer: StreamLogHandler
    private var ownMetadata = LogMetadataList()

    public var metadata: Logger.Metadata {
        get { ownMetadata.dictionary }
        set { ownMetadata.dictionary = newValue }
    }

    /// A handler writing to standard error under `label`.
    public init(label: String) { writer = .standardError(label: label) }

    /// A handler writing to `stream` with `metadataProvider` (tests compare its lines with a
    /// `StreamLogHandler`'s on a stream of its own).
    public init(label: String, stream: any TextOutputStream & Sendable, metadataProvider: Logger.MetadataProvider?) {
        writer = StreamLogHandler(label: label, stream: stream, metadataProvider: metadataProvider)
    }

    public var logLevel: Logger.Level {
        get { writer.logLevel }
        set { writer.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { writer.metadataProvider }
        set { writer.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { ownMetadata[key] }
        set { ownMetadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = writer
        line.metadata = metadata
        line.log(event: event)
    }
}
