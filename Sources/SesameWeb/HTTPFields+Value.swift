import HTTPTypes

extension HTTPFields {
    /// What `self[name]` answers — the field's value, or every value joined when the field was sent
    /// more than once — without its cost when the field was sent once. HTTPTypes' subscript always
    /// joins through a lazy generic `joined`, about 4 k instructions per lookup on the homeserver's
    /// introspection path (issue 7).
    public func value(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            // Sent again: the subscript's joined form, separators and all.
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}
