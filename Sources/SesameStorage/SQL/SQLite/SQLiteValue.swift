import CSQLite3
import Foundation

/// One value as SQLite stores it (its five storage classes).
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case null
}

extension SQLiteValue {
    /// The stored form of a bound value. Dates are stored as REAL seconds since 1970 and booleans
    /// as 0/1 — the encoding SQLiteNIO used, so databases written before this driver read the same.
    init(binding value: any Encodable) throws {
        switch value {
        case let text as String: self = .text(text)
        case let flag as Bool: self = .integer(flag ? 1 : 0)
        case let number as Int: self = .integer(Int64(number))
        case let number as Int64: self = .integer(number)
        case let number as Int32: self = .integer(Int64(number))
        case let date as Date: self = .float(date.timeIntervalSince1970)
        case let number as Double: self = .float(number)
        case let bytes as Data: self = .blob([UInt8](bytes))
        case let bytes as [UInt8]: self = .blob(bytes)
        default:
            // `nil` of any optional, and types that encode as one value (IDs, raw-value enums).
            let encoder = SingleValueCapture()
            try value.encode(to: encoder)
            guard let captured = encoder.value else {
                throw SQLiteDriverError(code: SQLITE_MISMATCH, message: "cannot bind a \(type(of: value)): it does not encode as a single value")
            }
            self = captured
        }
    }
}

/// An `Encoder` that accepts exactly one primitive value, for binds of wrapper types.
private final class SingleValueCapture: Encoder, SingleValueEncodingContainer {
    var value: SQLiteValue?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RefusingKeyedContainer<Key>())
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }
    func encode(_ value: Bool) throws { self.value = .integer(value ? 1 : 0) }
    func encode(_ value: String) throws { self.value = .text(value) }
    func encode(_ value: Double) throws { self.value = .float(value) }
    func encode(_ value: Float) throws { self.value = .float(Double(value)) }
    func encode(_ value: Int) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int32) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int64) throws { self.value = .integer(value) }
    func encode(_ value: UInt) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt32) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt64) throws { self.value = .integer(Int64(bitPattern: value)) }

    func encode<T: Encodable>(_ value: T) throws {
        self.value = try SQLiteValue(binding: value)
    }
}

private struct RefusingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    func encodeNil(forKey _: Key) throws { throw refusal }
    func encode<T: Encodable>(_: T, forKey _: Key) throws { throw refusal }
    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey _: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }
    func nestedUnkeyedContainer(forKey _: Key) -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    func superEncoder() -> any Encoder { SingleValueCapture() }
    func superEncoder(forKey _: Key) -> any Encoder { SingleValueCapture() }
}

private struct RefusingUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    func encodeNil() throws { throw refusal }
    func encode<T: Encodable>(_: T) throws { throw refusal }
    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusingKeyedContainer<NestedKey>())
    }
    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyedContainer() }
    func superEncoder() -> any Encoder { SingleValueCapture() }
}

private let refusal = SQLiteDriverError(code: SQLITE_MISMATCH, message: "only single values can be bound to a statement")
