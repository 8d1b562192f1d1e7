"""Small file helpers shared by every writer: outputs appear whole or not at all.

* :func:`atomic_output` writes under a temporary name beside the target and renames it over the
  target; the temporary file is locked while it is written, so :func:`remove_stale_temp_files`
  can tell the leftovers of a killed run (unlocked) from a file another run is writing now;
* :func:`os_error_text` says in Hungarian what an operating-system error means (a full disk, a
  missing permission), never the C library's English text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl

    _flock, _EXCLUSIVE_NOW = fcntl.flock, fcntl.LOCK_EX | fcntl.LOCK_NB
except ImportError:  # Windows: a file open for writing cannot be deleted there anyway
    _flock, _EXCLUSIVE_NOW = (lambda fd, flags: None), 0

_ERRNO_NAMES = {
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
_ERRNO_TEXT = {getattr(errno, k): v for k, v in _ERRNO_NAMES.items() if hasattr(errno, k)}
# errors that mean "another program holds the file" on Windows, where Excel locks an open workbook
_IN_USE = {getattr(errno, k) for k in ("EACCES", "EPERM", "EBUSY", "ETXTBSY") if hasattr(errno, k)}


def os_error_text(exc: OSError) -> str:
    """A Hungarian description of ``exc`` (by errno; the number itself when it is unusual)."""
    if exc.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[exc.errno]
    if exc.errno:
        return f"operációsrendszer-hiba ({errno.errorcode.get(exc.errno, exc.errno)})"
    return "a fájl nem olvasható vagy nem írható"


def maybe_in_use(exc: OSError) -> bool:
    """True when ``exc`` may mean that the file is open in Excel (a lock, not a full disk)."""
    return exc.errno in _IN_USE


def os_error_in(exc: BaseException | None) -> OSError | None:
    """The OSError ``exc`` is or was raised from (libraries wrap them in their own exceptions);
    the first 32 links of the chain are followed (a cycle ends there)."""
    for _ in range(32):
        if exc is None or isinstance(exc, OSError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


class OutputError(Exception):
    """A file could not be written; the message is Hungarian and names the file."""


@contextlib.contextmanager
def writing(path: str | os.PathLike) -> Iterator[None]:
    """Turn a failed write of ``path`` (a full disk, a missing folder, also wrapped by a library in
    its own exception) into :class:`OutputError` saying what happened, in Hungarian."""
    try:
        yield
    except OutputError:
        raise
    except Exception as exc:
        err = os_error_in(exc)
        if err is None:
            raise
        raise OutputError(f"{path}: a fájl nem olvasható vagy nem írható: {os_error_text(err)}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; True if taken (or locks do not exist here)."""
    try:
        _flock(fd, _EXCLUSIVE_NOW)
        return True
    except OSError:
        return False


def temp_name_pattern(name: str | None = None) -> re.Pattern:
    """The names :func:`atomic_output` gives its temporary files (for ``name``, or any name)."""
    stem = re.escape(name) if name else r".+"
    return re.compile(rf"^\.{stem}\.[A-Za-z0-9_]+\.tmp$")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it over ``path`` atomically.

    On any exception the temporary file is removed and ``path`` is left as it was, so a crash
    never leaves a half-written workbook, JSON or document behind. The temporary file is locked
    while it is written: if the process is killed, the next run sees an unlocked leftover and
    removes it (:func:`remove_stale_temp_files`).
    """
    target = Path(path)
    for folder in (target.parent, *target.parent.parents):
        if folder.exists():
            if not folder.is_dir():  # mkdir would only say "exists"
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
            break
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    _lock(fd)
    try:
        yield tmp
        # mkstemp makes the file private (0600); give it the mode of the file it replaces, or what
        # the user's umask gives a new file, so colleagues on a shared folder can still open it
        try:
            mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        # a library that writes through C (lxml) reports a full disk as its own error without the
        # OSError: one more write to the temporary file says what the disk says
        cause = _probe_write(tmp) if isinstance(exc, Exception) and os_error_in(exc) is None else None
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if cause is not None:
            raise cause from exc
        raise
    finally:
        os.close(fd)


def _probe_write(tmp: Path) -> OSError | None:
    """Write 1 MiB more to ``tmp``, then to a new file in the temporary folder (where libraries
    such as openpyxl stage their parts): the OSError a full disk gives, or None."""
    block = b"\0" * (1 << 20)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_APPEND)
    except OSError:
        fd = None
    if fd is not None:
        try:
            os.write(fd, block)
            os.fsync(fd)
        except OSError as err:
            return err
        finally:
            os.close(fd)
    try:
        with tempfile.TemporaryFile() as fh:
            fh.write(block)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as err:
        return err
    return None


def remove_stale_temp_files(folder: str | os.PathLike, name: str | None = None) -> list[Path]:
    """Delete the temporary files a killed :func:`atomic_output` left in ``folder`` (for the target
    ``name``, or for any target). A temporary file another process is writing right now is locked
    and stays."""
    pattern = temp_name_pattern(name)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [Path(e.path) for e in entries
            if pattern.match(e.name) and not e.is_symlink() and e.is_file() and _remove_if_unlocked(e.path)]


def _remove_if_unlocked(path: str) -> bool:
    """Remove ``path`` unless another process holds its lock; True if it was removed."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if not _lock(fd):
            return False  # another run is writing it
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
