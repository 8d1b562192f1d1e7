"""The document frame (not the decree's: the common structure of the HEP template, the catalog's
``document.json``): the parts the clerk writes on the *Bevezetés és megvalósítás* sheet, and each
measure's detail-form fields (partners, risks and their mitigation) on the action-plan sheet."""

from __future__ import annotations

from ..registry import Context, hit, rule
from .action_plan import _label


@rule("DOC-001", "document")
def part_missing(ctx: Context):
    for part in ctx.catalog.written_parts:
        if not part.optional and not ctx.hep.frame_text(part.id).strip():
            yield hit(("frame", part.id, "text"), "text", None, part=part.heading, guidance=part.guidance)


def _form_field_empty(ctx: Context, name: str, only_if: str = ""):
    for i, m in enumerate(ctx.hep.measures):
        if only_if and not getattr(m, only_if).strip():
            continue
        if not getattr(m, name).strip():
            yield hit(("measures", i, name), name, None, measure=_label(ctx, m))


@rule("DOC-002", "document")
def partners_missing(ctx: Context):
    yield from _form_field_empty(ctx, "partners")


@rule("DOC-003", "document")
def risks_missing(ctx: Context):
    yield from _form_field_empty(ctx, "risks")


@rule("DOC-004", "document")
def mitigation_missing(ctx: Context):
    yield from _form_field_empty(ctx, "risk_mitigation", only_if="risks")
