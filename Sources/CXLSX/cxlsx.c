// libxlsxwriter, opened with dlopen on first use rather than linked: the functions of
// include/cxlsx.h forward to the library's, found once with dlsym.
#include "cxlsx.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

// The soname of the version the header describes (a workbook's options grew a field in
// another), then the development package's link to it.
static const char *const names[] = {"libxlsxwriter.so." LXW_SOVERSION, "libxlsxwriter.so"};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure = "libxlsxwriter";
// What dlerror said, copied: its own text may be freed by the thread's next dl call.
static char said[512];

static void fail(void) {
    const char *e = dlerror();
    snprintf(said, sizeof said, "%s", e ? e : "libxlsxwriter");
    failure = said;
}

#define FUNCTIONS(X) \
    X(workbook_new_opt) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
    X(worksheet_autofilter) X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_number) \
    X(worksheet_write_string) X(format_set_bg_color) X(format_set_bold) X(lxw_strerror)

#define POINTER(name) static __typeof__(&name) p_##name;
FUNCTIONS(POINTER)

static void load(void) {
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        // What the soname gave is said: the link is the same library, where it is installed.
        if (library == NULL && i == 0) fail();
    }
    if (library == NULL) return;
#define RESOLVE(name) \
    p_##name = (__typeof__(&name))dlsym(library, #name); \
    if (p_##name == NULL) { fail(); return; }
    FUNCTIONS(RESOLVE)
    failure = NULL;
}

const char *cxlsx_load(void) {
    pthread_once(&once, load);
    return failure;
}

// Each forwards once `cxlsx_load` succeeded; the report calls nothing else before it has.
lxw_workbook *cxlsx_workbook_new_opt(const char *filename, lxw_workbook_options *options) {
    return cxlsx_load() ? NULL : p_workbook_new_opt(filename, options);
}
lxw_format *cxlsx_workbook_add_format(lxw_workbook *workbook) { return p_workbook_add_format(workbook); }
lxw_worksheet *cxlsx_workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname) {
    return p_workbook_add_worksheet(workbook, sheetname);
}
lxw_error cxlsx_workbook_close(lxw_workbook *workbook) { return p_workbook_close(workbook); }
lxw_error cxlsx_worksheet_autofilter(lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col,
                                     lxw_row_t last_row, lxw_col_t last_col) {
    return p_worksheet_autofilter(worksheet, first_row, first_col, last_row, last_col);
}
void cxlsx_worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col) {
    p_worksheet_freeze_panes(worksheet, row, col);
}
lxw_error cxlsx_worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col,
                                     double width, lxw_format *format) {
    return p_worksheet_set_column(worksheet, first_col, last_col, width, format);
}
lxw_error cxlsx_worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
                                       lxw_format *format) {
    return p_worksheet_write_number(worksheet, row, col, number, format);
}
lxw_error cxlsx_worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
                                       lxw_format *format) {
    return p_worksheet_write_string(worksheet, row, col, string, format);
}
void cxlsx_format_set_bg_color(lxw_format *format, lxw_color_t color) { p_format_set_bg_color(format, color); }
void cxlsx_format_set_bold(lxw_format *format) { p_format_set_bold(format); }
const char *cxlsx_strerror(lxw_error error) { return p_lxw_strerror(error); }
