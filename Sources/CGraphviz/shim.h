#ifndef KGRAPH_CGRAPHVIZ_SHIM_H
#define KGRAPH_CGRAPHVIZ_SHIM_H
#include <stdlib.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Swift 6 rejects mutable C globals as not concurrency-safe; these accessors are the
// only way the render target reaches them.
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }

// Graphviz's layout engines draw from the C library's process-wide generators (rand for
// sfdp's coarsening, drand48 for neato/fdp) and some code paths never reseed them, so the
// same graph laid out twice in one process could differ. Reseeding before every layout makes
// output depend only on the input. Call only while holding the render lock.
static inline void kg_reseed_random(void) {
    srand(1);
    srand48(1);
}
#endif
