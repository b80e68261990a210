/// The petition as handed to the unit with `assign --handoff` (交办单), its petitioner withheld when confidential.
///
/// A unit that must handle a case needs the petition: what it is about, when
/// and how it came, where, and usually who sent it, so it can call back. An
/// accusation (检举控告) is different: the accuser's identity must not reach
/// the accused (信访工作条例 Art. 30), so for a confidential case — filed with
/// `"confidential": true`, or of a category in the policy's
/// `confidential_categories` — the petitioner is left out entirely (not even
/// whether the petition was anonymous is said) and the line says
/// `"confidential": true`.
///
/// The fields, after the assignment's own: `received`, `channel`, `summary`,
/// `region`, `category`, `respondent` (when known), `people`, then one of
/// `petitioner` {`name`, `id_number`, `phone`, `address`} (masked with
/// `--redact`: name, ID and phone masked, address dropped), `"anonymous": true`,
/// or `"confidential": true`. The office's `source_id` and `repeat_of` stay in
/// the office.
enum Handoff {
    /// Whether and how the petition goes with an `assign` line.
    enum Mode: Sendable {
        /// No petition (plain `assign`).
        case none
        /// The petition, petitioner as filed (`--handoff`).
        case shown
        /// The petition, petitioner masked (`--handoff --redact`).
        case redacted
    }

    /// Whether the petitioner of `record` must be withheld from the unit.
    static func isConfidential(_ record: CaseRecord, policy: Policy) -> Bool {
        record.confidential || policy.confidentialCategories.contains(record.category)
    }

    /// Appends the petition of `record` to `line`.
    ///
    /// `record` comes from a ``CaseBook`` that retains texts (as `assign`'s does): otherwise
    /// its summary and petitioner are not known.
    /// Nothing is appended in mode ``Mode/none``.
    static func append(_ record: CaseRecord, to line: inout NDJSONLine, policy: Policy, mode: Mode) {
        if case .none = mode { return }
        line.field("received", policy.timeZone.format(record.received))
        line.field("channel", record.channel.rawValue)
        if let summary = record.summary { line.field("summary", summary) }
        line.field("region", record.region)
        line.field("category", record.category)
        if let respondent = record.respondent { line.field("respondent", respondent) }
        line.field("people", record.people)
        if isConfidential(record, policy: policy) {
            line.field("confidential", true)
        } else if let petitioner = record.petitioner {
            let shown = mode == .redacted ? Redaction.petitioner(petitioner) : petitioner
            shown.append(as: "petitioner", to: &line)
        } else {
            line.field("anonymous", true)
        }
    }
}
