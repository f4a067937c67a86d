import Foundation

/// MAS's `DateFilter`: a lower and an upper bound on a date, each optional, both exclusive. A
/// session never seen active has no date and so never matches a bounded filter (as in MAS, where
/// the comparison with a NULL `last_active_at` is false).
struct DateFilter: Codable, Sendable, Equatable {
    var after: Date?
    var before: Date?

    /// True when `date` lies within the bounds; any date (or none) matches a filter without bounds.
    func matches(_ date: Date?) -> Bool {
        if after == nil, before == nil { return true }
        guard let date else { return false }
        return (after.map { date > $0 } ?? true) && (before.map { date < $0 } ?? true)
    }
}

extension Optional where Wrapped == DateFilter {
    /// True when there is no filter or `date` matches it.
    func matches(_ date: Date?) -> Bool { self?.matches(date) ?? true }
}
