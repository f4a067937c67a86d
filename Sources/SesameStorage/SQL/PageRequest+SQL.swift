import SQLKit

extension PageRequest {
    /// The keyset part of a listing, appended to a query that already has a `WHERE` clause:
    /// the ID range, then the order and limit. Taking from the end reads the range backwards;
    /// ``inIDOrder(_:)`` turns the rows back into ascending order.
    var keysetClause: SQLQueryString {
        var clause: SQLQueryString = ""
        if let after { clause += " AND id > \(bind: after)" }
        if let before { clause += " AND id < \(bind: before)" }
        clause += fromEnd ? " ORDER BY id DESC" : " ORDER BY id"
        clause += " LIMIT \(literal: limit)"
        return clause
    }

    /// Rows fetched with ``keysetClause``, in ascending ID order.
    func inIDOrder<T>(_ rows: [T]) -> [T] { fromEnd ? rows.reversed() : rows }
}
