"""Desktop Excel integration: macro-enabled workbook (VBA project, HEP ribbon) and xlwings macros."""
