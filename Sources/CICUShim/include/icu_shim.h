#ifndef PATROLI_ICU_SHIM_H
#define PATROLI_ICU_SHIM_H
/* Opaque wrappers over ICU. Only <stdint.h> types cross this header so that Swift modules that
   also import Foundation (which bundles its own ICU) never see the system ICU headers. */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Normalizes UTF-8 `src` to NFKC_Casefold into `dst`.
   For every output byte i, srcStart[i] and srcEnd[i] receive the source byte span that produced
   it. Returns the output length; if `dstCap` is too small returns -(needed capacity estimate);
   on an ICU failure returns INT32_MIN and stores the ICU error code in *errorCode. */
int32_t patroli_nfkc_casefold(const uint8_t *src, int32_t srcLen,
                              uint8_t *dst, int32_t dstCap,
                              int32_t *srcStart, int32_t *srcEnd,
                              int32_t *errorCode);

/* Confusable skeleton (UTS #39) of UTF-8 `src`, written to `dst`. Returns the length, or -needed,
   or INT32_MIN on error. */
int32_t patroli_confusable_skeleton(const uint8_t *src, int32_t srcLen,
                                    uint8_t *dst, int32_t dstCap, int32_t *errorCode);

/* Character classes used by the normalizer. */
enum {
    PATROLI_CLASS_OTHER = 0,
    PATROLI_CLASS_LETTER = 1,
    PATROLI_CLASS_DIGIT = 2,
    PATROLI_CLASS_MARK = 3,
    PATROLI_CLASS_SPACE = 4,
    PATROLI_CLASS_PUNCT = 5,
    PATROLI_CLASS_SYMBOL = 6,   /* non-emoji symbols */
    PATROLI_CLASS_EMOJI = 7,    /* Extended_Pictographic, emoji components, variation selectors */
    PATROLI_CLASS_FORMAT = 8    /* Cf: zero-width and bidi controls */
};
int32_t patroli_char_class(uint32_t codePoint);

/* Script of a code point: 0 common/inherited, 1 Latin, 2 Cyrillic, 3 Greek, 9 other. */
int32_t patroli_char_script(uint32_t codePoint);

/* Decimal digit value of any Unicode decimal digit (Nd), or -1. */
int32_t patroli_digit_value(uint32_t codePoint);

#ifdef __cplusplus
}
#endif
#endif
