/* Times libxml2's two HTML interfaces on a folder of pages: the tree (htmlReadMemory, then a walk
 * that finds every <a href>) against the push parser with SAX callbacks (the same links found in
 * startElement). Both parse with the options the HTML reader uses. It decides which interface the
 * reader is built on (docs/html-reader.md).
 *
 *   cc -O2 bench/html-parse/compare.c $(pkg-config --cflags --libs libxml-2.0) -o /tmp/compare
 *   find DIR -name '*.html' | /tmp/compare ROUNDS
 */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                         | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static long treeLinks(const char *bytes, int size) {
    htmlDocPtr doc = htmlReadMemory(bytes, size, NULL, "UTF-8", options);
    long links = 0;
    xmlNodePtr node = xmlDocGetRootElement(doc);
    while (node) {
        if (node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, "a") == 0) {
            xmlChar *href = xmlGetProp(node, BAD_CAST "href");
            if (href) { links++; xmlFree(href); }
        }
        if (node->children) { node = node->children; continue; }
        while (node && !node->next) node = node->parent == (xmlNodePtr)doc ? NULL : node->parent;
        if (node) node = node->next;
    }
    xmlFreeDoc(doc);
    return links;
}

static void saxStart(void *context, const xmlChar *name, const xmlChar **attributes) {
    htmlParserCtxtPtr ctxt = context;
    if (strcmp((const char *)name, "a") != 0 || !attributes) return;
    for (int i = 0; attributes[i]; i += 2)
        if (strcmp((const char *)attributes[i], "href") == 0 && attributes[i + 1]) (*(long *)ctxt->_private)++;
}

static void saxText(void *context, const xmlChar *text, int length) { (void)context; (void)text; (void)length; }

static long saxLinks(const char *bytes, int size) {
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = saxStart;
    sax.characters = saxText;
    long links = 0;
    htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    htmlCtxtUseOptions(ctxt, options);
    ctxt->_private = &links;
    ctxt->userData = ctxt;
    htmlParseChunk(ctxt, bytes, size, 1);
    htmlFreeParserCtxt(ctxt);
    return links;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    char path[4096];
    char *files[4096];
    int sizes[4096], count = 0;
    long total = 0;
    while (count < 4096 && fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        sizes[count] = (int)ftell(f);
        fseek(f, 0, SEEK_SET);
        files[count] = malloc(sizes[count]);
        if (fread(files[count], 1, sizes[count], f) != (size_t)sizes[count]) { fclose(f); continue; }
        fclose(f);
        total += sizes[count++];
    }
    long treeCount = 0, saxCount = 0;
    double start = seconds();
    for (int r = 0; r < rounds; r++) for (int i = 0; i < count; i++) treeCount += treeLinks(files[i], sizes[i]);
    double tree = seconds() - start;
    start = seconds();
    for (int r = 0; r < rounds; r++) for (int i = 0; i < count; i++) saxCount += saxLinks(files[i], sizes[i]);
    double sax = seconds() - start;
    double mb = (double)total * rounds / 1e6;
    printf("%d files, %.1f MB, %d rounds\n", count, total / 1e6, rounds);
    printf("tree (htmlReadMemory + walk): %.3f s, %.1f MB/s, %ld links\n", tree, mb / tree, treeCount / rounds);
    printf("push parser + SAX callbacks:  %.3f s, %.1f MB/s, %ld links\n", sax, mb / sax, saxCount / rounds);
    return 0;
}
