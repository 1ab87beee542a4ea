/* libarchive (Debian's libarchive-dev, pkg-config `libarchive`): reading plugin archives
   (.tar.gz, .zip) entry by entry, and writing reproducible .tar.gz packs. */
#include <archive.h>
#include <archive_entry.h>
