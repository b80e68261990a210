// libFuzzer entry point: Resident ID numbers (GB 11643 check digit, birth date).
// Built and run by scripts/fuzz; the test suite replays Fuzz/corpus/resident_id/ through the same library function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzTarget("resident_id", data, size)
}
