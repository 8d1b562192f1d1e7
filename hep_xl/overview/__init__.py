"""Many settlements at a glance: ``hep-xl overview`` (and ``convert``) write a page set a mentor or an
archivist opens in a browser, from a folder or a USB stick, and the same as ``attekintes.xlsx``.

* :mod:`.entry` — one settlement's summary and page content, from the model and the validator;
* :mod:`.identity` — its KSH code, county and district, and their source;
* :mod:`.compare` — key indicators against the set's median and quartiles (pandas);
* :mod:`.charts` — geometry of the small inline SVG charts;
* :mod:`.html` — the pages (Jinja2 templates in ``templates/``);
* :mod:`.xlsx` — ``attekintes.xlsx`` (xlsxwriter);
* :mod:`.build` — reading in parallel and writing it all.

Needs the ``hep_xl[overview]`` extra (Jinja2, pandas); the base install a clerk's ribbon uses has
neither.
"""

from .build import COMPARE_PAGE, INDEX, XLSX, OverviewResult, build_overview, write_overview
from .compare import OverviewUnavailable

__all__ = ["build_overview", "write_overview", "OverviewResult", "OverviewUnavailable", "INDEX", "COMPARE_PAGE",
           "XLSX"]
