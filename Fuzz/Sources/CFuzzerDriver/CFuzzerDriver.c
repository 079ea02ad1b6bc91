// Declarations only: the definitions come from libFuzzer (linked by -sanitize=fuzzer).
#include "CFuzzerDriver.h"
