"""Who a settlement is: its KSH code, county and district, and where those values come from.

The one place the overview asks. A code the bundled KSH register (Helységnévtár 2018) knows gives
the register's county and district, labelled with the register's source; otherwise the values are
the ones typed in the workbook's *Településadatok* sheet (which has no district), labelled as such.
The validator reports a code, name or county that disagrees with the register (SET-011…014).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import register
from ..model import Settlement

WORKBOOK_SOURCE = "a munkafüzet Településadatok lapja"


@dataclass(frozen=True)
class Identity:
    ksh_code: str
    county: str
    district: str
    source: str  # where the three values come from, as the pages name it


def identity_of(settlement: Settlement) -> Identity:
    """The KSH code, county and district of ``settlement`` with their source."""
    code = settlement.ksh_code.strip()
    place = register.by_code(code)
    if place is not None:
        return Identity(place.ksh_code, place.county_name, place.district_name, register.SOURCE)
    return Identity(code, settlement.county.strip(), "", WORKBOOK_SOURCE)
