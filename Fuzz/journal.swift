// libFuzzer entry point: A hostile journal: scanner with the hash chain checked, lifecycle fold.
// Built and run by scripts/fuzz; the test suite replays Fuzz/corpus/journal/ through the same library function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzTarget("journal", data, size)
}
