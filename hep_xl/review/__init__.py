"""``hep-xl review``: what changed between two versions of one settlement's HEP (before and after
the two-year review, or two years' monitoring), compared on the typed model.

* :mod:`.compare` — the typed result (:func:`compare`);
* :mod:`.text` — the readable Hungarian summary printed without ``-o``;
* :mod:`.json_report` and :mod:`.schema` — the JSON document for tools and its schema;
* :mod:`.word` — the Word document the HEP Fórum discusses.
"""

from .compare import NotComparable, Review, compare

__all__ = ["NotComparable", "Review", "compare"]
