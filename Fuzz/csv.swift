// libFuzzer entry point: CSV input of 'xinfang file --csv': CSV reader, header mapping, petition form.
// Built and run by scripts/fuzz; the test suite replays Fuzz/corpus/csv/ through the same library function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzTarget("csv", data, size)
}
