#include "callocator.h"

#if __has_include(<mimalloc.h>)
#include <mimalloc.h>

void callocator_return_freed_pages_at_once(void) {
    // mimalloc decommits freed pages 25 ms after they are freed; meanwhile a run allocating
    // anew touches other pages. At once, a province's check peaks some 4 MB lower (about 36
    // MB, not 40, at 100,000 units on two cores; docs/performance-log.md), in the same time.
    // (mimalloc 2.1 calls this option purge_delay, under the same number.)
    mi_option_set(mi_option_decommit_delay, 0);
}
#else
void callocator_return_freed_pages_at_once(void) {}
#endif
