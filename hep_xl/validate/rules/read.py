"""Values the reader could not interpret (ambiguous numbers, bad dates) become findings."""

from __future__ import annotations

from ..registry import Context, Hit, rule


@rule("READ-001", "read")
def unreadable_value(ctx: Context):
    for issue in ctx.read_issues:
        yield Hit(None, issue.field, issue.value, {"reason": issue.message},
                  sheet=issue.sheet, cell=issue.cell)
