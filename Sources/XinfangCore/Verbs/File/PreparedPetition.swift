/// One input line of `file` read and checked on its own, before it is decided against the journal.
///
/// Reading a petition needs nothing but the line, the form and the batch's time, so
/// ``WriterSession`` makes these for a whole batch at once (on more than one thread),
/// and only the duplicate check, the repeat link and the case number wait for the state.
enum PreparedPetition: Sendable {
    /// The petition as it will be filed (without `repeat_of`), with what deciding it needs.
    case filing(ReadyFiling)
    /// Refused, with the message naming the field and the value.
    case rejected(String)

    /// Reads a byte of each cache line deciding the petitions touches first, in them and in the
    /// filing index (``WriterSession/ReadAhead``; read in place, so that no reference is counted).
    static func readAhead(_ petitions: UnsafeBufferPointer<PreparedPetition>, index: borrowing FilingIndex) -> UInt8 {
        var mixed: UInt8 = 0
        for petition in petitions.indices {
            guard case .filing(let ready) = petitions[petition] else { continue }
            mixed ^= ready.readAhead() ^ index.readAhead(ready.keys)
        }
        return mixed
    }

    /// Reads `record`: straight from its bytes when it is a plain petition (``PetitionLineReader``),
    /// else strictly (the JSON tree, then ``PetitionForm``), which words any refusal.
    static func read(_ record: InputRecord, form: PetitionForm, now: Instant) -> PreparedPetition {
        if record.isUnparsedLine,
           let (filing, received) = record.bytes.withUnsafeBytes({ PetitionLineReader(form: form).read($0, now: now) }) {
            return .filed(filing, received: received, form: form)
        }
        return readStrictly(record, form: form, now: now)
    }

    /// Reads `record` the strict way only: the JSON tree, then ``PetitionForm`` (the reference for the fast reader).
    static func readStrictly(_ record: InputRecord, form: PetitionForm, now: Instant) -> PreparedPetition {
        switch record.object {
        case .failure(let error): return .rejected(error.message)
        case .success(let object): return read(object, form: form, now: now)
        }
    }

    /// Reads a parsed line with ``PetitionForm``.
    static func read(_ object: JSONObject, form: PetitionForm, now: Instant) -> PreparedPetition {
        do {
            let (filing, received) = try form.read(object, now: now)
            return .filed(filing, received: received, form: form)
        } catch {
            return .rejected(error.description)
        }
    }

    /// A petition to file, with what deciding it needs.
    private static func filed(_ filing: consuming Filing, received: Instant, form: PetitionForm) -> PreparedPetition {
        .filing(ReadyFiling(filing, received: received, timeZone: form.policy.timeZone))
    }
}

/// A petition read and checked, with what deciding it needs that the filing alone gives, made
/// while the batch is prepared (on any thread) rather than on the deciding thread.
///
/// A class: the deciding thread passes it along (and the filing index keeps it until the case is
/// noted) with one reference count, not one per text of the filing; and it takes the filing out
/// (``takeFiling(repeatOf:)``) into the event it writes, rather than copying it.
final class ReadyFiling: @unchecked Sendable {
    /// The petition as it will be filed, without `repeat_of`; nil once taken.
    ///
    /// Set while the batch is prepared, on the preparing thread; read and taken afterwards by the
    /// deciding thread only, which is why the class is `@unchecked Sendable`.
    private var untaken: Filing?

    /// The petition as it will be filed, without `repeat_of` (a copy: call it before ``takeFiling(repeatOf:)``).
    var filing: Filing { untaken! }
    /// The petition's category and respondent, kept apart for the repeat check (reading them from
    /// ``filing`` would copy the whole filing).
    let category: String
    let respondent: String?
    /// When it was received.
    let received: Instant
    /// The keys ``FilingIndex`` looks the filing up by.
    let keys: FilingKeys
    /// Its fields as the journal line will have them.
    let encoded: EncodedFiling
    /// Where the filing's summary, ID number and address keep their bytes, when on the heap: the
    /// deciding thread reads them ahead (``readAhead()``), as it is the one that frees them once the
    /// event has been written. Read only while the filing lives, before it is taken.
    private let textAddresses: (UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?)

    init(_ filing: consuming Filing, received: Instant, timeZone: borrowing OfficeTimeZone) {
        let (encoded, ranges) = EncodedFiling.withKeys(filing, received: received, timeZone: timeZone)
        self.encoded = encoded
        keys = FilingKeys(storage: encoded.bytes, ranges: ranges)
        category = filing.category
        respondent = filing.respondent
        textAddresses = Self.textAddresses(of: filing)
        untaken = filing
        self.received = received
    }

    /// Reads a byte of each cache line of this object and of its array of fields and keys (the
    /// deciding thread's first touches of what the preparing thread made).
    func readAhead() -> UInt8 {
        var mixed = UInt8(truncatingIfNeeded: received.seconds) ^ UInt8(truncatingIfNeeded: encoded.count)
        mixed ^= UInt8(truncatingIfNeeded: keys.fingerprint.digest) ^ UInt8(truncatingIfNeeded: category.utf8.count)
        var offset = 0
        while offset < encoded.bytes.count {
            mixed ^= encoded.bytes[offset]
            offset += 64
        }
        if let address = textAddresses.0 { mixed ^= address.load(as: UInt8.self) }
        if let address = textAddresses.1 { mixed ^= address.load(as: UInt8.self) }
        if let address = textAddresses.2 { mixed ^= address.load(as: UInt8.self) }
        return mixed
    }

    /// ``textAddresses`` of `filing`.
    private static func textAddresses(of filing: borrowing Filing) -> (UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) {
        guard let petitioner = filing.petitioner else { return (heapAddress(of: filing.summary), nil, nil) }
        return (heapAddress(of: filing.summary), petitioner.idNumber.flatMap(heapAddress(of:)),
                petitioner.address.flatMap(heapAddress(of:)))
    }

    /// Where `text` keeps its bytes when they are on the heap (longer than a small string's 15
    /// bytes), nil otherwise: a small string's bytes are only copied out for the call.
    private static func heapAddress(of text: borrowing String) -> UnsafeRawPointer? {
        guard text.utf8.count > 15 else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    /// The filing with its `repeat_of`, moved out: no text of it is copied. Call it once.
    func takeFiling(repeatOf: String?) -> Filing {
        untaken!.repeatOf = repeatOf
        return untaken.take()!
    }
}
