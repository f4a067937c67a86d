import Logging

/// A logger's own metadata as a short list instead of a dictionary.
///
/// Hummingbird sets the request ID on every request's logger; in a `Logger.Metadata` dictionary
/// that hashed the key and grew a table each time (about 1.5 k instructions a request, issue 7).
/// A logger holds a handful of keys, so a list searched from the end costs less; the dictionary is
/// built only when a line is written.
struct LogMetadataList {
    private var pairs: [(key: String, value: Logger.Metadata.Value)] = []

    subscript(key: String) -> Logger.Metadata.Value? {
        get { pairs.last(where: { $0.key == key })?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    /// The metadata as swift-log hands it around.
    var dictionary: Logger.Metadata {
        get {
            var metadata: Logger.Metadata = [:]
            for (key, value) in pairs { metadata[key] = value }
            return metadata
        }
        set { pairs = newValue.map { (key: $0.key, value: $0.value) } }
    }
}
