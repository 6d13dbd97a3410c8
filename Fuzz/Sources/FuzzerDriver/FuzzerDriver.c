// Only a header target: LLVMFuzzerRunDriver itself comes from libFuzzer (-sanitize=fuzzer).
#include "FuzzerDriver.h"
