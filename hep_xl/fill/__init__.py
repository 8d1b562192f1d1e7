"""Filling the Annex 1 indicators from TeIR / KSH data exports.

``hep-xl fill`` and the workbook's "fill indicators" macro share these functions:

* :func:`plan_fill` — pure: read exports, match rows to series, derive what the decree defines
  from other data, compare with the workbook (:class:`FillPlan`: changes, conflicts, problems,
  provenance);
* :func:`apply_to_file` — write a plan into a workbook file (openpyxl, atomic);
* :func:`fill_workbook` — read + plan + apply.
"""

from .apply import apply_to_file, fill_workbook
from .plan import Change, Conflict, FillPlan, FillProblem, SeriesProvenance, format_value, plan_fill, planned_hep

__all__ = ["Change", "Conflict", "FillPlan", "FillProblem", "SeriesProvenance", "apply_to_file",
           "fill_workbook", "format_value", "plan_fill", "planned_hep"]
