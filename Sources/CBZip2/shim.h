/* libbz2 (Debian libbz2-dev), which has no pkg-config file. */
#include <bzlib.h>
