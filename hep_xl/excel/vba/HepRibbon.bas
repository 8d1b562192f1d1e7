Attribute VB_Name = "HepRibbon"
' HEP ribbon callbacks (hep_xl). Each button runs one function of hep_xl.macros through
' xlwings' RunPython; the Python side shows every message (Hungarian) in Excel itself.
' This module is generated into the workbook by hep_xl; edit hep_xl/excel/vba/HepRibbon.bas.
' Keep it ASCII-only: the VBA project is stored in code page 1252.
Option Explicit

Public Sub HepValidate(control As IRibbonControl)
    RunPython "import hep_xl.macros as m; m.validate()"
End Sub

Public Sub HepFillIndicators(control As IRibbonControl)
    RunPython "import hep_xl.macros as m; m.fill_indicators()"
End Sub

Public Sub HepExportJson(control As IRibbonControl)
    RunPython "import hep_xl.macros as m; m.export_json()"
End Sub

Public Sub HepExportWord(control As IRibbonControl)
    RunPython "import hep_xl.macros as m; m.export_word()"
End Sub

Public Sub HepExportReport(control As IRibbonControl)
    RunPython "import hep_xl.macros as m; m.export_report()"
End Sub
