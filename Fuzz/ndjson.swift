// libFuzzer entry point: NDJSON input of 'xinfang file': line reader, strict JSON parser, petition form, journal line round trip.
// Built and run by scripts/fuzz; the test suite replays Fuzz/corpus/ndjson/ through the same library function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzTarget("ndjson", data, size)
}
