#ifndef PATROLI_CZLIB_SHIM_H
#define PATROLI_CZLIB_SHIM_H
#include <zlib.h>
/* inflateInit2 is a macro; expose it as a function. */
static inline int patroli_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32); /* auto-detect gzip or zlib header */
}
#endif
