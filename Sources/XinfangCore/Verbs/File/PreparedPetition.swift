/// One input line of `file` read and checked on its own, before it is decided against the journal.
///
/// Reading a petition needs nothing but the line, the form and the batch's time, so
/// ``WriterSession`` makes these for a whole batch at once (on more than one thread),
/// and only the duplicate check, the repeat link and the case number wait for the state.
public enum PreparedPetition: Sendable {
    /// The petition as it will be filed (without `repeat_of`) and when it was received.
    case filing(Filing, received: Instant)
    /// Refused, with the message naming the field and the value.
    case rejected(String)

    /// Reads `record`: straight from its bytes when it is a plain petition (``PetitionLineReader``),
    /// else strictly (the JSON tree, then ``PetitionForm``), which words any refusal.
    public static func read(_ record: InputRecord, form: PetitionForm, now: Instant) -> PreparedPetition {
        if record.isUnparsedLine,
           let (filing, received) = record.bytes.withUnsafeBytes({ PetitionLineReader(form: form).read($0, now: now) }) {
            return .filing(filing, received: received)
        }
        return readStrictly(record, form: form, now: now)
    }

    /// Reads `record` the strict way only: the JSON tree, then ``PetitionForm`` (the reference for the fast reader).
    public static func readStrictly(_ record: InputRecord, form: PetitionForm, now: Instant) -> PreparedPetition {
        switch record.object {
        case .failure(let error): return .rejected(error.message)
        case .success(let object): return read(object, form: form, now: now)
        }
    }

    /// Reads a parsed line with ``PetitionForm``.
    public static func read(_ object: JSONObject, form: PetitionForm, now: Instant) -> PreparedPetition {
        do {
            let (filing, received) = try form.read(object, now: now)
            return .filing(filing, received: received)
        } catch {
            return .rejected(error.description)
        }
    }
}
