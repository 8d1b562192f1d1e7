"""Who a settlement is: its KSH code, county and district, and where those values come from.

The one place the overview asks. Until the bundled KSH register (Helységnévtár) is part of the
package, the values are the ones typed in the workbook's *Településadatok* sheet (which has no
district), labelled as such; the pages show the label beside the values.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    return Identity(settlement.ksh_code.strip(), settlement.county.strip(), "", WORKBOOK_SOURCE)
