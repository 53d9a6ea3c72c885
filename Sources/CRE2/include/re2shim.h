// A C face for RE2, the regular-expression engine CEL specifies: matching time is linear in
// the text, so no pattern a rule writes can hang a check.
#ifndef DUIBIAO_RE2SHIM_H
#define DUIBIAO_RE2SHIM_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Compiles a UTF-8 pattern. Returns a handle, or NULL with a malloc'd message in *error.
void *duibiao_re2_compile(const char *pattern, size_t length, char **error);

/// 1 when the pattern matches anywhere in the text (RE2::PartialMatch), else 0.
int duibiao_re2_partial_match(const void *regex, const char *text, size_t length);

/// Frees a handle from duibiao_re2_compile.
void duibiao_re2_free(void *regex);

#ifdef __cplusplus
}
#endif
#endif
