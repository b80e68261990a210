/// The verbs `xinfang` knows, in the order `--help` lists them. Add a new verb here.
enum VerbRegistry {
    static let all: [any Verb.Type] = [
        FileVerb.self,
        AssignVerb.self,
        ReplyVerb.self,
        AuditVerb.self,
        StatsVerb.self,
    ]
}
