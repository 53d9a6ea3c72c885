// libxlsxwriter's types, and the few functions the XLSX report calls, loaded from the library
// when a workbook is first asked for (cxlsx.c): a run that writes no workbook does not load
// it, nor the zip and crypto libraries it brings, at every start.
#ifndef CXLSX_H
#define CXLSX_H

#include <xlsxwriter.h>

/// Loads the library once; NULL when it is loaded, else what dlopen said.
const char *cxlsx_load(void);

lxw_workbook *cxlsx_workbook_new_opt(const char *filename, lxw_workbook_options *options);
lxw_format *cxlsx_workbook_add_format(lxw_workbook *workbook);
lxw_worksheet *cxlsx_workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname);
lxw_error cxlsx_workbook_close(lxw_workbook *workbook);
lxw_error cxlsx_worksheet_autofilter(lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col,
                                     lxw_row_t last_row, lxw_col_t last_col);
void cxlsx_worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col);
lxw_error cxlsx_worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col,
                                     double width, lxw_format *format);
lxw_error cxlsx_worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
                                       lxw_format *format);
lxw_error cxlsx_worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
                                       lxw_format *format);
void cxlsx_format_set_bg_color(lxw_format *format, lxw_color_t color);
void cxlsx_format_set_bold(lxw_format *format);
const char *cxlsx_strerror(lxw_error error);

#endif
