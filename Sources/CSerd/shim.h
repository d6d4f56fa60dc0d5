#ifndef KGRAPH_CSERD_SHIM_H
#define KGRAPH_CSERD_SHIM_H
#include <serd/serd.h>
#endif
