"""Rule modules, one per area; importing this package registers every rule in :data:`..registry.RULES`
(in this order: read, settlement, Annex 1, Annex 2, Annex 3, Fórum, the texts of every sheet, then the
document frame, then the monitoring)."""

from . import read, settlement, indicators, checklist, action_plan, forum, text, document, monitoring  # noqa: F401,I001
