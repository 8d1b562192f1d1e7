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
    constants = {n for n in dir(limits) if n.isupper() and isinstance(getattr(limits, n), int)}
    assert constants == set(shown) == set(values), constants ^ set(shown)
    for name, text in shown.items():
        assert getattr(limits, name) == values[name], name
        assert text in SECTION, (name, text)
