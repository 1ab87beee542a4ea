/* The system's libxml2 (Debian's libxml2-dev): its HTML parser and tree. */
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so encoding.h would include the system's <unicode/ucnv.h>,
 * whose enums clash with the ICU inside Foundation (_FoundationICU) in any module that imports
 * both. Loupe never touches the ICU members of xmlCharEncodingHandler, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
