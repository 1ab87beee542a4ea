/* The system's PCRE2 (Debian's libpcre2-dev), 8-bit code units. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
