// libFuzzer entry point: Dates and date-times: the lenient parser, the journal's fast parser, --from style dates.
// Built and run by scripts/fuzz; the test suite replays Fuzz/corpus/timestamp/ through the same library function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzTarget("timestamp", data, size)
}
