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

/* A file can also be rewritten in place without being cut short where it is read, or within
   one tick of a coarse file clock, so that neither a missing page nor its stamp tells. A read
   lease (fcntl F_SETLEASE) on the open file tells: the kernel signals the holder as soon as
   another file description opens the file for writing or truncates it, and holds that open back
   until the holder lets the lease go. The handler counts the break, then lets go at once, so the
   writer waits microseconds and the count has moved before a byte changes.

   Takes a read lease on fd (opened read-only); returns 0, or -1 when none can be had: the file
   is open for writing somewhere, the caller neither owns it nor has CAP_LEASE, or the file
   system has no leases. Closing fd gives the lease back. */
int termgraph_watch_for_writers(int fd);
/* How many leases taken by termgraph_watch_for_writers have been broken since the process
   started: whatever was read from those files while this grew cannot be trusted. */
long termgraph_writers_seen(void);

#endif
