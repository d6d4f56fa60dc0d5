#ifndef KGRAPH_CSERD_SHIM_H
#define KGRAPH_CSERD_SHIM_H
#include <serd/serd.h>
#include <stdarg.h>
#include <stdio.h>

/// Formats a SerdError's printf-style message into `buf`. Swift cannot consume a `va_list*`
/// portably, so the error sink hands the error to this helper instead.
/// Returns the length the full message needs, like vsnprintf.
static inline int kgraph_serd_error_message(const SerdError *error, char *buf, size_t size) {
    va_list args;
    va_copy(args, *error->args);
    int n = vsnprintf(buf, size, error->fmt, args);
    va_end(args);
    return n;
}
#endif
