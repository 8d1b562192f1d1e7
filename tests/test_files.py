"""atomic_output: an output appears whole or not at all, with the permissions a colleague expects."""

from __future__ import annotations

import os
import stat

import pytest

from hep_xl.files import atomic_output


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_output_appears_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "uj" / "almappa" / "hep.json"  # missing folders are made
    with atomic_output(target) as tmp:
        assert tmp.parent == target.parent and tmp != target
        assert tmp.name.startswith(".hep.json.") and tmp.name.endswith(".tmp")
        assert not target.exists()
        tmp.write_text("kész", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "kész"
    assert sorted(p.name for p in target.parent.iterdir()) == ["hep.json"]


@pytest.mark.parametrize("error", [ValueError("hiba"), KeyboardInterrupt()])
def test_a_failure_leaves_the_old_file_and_no_temporary_file(tmp_path, error):
    target = tmp_path / "hep.json"
    target.write_text("régi", encoding="utf-8")
    with pytest.raises(type(error)), atomic_output(target) as tmp:
        tmp.write_text("félig", encoding="utf-8")
        raise error
    assert target.read_text(encoding="utf-8") == "régi"
    assert [p.name for p in tmp_path.iterdir()] == ["hep.json"]


def test_a_failure_after_the_temporary_file_was_removed_is_still_raised(tmp_path):
    target = tmp_path / "hep.json"
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.unlink()
        raise RuntimeError("a writer removed its own file")
    assert list(tmp_path.iterdir()) == []


def test_replacing_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "hep.xlsx"
    target.write_bytes(b"regi")
    os.chmod(target, 0o640)
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"uj")
    assert _mode(target) == 0o640 and target.read_bytes() == b"uj"


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_what_the_umask_gives_not_mkstemps_0600(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        with atomic_output(tmp_path / "uj.json") as tmp:
            tmp.write_text("{}", encoding="utf-8")
        assert os.umask(umask) == umask  # the umask is left as it was
    finally:
        os.umask(old)
    assert _mode(tmp_path / "uj.json") == mode
