"""Every bug listed in tests/mutations.toml makes its tests fail (see tests/mutation_run.py).

Each case copies the project to a temporary folder, puts the bug in, and runs only the tests named
for it, in a subprocess against the copy; a pass there means the suite no longer catches that bug."""

from __future__ import annotations

import pytest

from . import mutation_run

MUTATIONS = mutation_run.load()


def test_the_list_is_well_formed():
    assert len(MUTATIONS) >= 15
    for m in MUTATIONS:
        assert m.bug and m.tests and m.file.startswith("hep_xl/"), m
        assert all(t.startswith("tests/test_") for t in m.tests), m
        assert mutation_run.anchor_problem(m) is None, (m.id, mutation_run.anchor_problem(m))


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation_is_caught(mutation):
    outcome = mutation_run.run_one(mutation)
    assert outcome.status == "caught", f"{mutation.id} ({mutation.bug}): {outcome.status}\n{outcome.detail}"
