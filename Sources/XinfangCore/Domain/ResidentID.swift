import Foundation

/// A valid Chinese resident identity number (公民身份号码, GB 11643-1999).
///
/// An 18-character number: a 6-digit address code, the birth date as
/// `YYYYMMDD`, a 3-digit sequence code and a check digit (`0`–`9` or `X`)
/// computed with ISO 7064 MOD 11-2. A value of this type has passed every
/// check in ``parse(_:)``; its ``value`` is normalised (surrounding
/// whitespace removed, a final `x` written `X`).
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    /// The normalised number: 18 characters, a final `x` upper-cased to `X`.
    public let value: String
    /// The birth year (characters 7–10), 1900…2100.
    public let birthYear: Int
    /// The birth month (characters 11–12), 1…12.
    public let birthMonth: Int
    /// The birth day (characters 13–14), a day that exists in that month.
    public let birthDay: Int

    /// The normalised number, as in ``value``.
    public var description: String { value }

    /// The weights of characters 1–17 in the check-digit sum.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check digit for each value of the weighted sum modulo 11.
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    private init(value: String, birthYear: Int, birthMonth: Int, birthDay: Int) {
        self.value = value
        self.birthYear = birthYear
        self.birthMonth = birthMonth
        self.birthDay = birthDay
    }

    /// Checks and normalises a resident identity number.
    ///
    /// Surrounding whitespace (including the ideographic space U+3000) is
    /// trimmed first. The checks run in this order and the first failure is
    /// returned: length 18; characters 1–17 ASCII digits and character 18 a
    /// digit, `X` or `x` (full-width digits are refused); characters 7–14 a
    /// real Gregorian date with a year from 1900 to 2100; the check digit.
    public static func parse(_ text: String) -> Result<ResidentID, ResidentIDError> {
        if let valid = parseCanonical(text) { return .success(valid) }
        let characters = Array(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard characters.count == 18 else {
            return .failure(.wrongLength(characters.count))
        }
        var digits: [Int] = []
        digits.reserveCapacity(17)
        for (offset, character) in characters.enumerated() {
            if offset < 17 {
                guard let digit = asciiDigit(character) else {
                    return .failure(.invalidCharacter(position: offset + 1, character: character))
                }
                digits.append(digit)
            } else if asciiDigit(character) == nil, character != "X", character != "x" {
                return .failure(.invalidCharacter(position: 18, character: character))
            }
        }
        let year = number(digits[6..<10])
        let month = number(digits[10..<12])
        let day = number(digits[12..<14])
        guard (1900...2100).contains(year), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day) else {
            return .failure(.invalidBirthDate(String(characters[6..<14])))
        }
        let expected = checkCharacter(for: digits)
        let found: Character = characters[17] == "x" ? "X" : characters[17]
        guard found == expected else {
            return .failure(.checkDigitMismatch(expected: expected, found: found))
        }
        return .success(ResidentID(
            value: String(characters[0..<17]) + String(expected),
            birthYear: year, birthMonth: month, birthDay: day))
    }

    /// The fast path for the common case, a valid number of 18 ASCII bytes: checked on the bytes,
    /// without building characters. Anything else (including every invalid number) returns nil and
    /// goes through the full path, which names the problem.
    private static func parseCanonical(_ text: String) -> ResidentID? {
        var utf8 = text
        return utf8.withUTF8 { bytes -> ResidentID? in
            guard bytes.count == 18 else { return nil }
            let weights = Self.weights
            var sum = 0
            for index in 0..<17 {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                sum += digit * weights[index]
            }
            func value(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1]) - 48 } }
            let year = value(6..<10), month = value(10..<12), day = value(12..<14)
            guard (1900...2100).contains(year), (1...12).contains(month),
                  (1...daysIn(month: month, year: year)).contains(day) else { return nil }
            let checks: StaticString = "10X98765432"
            let expected = checks.utf8Start[sum % 11]
            let last = bytes[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : bytes[17]
            guard last == expected else { return nil }
            let normalised = bytes[17] == UInt8(ascii: "x") ? String(text.dropLast()) + "X" : text
            return ResidentID(value: normalised, birthYear: year, birthMonth: month, birthDay: day)
        }
    }

    /// The check digit (`0`–`9` or `X`) for the first 17 characters of a number.
    ///
    /// Returns `nil` unless `first17` is exactly 17 ASCII digits. The birth
    /// date is not checked, so test-data generators can use any digits.
    public static func checkDigit(for first17: String) -> Character? {
        var digits: [Int] = []
        for character in first17 {
            guard let digit = asciiDigit(character), digits.count < 17 else { return nil }
            digits.append(digit)
        }
        guard digits.count == 17 else { return nil }
        return checkCharacter(for: digits)
    }

    /// ISO 7064 MOD 11-2 over exactly 17 digit values.
    private static func checkCharacter(for digits: [Int]) -> Character {
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += digit * weight }
        return checkCharacters[sum % 11]
    }

    /// The value of an ASCII digit `0`–`9`, or `nil` for any other character.
    private static func asciiDigit(_ character: Character) -> Int? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first,
              scalar.value >= 0x30, scalar.value <= 0x39 else { return nil }
        return Int(scalar.value - 0x30)
    }

    /// The decimal number written by `digits`.
    private static func number(_ digits: ArraySlice<Int>) -> Int {
        digits.reduce(0) { $0 * 10 + $1 }
    }

    /// The number of days in `month` (1…12) of `year` in the Gregorian calendar.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}

/// Why a text is not a valid resident identity number.
///
/// The wording of ``description`` follows "`NUMBER` is not a valid resident
/// ID: ", as in `11010519491231002Y is not a valid resident ID: character 18
/// is 'Y', not a digit or X`; tests hold it exactly.
public enum ResidentIDError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The trimmed text has this many characters instead of 18.
    case wrongLength(Int)
    /// The character at `position` (1-based) is not allowed there: 1–17 must be digits, 18 a digit or X.
    case invalidCharacter(position: Int, character: Character)
    /// Characters 7–14 (given here) are not a date from 1900 to 2100 that exists.
    case invalidBirthDate(String)
    /// The last character is `found` but the first 17 give `expected`.
    case checkDigitMismatch(expected: Character, found: Character)

    /// The problem in words for a clerk, to follow "... is not a valid resident ID: ".
    public var description: String {
        switch self {
        case .wrongLength(let count):
            return "has \(count) character\(count == 1 ? "" : "s"), not 18"
        case .invalidCharacter(let position, let character):
            let expected = position == 18 ? "a digit or X" : "a digit"
            var text = "character \(position) is \(Self.shown(character)), not \(expected)"
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
                if (0xFF10...0xFF19).contains(scalar.value) || scalar.value == 0xFF38 || scalar.value == 0xFF58 {
                    text += " (it is full-width; type it with the input method in half-width mode)"
                } else if position != 18, character == "X" || character == "x" {
                    text += " (X may only be the last character)"
                }
            }
            return text
        case .invalidBirthDate(let date):
            if let year = Int(date.prefix(4)), !(1900...2100).contains(year) {
                return "birth date \(date) is not between the years 1900 and 2100"
            }
            return "birth date \(date) does not exist"
        case .checkDigitMismatch(let expected, let found):
            return "check digit is \(found), expected \(expected) (probably one of the digits is mistyped)"
        }
    }

    /// A character for a message: quoted when visible, otherwise named.
    private static func shown(_ character: Character) -> String {
        if character.isNewline { return "a line break" }
        if character == "\t" { return "a tab" }
        if character.isWhitespace { return "a space" }
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first,
           scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "an invisible character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
        }
        return "'\(character)'"
    }
}
