/// Which free texts of the journal's events a reader needs as `String`s.
///
/// The journal decoder makes only those; the others are checked exactly as on the reference path
/// (type, blankness, UTF-8, escapes) but left empty (`""` or nil) in the event, which must then
/// only be folded into the state that asked for these texts (``JournalFold/textsRead``).
public enum EventTexts: Sendable, Equatable {
    /// Every field, as the reference path gives them.
    case all
    /// Only what a ``CaseBook`` keeps: summaries, petitioners and respondents when it retains texts,
    /// never the texts of replies, extensions and returns, notes, leaders, `from` or `source_id`.
    case caseBook(retainTexts: Bool)
    /// What a ``CaseBook`` that retains texts but not petitioners keeps: the filings' summaries
    /// and respondents (what `assign --auto`'s routing reads).
    case caseBookWithoutPetitioners
    /// Every text of a filing (`file` keys its duplicates and repeats by them), and of the other
    /// events only what a ``CaseBook`` that retains no texts keeps.
    case filings
}
