"""The functions behind the HEP ribbon buttons (desktop Excel, through xlwings' ``RunPython``).

Each button starts a fresh Python process that runs e.g. ``import hep_xl.macros as m; m.validate()``,
so this module imports nothing heavy at module level: xlwings and the library are imported inside
the functions (see ``bench/bench_macros.py``).

Every function takes the workbook as ``book`` (an ``xlwings.Book``); without it, the workbook that
called the macro (``xw.Book.caller()``). The work itself is in :mod:`hep_xl.excel.live`: read the
open workbook through the xlwings API, call the same library functions the CLI calls, and write
the results back through the xlwings API. Errors reach the clerk as a Hungarian message box.
"""

from __future__ import annotations


def validate(book=None) -> None:
    """Ellenőrzés: findings on the „Ellenőrzés” sheet, links to the cells, cells highlighted."""
    from .excel import live

    live.run(live.validate_book, book)


def fill_indicators(book=None, datafiles=None, overwrite: bool = False) -> None:
    """Mutatók kitöltése: fill empty Annex 1 values from the TeIR/KSH exports in the ``adatok``
    folder beside the workbook (or ``datafiles``); typed values are kept unless ``overwrite``."""
    from .excel import live

    live.run(live.fill_book, book, datafiles=datafiles, overwrite=overwrite)


def export_json(book=None, output=None) -> None:
    """JSON export: the HEP as the schema's JSON document beside the workbook (or at ``output``)."""
    from .excel import live

    live.run(live.export_json_book, book, output=output)


def export_word(book=None, output=None) -> None:
    """Word export: the HEP as a .docx beside the workbook (or at ``output``)."""
    from .excel import live

    live.run(live.export_word_book, book, output=output)


def export_report(book=None, output=None, year=None) -> None:
    """Beszámoló: the implementation report (beszámoló a HEP IT megvalósulásáról) as a .docx beside
    the workbook (``<név>_beszamolo.docx``, as ``hep-xl export report`` writes it; or at ``output``),
    up to ``year`` (default: the last year of the Megvalósítás sheet)."""
    from .excel import live

    live.run(live.export_report_book, book, output=output, year=year)


__all__ = ["validate", "fill_indicators", "export_json", "export_word", "export_report"]
