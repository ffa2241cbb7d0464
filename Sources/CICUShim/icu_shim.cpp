#include "icu_shim.h"

#include <climits>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

namespace {

const icu::Normalizer2 *nfkcCasefold() {
    static const icu::Normalizer2 *instance = [] {
        UErrorCode ec = U_ZERO_ERROR;
        const icu::Normalizer2 *n = icu::Normalizer2::getNFKCCasefoldInstance(ec);
        return U_SUCCESS(ec) ? n : nullptr;
    }();
    return instance;
}

USpoofChecker *spoofChecker() {
    static USpoofChecker *instance = [] {
        UErrorCode ec = U_ZERO_ERROR;
        USpoofChecker *sc = uspoof_open(&ec);
        return U_SUCCESS(ec) ? sc : nullptr;
    }();
    return instance;
}

}  // namespace

extern "C" int32_t patroli_nfkc_casefold(const uint8_t *src, int32_t srcLen, uint8_t *dst,
                                         int32_t dstCap, int32_t *srcStart, int32_t *srcEnd,
                                         int32_t *errorCode) {
    *errorCode = 0;
    const icu::Normalizer2 *n = nfkcCasefold();
    if (n == nullptr) {
        *errorCode = U_MISSING_RESOURCE_ERROR;
        return INT32_MIN;
    }
    UErrorCode ec = U_ZERO_ERROR;
    icu::Edits edits;
    icu::CheckedArrayByteSink sink(reinterpret_cast<char *>(dst), dstCap);
    n->normalizeUTF8(0, icu::StringPiece(reinterpret_cast<const char *>(src), srcLen), sink,
                     &edits, ec);
    if (U_FAILURE(ec)) {
        *errorCode = ec;
        return INT32_MIN;
    }
    if (sink.Overflowed()) {
        int32_t needed = sink.NumberOfBytesAppended();
        return -(needed > dstCap ? needed : dstCap * 2);
    }
    int32_t outLen = sink.NumberOfBytesWritten();
    icu::Edits::Iterator it = edits.getFineIterator();
    while (it.next(ec)) {
        int32_t s = it.sourceIndex(), d = it.destinationIndex();
        int32_t oldLen = it.oldLength(), newLen = it.newLength();
        if (it.hasChange()) {
            for (int32_t k = 0; k < newLen && d + k < outLen; ++k) {
                srcStart[d + k] = s;
                srcEnd[d + k] = s + oldLen;
            }
        } else {
            for (int32_t k = 0; k < oldLen && d + k < outLen; ++k) {
                srcStart[d + k] = s + k;
                srcEnd[d + k] = s + k + 1;
            }
        }
    }
    if (U_FAILURE(ec)) {
        *errorCode = ec;
        return INT32_MIN;
    }
    return outLen;
}

extern "C" int32_t patroli_confusable_skeleton(const uint8_t *src, int32_t srcLen, uint8_t *dst,
                                               int32_t dstCap, int32_t *errorCode) {
    *errorCode = 0;
    USpoofChecker *sc = spoofChecker();
    if (sc == nullptr) {
        *errorCode = U_MISSING_RESOURCE_ERROR;
        return INT32_MIN;
    }
    UErrorCode ec = U_ZERO_ERROR;
    int32_t len = uspoof_getSkeletonUTF8(sc, 0, reinterpret_cast<const char *>(src), srcLen,
                                         reinterpret_cast<char *>(dst), dstCap, &ec);
    if (ec == U_BUFFER_OVERFLOW_ERROR) return -len;
    if (U_FAILURE(ec)) {
        *errorCode = ec;
        return INT32_MIN;
    }
    return len;
}

extern "C" int32_t patroli_char_class(uint32_t cp) {
    UChar32 c = static_cast<UChar32>(cp);
    if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x20E3 ||
        (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0x1F1E6 && c <= 0x1F1FF) || c == 0x200D ||
        (c >= 0xE0020 && c <= 0xE007F)) {
        return PATROLI_CLASS_EMOJI;
    }
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return PATROLI_CLASS_EMOJI;
    switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
        return PATROLI_CLASS_LETTER;
    case U_DECIMAL_DIGIT_NUMBER:
        return PATROLI_CLASS_DIGIT;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
        return PATROLI_CLASS_MARK;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_CONTROL_CHAR:
        return u_isUWhiteSpace(c) ? PATROLI_CLASS_SPACE : PATROLI_CLASS_OTHER;
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return PATROLI_CLASS_PUNCT;
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return PATROLI_CLASS_SYMBOL;
    case U_FORMAT_CHAR:
        return PATROLI_CLASS_FORMAT;
    default:
        return PATROLI_CLASS_OTHER;
    }
}

extern "C" int32_t patroli_char_script(uint32_t cp) {
    UErrorCode ec = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &ec);
    if (U_FAILURE(ec)) return 9;
    switch (s) {
    case USCRIPT_COMMON: case USCRIPT_INHERITED: return 0;
    case USCRIPT_LATIN: return 1;
    case USCRIPT_CYRILLIC: return 2;
    case USCRIPT_GREEK: return 3;
    default: return 9;
    }
}

extern "C" int32_t patroli_digit_value(uint32_t cp) {
    return u_charDigitValue(static_cast<UChar32>(cp));
}
