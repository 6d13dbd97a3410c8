#include <libxml/xmlversion.h>
/* Foundation and libxml2 both see ICU's UErrorCode; two definitions break a clean build. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/valid.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
/* xmlFree is a global function pointer, which Swift 6 rejects as not concurrency-safe. */
static inline void clibxml2_free(void *p) { xmlFree(p); }
