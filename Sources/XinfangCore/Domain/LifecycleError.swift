/// Why an event cannot happen to a case in its present state.
///
/// Each message names the case and what state it is in, as a clerk would want to read it.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let caseID: String
    public let message: String

    public init(caseID: String, message: String) {
        self.caseID = caseID
        self.message = message
    }

    public var description: String { "case \(caseID) \(message)" }

    /// An event for a case number that no `filed` event registered.
    public static func neverFiled(_ caseID: String) -> LifecycleError {
        LifecycleError(caseID: caseID, message: "does not exist (it was never filed)")
    }
}
