/* The system's libxml2 (Debian's libxml2-dev): its HTML parser and tree. */
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
