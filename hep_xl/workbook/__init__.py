"""The HEP workbook: layout (where things live), writer (xlsxwriter) and reader (python-calamine)."""
