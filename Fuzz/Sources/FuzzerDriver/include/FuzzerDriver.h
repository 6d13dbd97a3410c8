#ifndef TERMGRAPH_FUZZER_DRIVER_H
#define TERMGRAPH_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, the body of its own `main` (compiler-rt's FuzzerInterface.h declares it
/// the same way). Linked in by `-sanitize=fuzzer`; see FuzzerMain.swift for why it is called by hand.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
