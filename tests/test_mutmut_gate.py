"""The mutation-testing gate inside `make test`: mutmut over the gated modules, kill rate at least
the floor of tests/mutmut_floor.toml (see tests/mutmut_gate.py)."""

from __future__ import annotations

from . import mutmut_gate


def test_kill_rate_is_at_least_the_floor():
    result = mutmut_gate.run(gate="core")
    print(result.report())
    modules = set(result.by_module())
    assert modules == {"hep_xl.values", "hep_xl.derive", "hep_xl.validate.ksh", "hep_xl.files"}, modules
    assert result.total > 400, result.log  # mutmut really generated and ran the mutants
    assert result.rate >= result.floor, result.report()
