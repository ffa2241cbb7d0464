#ifndef PATROLI_CPCRE2_SHIM_H
#define PATROLI_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/* Constants that are macros in pcre2.h and therefore not imported into Swift. */
static inline size_t patroli_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t patroli_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
