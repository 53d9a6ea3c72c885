// The process's allocator (Debian's mimalloc, linked in place of glibc's malloc), tuned by the
// executable before it allocates much: callocator.c.
#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Has freed pages go back to the system at once; nothing where mimalloc is not the allocator.
void callocator_return_freed_pages_at_once(void);

#endif
