#include "re2shim.h"

#include <re2/re2.h>
#include <cstdlib>
#include <cstring>

void *duibiao_re2_compile(const char *pattern, size_t length, char **error) {
    RE2::Options options;
    // Errors are returned, not printed: the caller words them for the office.
    options.set_log_errors(false);
    RE2 *re = new RE2(re2::StringPiece(pattern, length), options);
    if (re->ok()) return re;
    if (error) {
        const std::string &message = re->error();
        *error = static_cast<char *>(std::malloc(message.size() + 1));
        if (*error) std::memcpy(*error, message.c_str(), message.size() + 1);
    }
    delete re;
    return nullptr;
}

int duibiao_re2_partial_match(const void *regex, const char *text, size_t length) {
    return RE2::PartialMatch(re2::StringPiece(text, length), *static_cast<const RE2 *>(regex)) ? 1 : 0;
}

void duibiao_re2_free(void *regex) { delete static_cast<RE2 *>(regex); }
