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

// Reading DOT with a bump allocator, so that the same DOT gives the same picture in any process.
//
// cgraph gives a named object the address of its interned name as its id, and keeps subgraphs
// in id order; dot lays clusters out in that order. With malloc, those addresses depend on
// what the process allocated and freed before (Swift hashes with a per-process seed), so two
// runs could order the clusters differently and draw different pictures. Here each graph
// allocates from one fresh, reserved region, in order, so ids, and thus cluster order, follow
// the order of the DOT text. Freed memory is reclaimed all at once when the graph is closed.
// Allocations that do not fit in the region fall back to calloc.
#include <string.h>
#include <sys/mman.h>

typedef struct { char *base; size_t used, size; } kg_arena_t;
typedef struct { const char *data; size_t len, pos; } kg_reader_t;

// Address space only: pages are committed as they are touched.
#define KG_ARENA_SIZE ((size_t)1 << 30)

static void *kg_arena_open(Agdisc_t *disc) {
    (void)disc;
    kg_arena_t *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    void *p = mmap(NULL, KG_ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) { a->base = p; a->size = KG_ARENA_SIZE; }
    return a;
}

static int kg_arena_owns(kg_arena_t *a, void *p) {
    return a->base && (char *)p >= a->base && (char *)p < a->base + a->size;
}

// Zeroed memory, as cgraph's own allocator returns: fresh pages are zero and never reused.
static void *kg_arena_alloc(void *heap, size_t req) {
    kg_arena_t *a = heap;
    size_t n = req ? (req + 15) & ~(size_t)15 : 16;
    if (a->base && n <= a->size - a->used) {
        void *p = a->base + a->used;
        a->used += n;
        return p;
    }
    return calloc(1, req ? req : 1);
}

static void *kg_arena_resize(void *heap, void *ptr, size_t old, size_t req) {
    kg_arena_t *a = heap;
    if (!ptr) return kg_arena_alloc(heap, req);
    if (!kg_arena_owns(a, ptr)) {
        char *p = realloc(ptr, req);
        if (p && req > old) memset(p + old, 0, req - old);
        return p;
    }
    void *p = kg_arena_alloc(heap, req);
    if (p) memcpy(p, ptr, old < req ? old : req);
    return p;
}

static void kg_arena_free(void *heap, void *ptr) {
    if (ptr && !kg_arena_owns(heap, ptr)) free(ptr);
}

static void kg_arena_close(void *heap) {
    kg_arena_t *a = heap;
    if (a->base) munmap(a->base, a->size);
    free(a);
}

// Hands the parser one line at a time, as cgraph's own agmemread does.
static int kg_reader_read(void *chan, char *buf, int bufsize) {
    kg_reader_t *r = chan;
    int n = 0;
    while (n < bufsize && r->pos < r->len) {
        char c = r->data[r->pos++];
        buf[n++] = c;
        if (c == '\n') break;
    }
    return n;
}

// agmemread with the allocator above. Call only while holding the render lock.
static inline Agraph_t *kg_memread(const char *text) {
    static Agmemdisc_t mem = { kg_arena_open, kg_arena_alloc, kg_arena_resize, kg_arena_free, kg_arena_close };
    static Agiodisc_t io = { kg_reader_read, NULL, NULL };
    io.putstr = AgIoDisc.putstr;
    io.flush = AgIoDisc.flush;
    Agdisc_t disc = { &mem, &AgIdDisc, &io };
    kg_reader_t reader = { text, strlen(text), 0 };
    return agread(&reader, &disc);
}
#endif
