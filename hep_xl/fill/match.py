"""Which Annex 1 series a row of an export means: by catalog ID, TeIR code or Hungarian name.

Matching is tolerant of case, accents, whitespace, dashes, a trailing unit ("(fő)") and the õ/û
mojibake, but never guesses: a name that fits two series is an error that names both, and a bare
indicator name of an indicator with several sub-indicators names them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import Catalog
from .text import clean_text, exact_key, loose_key

_TEIR_CODE = re.compile(r"\b(\d{5}-\d-\d{2})\b")


class MatchError(ValueError):
    """The row's indicator cannot be identified; the message is Hungarian."""


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, ...]]
    loose: dict[str, tuple[str, ...]]


def _add(index: dict[str, list[str]], key: str, sids) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    for sid in sids:
        if sid not in bucket:
            bucket.append(sid)


def _freeze(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in index.items()}


class Matcher:
    """Resolves (identifier, indicator name, sub-indicator name) to a series ID of the catalog."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        ids: dict[str, tuple[str, ...]] = {}
        for ind in catalog.indicators:
            rows = [s.id for s in ind.rows]
            ids[ind.id.casefold()] = tuple(s.id for s in ind.series) if len(ind.series) > 1 else (
                ind.series[0].id,)
            ids[str(ind.number)] = ids[ind.id.casefold()]
            for sid in rows:
                ids[sid.casefold()] = (sid,)
        self.ids = ids
        self.codes: dict[str, str] = {}
        for s in catalog.series_rows:
            for code in _TEIR_CODE.findall(s.name):
                self.codes[code] = s.id
        # global name index: every series name, and every indicator name (-> all its series)
        ex: dict[str, list[str]] = {}
        lo: dict[str, list[str]] = {}
        for ind in catalog.indicators:
            for s in ind.rows:
                for key_fn, idx in ((exact_key, ex), (loose_key, lo)):
                    _add(idx, key_fn(s.name), [s.id])
                    without_code = _TEIR_CODE.sub("", s.name).replace("()", "")
                    _add(idx, key_fn(without_code), [s.id])
            for key_fn, idx in ((exact_key, ex), (loose_key, lo)):
                _add(idx, key_fn(ind.name), [s.id for s in ind.series])
        self.names = _Index(_freeze(ex), _freeze(lo))
        # per indicator: its own rows' names (for an indicator + sub-indicator pair)
        self.sub_names: dict[int, _Index] = {}
        for ind in catalog.indicators:
            ex, lo = {}, {}
            for s in ind.rows:
                for key_fn, idx in ((exact_key, ex), (loose_key, lo)):
                    _add(idx, key_fn(s.name), [s.id])
                    _add(idx, key_fn(_TEIR_CODE.sub("", s.name).replace("()", "")), [s.id])
            self.sub_names[ind.number] = _Index(_freeze(ex), _freeze(lo))

    # -- helpers --------------------------------------------------------------------------------
    def _describe(self, sids) -> str:
        by_id = self.cat.series_by_id
        shown = [f"„{by_id[s].name}” ({s})" for s in sids[:3]]
        if len(sids) > 3:
            return ", ".join(shown) + f" … (összesen {len(sids)} részmutató)"
        return ", ".join(shown[:-1]) + " vagy " + shown[-1]

    def _lookup(self, index: _Index, text: str) -> tuple[str, ...]:
        for key, table in ((exact_key(text), index.exact), (loose_key(text), index.loose)):
            found = table.get(key)
            if found:
                return found
        return ()

    def _one(self, found: tuple[str, ...], text: str) -> str:
        if len(found) == 1:
            return found[0]
        raise MatchError(f"nem egyértelmű mutatónév: „{text}” – lehet {self._describe(found)}; "
                         "adja meg a részmutatót vagy az azonosítót")

    # -- public ---------------------------------------------------------------------------------
    def by_id(self, raw) -> str | None:
        text = clean_text(raw)
        if not text:
            return None
        found = self.ids.get(text.casefold()) or self.ids.get(text.casefold().rstrip("."))
        if found:
            return self._one(found, text)
        m = _TEIR_CODE.search(text)
        if m and m.group(1) in self.codes:
            return self.codes[m.group(1)]
        return None

    def resolve(self, ident="", name="", sub="") -> str:
        """The series ID for a row; raises :class:`MatchError` with a Hungarian message."""
        ident, name, sub = clean_text(ident), clean_text(name), clean_text(sub)
        if ident:
            sid = self.by_id(ident)
            if sid:
                return sid
            if not name and not sub:
                raise MatchError(f"ismeretlen mutatóazonosító: „{ident}”")
        if name and sub:
            owners = {self.cat.series_by_id[s].indicator_number for s in self._lookup(self.names, name)}
            if len(owners) == 1:
                found = self._lookup(self.sub_names[owners.pop()], sub)
                if found:
                    return self._one(found, f"{name} / {sub}")
                raise MatchError(f"ismeretlen részmutató: „{sub}” (mutató: „{name}”)")
            found = self._lookup(self.names, sub)
            if found:
                return self._one(found, sub)
            raise MatchError(f"ismeretlen mutató: „{name}” / „{sub}”")
        text = name or sub
        if not text:
            raise MatchError("hiányzik a mutató neve vagy azonosítója")
        found = self._lookup(self.names, text)
        if found:
            return self._one(found, text)
        m = _TEIR_CODE.search(text)
        if m and m.group(1) in self.codes:
            return self.codes[m.group(1)]
        sid = self.by_id(text)  # an ID in the name column
        if sid:
            return sid
        raise MatchError(f"ismeretlen mutató: „{text}”")
