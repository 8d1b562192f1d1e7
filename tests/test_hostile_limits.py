"""The limits are one module and the README's *Limits* table shows each of them as it is."""

from __future__ import annotations

from pathlib import Path

from hep_xl import limits

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Limits"):README.index("\n## ", README.index("## Limits") + 3)]


def test_every_limit_is_in_the_readme_table_with_its_value():
    shown = {
        "MAX_ZIP_MEMBERS": "| parts in a workbook package | 10 000 |",
        "MAX_MEMBER_BYTES": "| 64 MiB |",
        "MAX_PACKAGE_BYTES": "| 256 MiB |",
        "MAX_RATIO": "over 1 MiB | 100× |",
        "RATIO_FLOOR": "over 1 MiB",
        "MAX_SHEET_CELLS": "| 500 000 cells |",
        "MAX_SHARED_STRING_BYTES": "| one shared string | 1 MiB |",
        "MAX_SHEET_TEXT_BYTES": "(shared strings repeat) | 64 MiB |",
        "MAX_DATA_FILE_BYTES": "| 32 MiB, 100 000 rows |",
        "MAX_DATA_ROWS": "| 32 MiB, 100 000 rows |",
        "MAX_CSV_FIELD": "| one CSV field | 128 KiB |",
        "MAX_JSON_BYTES": "| a JSON document for `import json` | 64 MiB |",
        "ITEM_TIMEOUT_SECONDS": "| 600 s, 2048 MB |",
        "WORKER_MAX_MEMORY_MB": "| 600 s, 2048 MB |",
        "MAX_TEXT_CHARS": "at most 32 767 characters",
    }
    values = {
        "MAX_ZIP_MEMBERS": 10_000, "MAX_MEMBER_BYTES": 64 << 20, "MAX_PACKAGE_BYTES": 256 << 20, "MAX_RATIO": 100,
        "RATIO_FLOOR": 1 << 20, "MAX_SHEET_CELLS": 500_000, "MAX_SHARED_STRING_BYTES": 1 << 20,
        "MAX_SHEET_TEXT_BYTES": 64 << 20, "MAX_DATA_FILE_BYTES": 32 << 20, "MAX_DATA_ROWS": 100_000,
        "MAX_CSV_FIELD": 128 << 10, "MAX_JSON_BYTES": 64 << 20, "ITEM_TIMEOUT_SECONDS": 600,
        "WORKER_MAX_MEMORY_MB": 2048, "MAX_TEXT_CHARS": 32_767,
    }
    constants = {n for n in dir(limits)
                 if n.isupper() and not n.startswith("_") and isinstance(getattr(limits, n), int)}
    assert constants == set(shown) == set(values), constants ^ set(shown)
    for name, text in shown.items():
        assert getattr(limits, name) == values[name], name
        assert text in SECTION, (name, text)


def _sheet(rows: int, far: bytes = b"") -> bytes:
    body = b"".join(b'<row r="%d" spans="1:3"><c r="A%d" t="s"><v>1</v></c><c r="C%d"><v>2</v></c></row>'
                    % (r, r, r) for r in range(1, rows + 1))
    return (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + body + far + b"</sheetData></worksheet>")


def test_the_used_range_is_found_across_pieces_of_the_part(monkeypatch):
    xml = _sheet(20_000, b'<row r="20001"><c r="AB20001"><v>3</v></c></row>')  # 1.6 MB: several pieces
    assert len(xml) > limits._CHUNK
    expected = (20_001, 28, 40_001)
    assert limits.sheet_extent(xml) == expected
    monkeypatch.setattr(limits, "_CHUNK", 64)  # a piece per element or two
    assert limits.sheet_extent(xml) == expected


def test_unusual_spelling_and_cells_without_references_are_bounded():
    xml = _sheet(3, b"<row><x:c r='Z9'/><c><v>1</v></c><c><v>2</v></c></row>")
    rows, cols, cells = limits.sheet_extent(xml)
    assert rows >= 9 and cols >= 26 and cells == 9  # Z9 seen, and the r-less cells and row counted
    far = _sheet(1, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    assert limits.sheet_extent(far)[:2] == (1_048_576, 16_384)
