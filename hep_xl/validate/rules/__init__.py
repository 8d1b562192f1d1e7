"""Rule modules, one per area; importing this package registers every rule in :data:`..registry.RULES`
(in this order: read, settlement, Annex 1, Annex 2, Annex 3, Fórum)."""

from . import read, settlement, indicators, checklist, action_plan, forum  # noqa: F401,I001
