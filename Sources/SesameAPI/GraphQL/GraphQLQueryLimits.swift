import GraphQL

/// Depth and size limits checked on the parsed document before it runs, so a deeply nested or
/// enormous query is refused without touching the database.
struct GraphQLQueryLimits: Sendable {
    /// Deepest field nesting allowed (`viewer { … }` is depth 1).
    var maximumDepth = 10
    /// Most fields one document may select, counting each fragment use.
    var maximumComplexity = 500

    /// What the check found: the operation types present (GET must not run a mutation).
    struct Summary: Sendable {
        var operations: [(name: String?, type: OperationType)] = []
    }

    /// Parses `query` and checks it; a syntax error is left for the executor to report.
    func check(_ query: String) throws(GraphQLAPIError) -> Summary {
        guard let document = try? parse(source: query, noLocation: true) else { return Summary() }
        var fragments: [String: SelectionSet] = [:]
        var summary = Summary()
        var operations: [SelectionSet] = []
        for definition in document.definitions {
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment.selectionSet }
            if let operation = definition as? OperationDefinition {
                summary.operations.append((operation.name?.value, operation.operation))
                operations.append(operation.selectionSet)
            }
        }
        var complexity = 0
        for selectionSet in operations {
            let depth = try measure(selectionSet, depth: 1, fragments: fragments, visiting: [], complexity: &complexity)
            if depth > maximumDepth { throw GraphQLAPIError("the query is nested deeper than \(maximumDepth) levels") }
        }
        return summary
    }

    /// The deepest field level under `selectionSet`, adding every field to `complexity`.
    private func measure(
        _ selectionSet: SelectionSet, depth: Int, fragments: [String: SelectionSet], visiting: Set<String>, complexity: inout Int
    ) throws(GraphQLAPIError) -> Int {
        if depth > maximumDepth { throw GraphQLAPIError("the query is nested deeper than \(maximumDepth) levels") }
        var deepest = depth - 1
        for selection in selectionSet.selections {
            if let field = selection as? Field {
                complexity += 1
                if complexity > maximumComplexity { throw GraphQLAPIError("the query selects more than \(maximumComplexity) fields") }
                if let children = field.selectionSet {
                    deepest = max(deepest, try measure(children, depth: depth + 1, fragments: fragments, visiting: visiting, complexity: &complexity))
                } else {
                    deepest = max(deepest, depth)
                }
            } else if let inline = selection as? InlineFragment {
                deepest = max(deepest, try measure(inline.selectionSet, depth: depth, fragments: fragments, visiting: visiting, complexity: &complexity))
            } else if let spread = selection as? FragmentSpread {
                let name = spread.name.value
                // A fragment cycle is a validation error the executor reports; just stop here.
                guard !visiting.contains(name), let fragment = fragments[name] else { continue }
                deepest = max(deepest, try measure(fragment, depth: depth, fragments: fragments, visiting: visiting.union([name]), complexity: &complexity))
            }
        }
        return deepest
    }
}
