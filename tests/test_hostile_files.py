"""hep_xl.files against a full disk, a blocked path and a killed writer: OS errors said in
Hungarian, wrapped OS errors found, temporary files locked while written and only the unlocked
leftovers removed. (Part of the mutation gate's test selection: the texts are literal here.)"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from pathlib import Path

import pytest

from hep_xl.files import (
    OutputError,
    _lock,
    _probe_write,
    _remove_if_unlocked,
    atomic_output,
    maybe_in_use,
    os_error_in,
    os_error_text,
    remove_stale_temp_files,
    temp_name_pattern,
    writing,
)

TEXTS = {
    "ENOSPC": "megtelt a lemez (nincs elég szabad hely)",
    "EFBIG": "elfogyott a hely: a fájl túllépi a megengedett méretet (megtelt a lemez vagy a kvóta)",
    "EDQUOT": "elfogyott a lemezkvóta",
    "EACCES": "nincs jogosultság (hozzáférés megtagadva)",
    "EPERM": "a művelet nem engedélyezett",
    "EROFS": "a lemez csak olvasható",
    "ENOENT": "a fájl vagy mappa nem található",
    "ENOTDIR": "az elérési út egy része nem mappa",
    "EISDIR": "ez egy mappa, nem fájl",
    "EEXIST": "már létezik",
    "EBUSY": "a fájlt más program használja",
    "ETXTBSY": "a fájlt más program használja",
    "ENAMETOOLONG": "túl hosszú fájlnév",
    "ELOOP": "túl sok egymásba mutató hivatkozás (symlink)",
    "EIO": "be- és kiviteli hiba (a lemez vagy a hálózati meghajtó hibája)",
    "EMFILE": "túl sok megnyitott fájl",
    "EXDEV": "a fájl nem helyezhető át másik lemezre",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_os_errors_are_said_in_hungarian(name):
    assert os_error_text(OSError(getattr(errno, name), "English text")) == TEXTS[name]


def test_an_unusual_or_missing_errno():
    assert os_error_text(OSError(errno.ECONNRESET, "x")) == "operációsrendszer-hiba (ECONNRESET)"
    assert os_error_text(OSError(99999, "x")) == "operációsrendszer-hiba (99999)"
    assert os_error_text(OSError("no errno")) == "a fájl nem olvasható vagy nem írható"


@pytest.mark.parametrize("name,in_use", [("EACCES", True), ("EPERM", True), ("EBUSY", True), ("ETXTBSY", True),
                                         ("ENOSPC", False), ("EFBIG", False), ("ENOENT", False)])
def test_which_errors_may_mean_the_file_is_open_in_excel(name, in_use):
    assert maybe_in_use(OSError(getattr(errno, name), "x")) is in_use
    assert maybe_in_use(OSError("no errno")) is False


def test_the_os_error_behind_a_library_error_is_found():
    disk = OSError(errno.ENOSPC, "full")
    assert os_error_in(disk) is disk
    assert os_error_in(None) is None
    assert os_error_in(ValueError("no os error")) is None
    try:
        try:
            raise disk
        except OSError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as outer:
        assert os_error_in(outer) is disk  # __cause__
    try:
        try:
            raise disk
        except OSError:
            raise KeyError("during handling")  # noqa: B904 — __context__ only
    except KeyError as outer:
        assert os_error_in(outer) is disk
    deep = ValueError("3")
    deep.__cause__ = TypeError("2")
    deep.__cause__.__context__ = disk
    assert os_error_in(deep) is disk
    loop = ValueError("a cycle")
    loop.__context__ = loop
    assert os_error_in(loop) is None


@pytest.mark.parametrize("links,found", [(31, True), (32, False)])
def test_the_first_32_links_of_a_chain_are_followed(links, found):
    disk = OSError(errno.ENOSPC, "full")
    exc = disk
    for _ in range(links):
        outer = ValueError("wrapper")
        outer.__cause__ = exc
        exc = outer
    assert (os_error_in(exc) is disk) is found


def test_writing_names_the_file_and_what_the_disk_said(tmp_path):
    target = tmp_path / "ki.json"
    with pytest.raises(OutputError) as info, writing(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(info.value) == (f"{target}: a fájl nem olvasható vagy nem írható: "
                               "megtelt a lemez (nincs elég szabad hely)")
    with pytest.raises(OutputError) as info, writing(target):
        try:
            raise OSError(errno.EFBIG, "File too large")
        except OSError as exc:
            raise ValueError("a library's own error") from exc
    assert "elfogyott a hely" in str(info.value)
    with pytest.raises(ZeroDivisionError), writing(target):
        raise ZeroDivisionError  # not an OS error: passed on as it is
    first = OutputError("már megfogalmazva")
    with pytest.raises(OutputError) as info, writing(target):
        raise first
    assert info.value is first
    with writing(target):
        pass


# -- temporary files and their locks ---------------------------------------------------------------

def test_temporary_names_are_recognised_exactly():
    any_name, for_json = temp_name_pattern(), temp_name_pattern("hep.json")
    assert for_json.match(".hep.json.k3_x9Ab.tmp") and any_name.match(".hep.json.k3_x9Ab.tmp")
    for other in ("hep.json.k3_x9Ab.tmp", ".hep.json.tmp", ".hep.json.a b.tmp", ".hep.json.ab.tmpx",
                  "x.hep.json.ab.tmp", ".hep.json.ab-c.tmp"):
        assert not for_json.match(other), other
    assert not for_json.match(".masik.json.ab.tmp") and any_name.match(".masik.json.ab.tmp")
    special = temp_name_pattern("a+b.json")
    assert special.match(".a+b.json.Q1.tmp") and not special.match(".aab.json.Q1.tmp")
    assert not any_name.match("..ab.tmp")


def _held(path: Path) -> int:
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def test_a_lock_is_exclusive_and_given_up_with_its_descriptor(tmp_path):
    p = tmp_path / "f"
    p.write_text("x")
    first = os.open(p, os.O_RDONLY)
    second = os.open(p, os.O_RDONLY)
    try:
        assert _lock(first) is True
        assert _lock(second) is False  # held by the first descriptor
        os.close(first)
        first = None
        assert _lock(second) is True
    finally:
        for fd in (first, second):
            if fd is not None:
                os.close(fd)


def test_the_temporary_file_is_locked_while_it_is_written(tmp_path):
    with atomic_output(tmp_path / "hep.json") as tmp:
        fd = os.open(tmp, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
        tmp.write_text("{}")
    assert (tmp_path / "hep.json").read_text() == "{}"


def test_only_unlocked_leftovers_of_our_own_are_removed(tmp_path):
    stale = [tmp_path / ".hep.json.a1.tmp", tmp_path / ".minta.docx.Zz_9.tmp"]
    live = tmp_path / ".hep.json.b2.tmp"
    others = [tmp_path / "hep.json", tmp_path / ".valami.tmp", tmp_path / "jegyzet.tmp"]
    for p in [*stale, live, *others]:
        p.write_bytes(b"x")
    folder = tmp_path / ".mappa.json.c3.tmp"  # a folder with the name of a temporary file stays
    folder.mkdir()
    link = tmp_path / ".link.json.d4.tmp"
    link.symlink_to(others[0])
    fd = _held(live)
    try:
        assert sorted(remove_stale_temp_files(tmp_path)) == sorted(stale)
    finally:
        os.close(fd)
    assert live.exists() and folder.is_dir() and link.is_symlink() and all(p.exists() for p in others)
    assert [p.name for p in remove_stale_temp_files(tmp_path, "hep.json")] == [live.name]
    assert remove_stale_temp_files(tmp_path) == []
    assert remove_stale_temp_files(tmp_path / "nincs-ilyen") == []


def test_removing_a_leftover_says_whether_it_did(tmp_path):
    gone = tmp_path / "nincs"
    assert _remove_if_unlocked(str(gone)) is False
    folder = tmp_path / "mappa"
    folder.mkdir()
    assert _remove_if_unlocked(str(folder)) is False and folder.is_dir()  # opened and locked, not unlinked
    held = tmp_path / "tartott"
    held.write_bytes(b"x")
    fd = _held(held)
    try:
        assert _remove_if_unlocked(str(held)) is False and held.exists()
    finally:
        os.close(fd)
    assert _remove_if_unlocked(str(held)) is True and not held.exists()


def test_leftovers_of_one_target_only(tmp_path):
    mine, other = tmp_path / ".hep.xlsx.a1.tmp", tmp_path / ".masik.xlsx.a1.tmp"
    mine.write_bytes(b"x")
    other.write_bytes(b"x")
    assert remove_stale_temp_files(tmp_path, "hep.xlsx") == [mine]
    assert other.exists() and not mine.exists()


# -- a disk that is full, a path that is a file -------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_probe_write_finds_a_full_disk():
    err = _probe_write(Path("/dev/full"))
    assert isinstance(err, OSError) and err.errno == errno.ENOSPC


def test_a_probe_write_on_a_healthy_disk_finds_nothing(tmp_path):
    p = tmp_path / "t"
    p.write_bytes(b"")
    assert _probe_write(p) is None
    assert p.stat().st_size == 1 << 20  # it did write
    assert _probe_write(tmp_path / "nincs") is None  # no file of its own: the temporary folder is tried


def test_a_probe_write_tries_the_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "nincs-ilyen-mappa"))
    err = _probe_write(tmp_path / "nincs")
    assert isinstance(err, OSError) and err.errno == errno.ENOENT


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_library_error_on_a_full_disk_becomes_the_os_error(tmp_path):
    target = tmp_path / "hep.xlsx"
    with pytest.raises(OSError) as info, atomic_output(target) as tmp:
        tmp.unlink()
        tmp.symlink_to("/dev/full")  # every write into the temporary file now fails as on a full disk
        raise ValueError("a library's own error, without the OSError")
    assert info.value.errno == errno.ENOSPC and isinstance(info.value.__cause__, ValueError)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as tmp:  # not an Exception: no probe
        tmp.unlink()
        tmp.symlink_to("/dev/full")
        raise KeyboardInterrupt


def test_a_folder_on_the_path_that_is_a_file(tmp_path):
    blocker = tmp_path / "ki"
    blocker.write_text("egy fájl")
    with pytest.raises(NotADirectoryError) as info, atomic_output(blocker / "almappa" / "hep.json"):
        pass
    assert info.value.errno == errno.ENOTDIR and info.value.filename == str(blocker)
    assert blocker.read_text() == "egy fájl"
