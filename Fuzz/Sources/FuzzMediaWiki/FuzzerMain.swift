import FuzzerDriver

/// The entry point SwiftPM links this executable with.
///
/// libFuzzer supplies `main` (compiler-rt's FuzzerMain.cpp), and `-parse-as-library` keeps Swift
/// from emitting another. But SwiftPM links every ELF executable target with
/// `--defsym main=FuzzMediaWiki_main` (so that tests can link the executable's code), and
/// that symbol must exist. It is this function: it does what libFuzzer's own `main` does. Built by
/// hand with `swiftc -parse-as-library -sanitize=fuzzer` instead, libFuzzer's `main` is used and
/// this function is simply never called.
@_cdecl("FuzzMediaWiki_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzMediaWiki(data, size) }
}
