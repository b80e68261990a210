import XCTest
@testable import XinfangCore

/// The journal reader's remembering timestamp reader against `parseTimestamp(bytes:)`, including
/// dates and offsets that differ from the remembered ones in one byte, and timestamps with a
/// fraction of a second or `Z`, which the memo reads in the writer's layout.
final class TimestampMemoTests: XCTestCase {
    private let shanghai = OfficeTimeZone.shanghai

    private func viaBytes(_ bytes: [UInt8]) -> Instant? {
        bytes.withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) }
    }

    private func viaMemo(_ bytes: [UInt8], _ memo: inout TimestampMemo) -> Instant? {
        bytes.withUnsafeBufferPointer { memo.instant($0.baseAddress!, $0.count, zone: shanghai) }
    }

    func testRememberedDatesAndOffsetsGiveWhatTheBytesParserGives() {
        var memo = TimestampMemo()
        let fixed = [
            "2026-03-04T09:15:00+08:00", "2026-03-04T09:15:01+08:00", "2026-03-04T23:59:60+08:00", "2026-03-04T24:00:00+08:00",
            "2026-03-04T09:15:00-08:00", "2026-03-04T09:15:00+08:30", "2026-03-04T09:15:00+24:00", "2026-03-04T09:15:00+08:60",
            "2026-03-05T09:15:00+08:00", "2026-02-29T09:15:00+08:00", "2028-02-29T09:15:00+08:00", "2026-03-04T09:15:00+08:00",
            "2026-03-04T09:15:00Z", "2026-03-04", "2026-03-04T09:15:00+0800", "2026-03-04t09:15:00+08:00", "2026-03-04T09:60:00+08:00",
            "2026-03-04T9:15:000+08:00", "2026-13-04T09:15:00+08:00", "0000-03-04T09:15:00+08:00", "2026-03-04T09:15:00*08:00",
            "2026-03-04T09:15:00+08:00",
            // With a fraction or `Z`, read through the memo in the writer's layout.
            "2026-03-04T09:15:00.250+08:00", "2026-03-04T09:15:00.250+08:30", "2026-03-04T01:15:00Z", "2026-03-04T01:15:00.999999Z",
            "2026-03-04T09:15:00+08:00", "2026-03-04T09:15:00.+08:00", "2026-03-04T09:15:00.5+0800", "2026-03-04T09:15:00.5Z+08:00",
            "2026-03-04T09:15:00.5", "2026-03-04T09:15:00.5z", "2026-03-04T25:15:00.5Z", "2026-02-30T09:15:00.5Z", "2026-03-04T09:15:00.1234567890+08:00",
            "2026-03-04T01:15:00.1234Z", "2026-03-04T01:15:00.1234z", "2026-03-04T01:15:00.12345",
            // A space for `T`, as Python's `str()` writes; other separators refused.
            "2026-03-04 09:15:00+08:00", "2026-03-04 09:15:01+08:00", "2026-03-04 09:15:00.5+08:00", "2026-03-04 01:15:00Z",
            "2026-03-04_09:15:00+08:00", "2026-03-04\u{0}09:15:00+08:00", "2026-03-04T09:15:00+08:00",
        ]
        for text in fixed {
            let bytes = Array(text.utf8)
            XCTAssertEqual(viaMemo(bytes, &memo), viaBytes(bytes), text)
        }
        // A space for `T` is the writer's layout still: read with the remembered date and offset.
        for text in ["2026-03-04 09:15:00+08:00", "2026-03-04t09:15:01+08:00", "2026-03-05 00:00:00-05:30"] {
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBufferPointer { memo.instant(writerLayout: $0.baseAddress!) }
            XCTAssertNotNil(read, text)
            XCTAssertEqual(read, viaBytes(bytes), text)
        }
        // Random one-byte changes of a few timestamps, read in a row so the memo mostly holds the originals.
        var random = SplitMix64(seed: 61)
        let bases = ["2026-03-04T09:15:00+08:00", "2026-03-04T17:45:30-05:30", "1999-12-31T23:59:60-11:30",
                     "2026-03-04T17:45:30.123456+08:00", "2026-03-04T01:15:00.5Z", "2026-03-04T01:15:00Z",
                     "2026-03-04 09:15:00+08:00"]
        var accepted = 0
        for round in 0..<30_000 {
            var bytes = Array(bases[round % bases.count].utf8)
            if round % 3 != 0 {
                let position = random.int(0 ... bytes.count - 1)
                bytes[position] = random.int(0 ... 1) == 0 ? UInt8(truncatingIfNeeded: random.next()) : UInt8(ascii: "0") + UInt8(random.int(0 ... 9))
            }
            let expected = viaBytes(bytes)
            XCTAssertEqual(viaMemo(bytes, &memo), expected, String(decoding: bytes, as: UTF8.self))
            if expected != nil { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 10_000)
    }
}
