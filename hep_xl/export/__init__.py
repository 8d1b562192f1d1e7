"""Exports of a HEP: the JSON document (with its published schema), the Word document and PDF/A.

* :mod:`hep_xl.export.schema` — the JSON Schema, generated from the catalog and the model.
* :mod:`hep_xl.export.json_doc` — model <-> JSON document (``hep_to_dict``, ``hep_from_dict``).
* :mod:`hep_xl.export.docx_doc` — the Word document a council can adopt.
* :mod:`hep_xl.export.pdf` — PDF/A-2b through LibreOffice headless.
"""
