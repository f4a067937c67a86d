/// The outcome of one `sesame doctor` check: what was checked, and when it failed, what is
/// wrong and how an operator fixes it.
struct DoctorCheckResult: Sendable {
    /// What was checked, phrased as the state a healthy deployment is in.
    let title: String
    /// What is wrong; nil when the check passed.
    let problem: String?
    /// How to fix it.
    let fix: String?
    /// Extra information on a passing check (e.g. a fallback that was used).
    let note: String?

    var passed: Bool { problem == nil }

    static func pass(_ title: String, note: String? = nil) -> Self {
        Self(title: title, problem: nil, fix: nil, note: note)
    }

    static func fail(_ title: String, _ problem: String, fix: String) -> Self {
        Self(title: title, problem: problem, fix: fix, note: nil)
    }

    /// The lines printed for this check.
    var rendered: String {
        guard let problem else {
            return "✓ \(title)" + (note.map { "\n    note: \($0)" } ?? "")
        }
        return "✗ \(title)\n    problem: \(problem)" + (fix.map { "\n    fix: \($0)" } ?? "")
    }
}
