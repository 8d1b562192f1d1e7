"""The overview ``hep-xl convert`` writes into its output folder (``index.html``, ``attekintes.xlsx``).

Built like ``hep-xl overview`` from the workbooks themselves (read and validated again, also the
ones the run skipped as unchanged), with a link from each settlement's page to the files the
archive holds for it. Without the ``hep_xl[overview]`` extra the conversion still succeeds and says
why there is no overview.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .build import INDEX, XLSX, summarize_files, write_overview
from .compare import OverviewUnavailable, require_extra
from .entry import Entry, Unreadable


def overview_of_batch(payload: Path, records: list[dict], *, jobs: int | None = None,
                      reference_date: dt.date | None = None) -> str:
    """Write the overview of a batch's records into ``payload``; the line ``convert`` prints."""
    try:
        require_extra()
    except OverviewUnavailable as exc:
        return f"Áttekintés nem készült: {exc}"
    reference_date = reference_date or dt.date.today()
    done = [r for r in records if r.get("status") in ("ok", "skipped")]
    items = summarize_files([r["input"] for r in done], reference_date, jobs=jobs, progress_stream=io.StringIO())
    entries = [i for i in items if isinstance(i, Entry)]
    unreadable = [Unreadable(r["input"], r.get("error") or "") for r in records if r.get("status") == "failed"]
    unreadable += [i for i in items if isinstance(i, Unreadable)]
    if not entries:
        return "Áttekintés nem készült: nincs olvasható munkafüzet"
    outputs = {r["input"]: {f: o["path"] for f, o in (r.get("outputs") or {}).items()} for r in done}
    write_overview(entries, unreadable, payload, reference_date=reference_date, outputs=outputs, jobs=jobs)
    return f"Áttekintés ({len(entries)} település): {payload / INDEX}, {payload / XLSX}"
