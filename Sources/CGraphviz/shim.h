#ifndef KGRAPH_CGRAPHVIZ_SHIM_H
#define KGRAPH_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Swift 6 rejects mutable C globals as not concurrency-safe; these accessors are the
// only way the render target reaches them.
static inline Agdesc_t kg_agdirected(void) { return Agdirected; }
#endif
