/* The system's zlib (Debian's zlib1g-dev), for .gz files. */
#include <zlib.h>
