#ifndef TERMGRAPH_MAPPING_GUARD_H
#define TERMGRAPH_MAPPING_GUARD_H
#include <stddef.h>

/* A file mapped into memory can be truncated under the mapping by another process (`cp` or
   `rsync --inplace` over an index file); touching a page past its new end raises SIGBUS. These
   functions keep a table of the mappings to guard: a SIGBUS inside one of them maps a page of
   zeros over the missing page, so that the read goes on and finds data that fails its checksum,
   and notes that it happened; a SIGBUS anywhere else keeps its default action. */

/* Starts guarding [base, base + length); returns 0, or -1 when the table is full. */
int termgraph_guard_mapping(const void *base, size_t length);
/* Stops guarding the mapping that starts at base. */
void termgraph_unguard_mapping(const void *base);
/* How many pages of guarded mappings have been found missing since the process started. */
long termgraph_missing_pages(void);

#endif
