"""Regenerate ``calibri_widths.json``: the advance widths of the characters our workbooks hold, in
Calibri (measured from Carlito, the metric-compatible free font), for estimating wrapped row heights.

Run ``python -m hep_xl.workbook.fontmetrics_build`` on a machine with Carlito installed (Debian:
fonts-crosextra-carlito) and Pillow; the result is committed, nothing here runs at run time.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
OUT = Path(__file__).with_name("calibri_widths.json")
UNITS = 2048  # Carlito's units per em: widths are stored in them


def characters() -> str:
    """ASCII, the Hungarian letters and the punctuation of the catalog's and messages' texts."""
    from ..catalog import _HERE

    chars = set(string.printable.strip()) | {" "} | set("áéíóöőúüűÁÉÍÓÖŐÚÜŰ„”“–—…→›•−‰×·°§€")
    for path in _HERE.rglob("*.json"):
        chars |= set(path.read_text(encoding="utf-8"))
    return "".join(sorted(c for c in chars if c.isprintable()))


def build() -> dict:
    from PIL import ImageFont

    out = {"source": "Carlito (metric-compatible with Calibri; SIL Open Font License), advance widths in "
                     f"1/{UNITS} em, measured with Pillow", "units_per_em": UNITS}
    for style, file in (("regular", "Carlito-Regular.ttf"), ("bold", "Carlito-Bold.ttf")):
        font = ImageFont.truetype(str(FONT_DIR / file), UNITS)
        out[style] = {c: round(font.getlength(c)) for c in characters()}
    return out


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(OUT)
