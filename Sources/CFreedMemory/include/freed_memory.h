#ifndef TERMGRAPH_FREED_MEMORY_H
#define TERMGRAPH_FREED_MEMORY_H

/* Gives the whole free pages the allocator holds back to the system, where it can (glibc's
   malloc_trim); elsewhere does nothing. */
void termgraph_release_freed_memory(void);

#endif
