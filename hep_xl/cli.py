"""The ``hep-xl`` command line: one console script, one verb per module in :mod:`hep_xl.commands`.

Each command module defines ``register(subparsers)`` and keeps heavy imports inside its run
function, so ``hep-xl validate`` does not pay for python-docx or pandas. Errors reach the user as a
Hungarian message and an exit code, never a traceback (set ``HEP_XL_DEBUG=1`` to see one).

Exit codes: 0 success; 1 the input has errors (validation) or some items of a batch failed;
2 an input cannot be read or the command line is wrong; 3 an unexpected internal error; 4 the inputs
cannot be compared (review: two settlements' programmes, or two catalog versions).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from . import __version__
from . import commands as _commands_pkg

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_MISMATCH = 4


class UserError(Exception):
    """A problem the user can fix (bad argument, unreadable file); message is Hungarian."""

    def __init__(self, message: str, code: int = EXIT_INPUT):
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: exit 2 with a short Hungarian lead
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"hep-xl: hibás parancssor: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hep-xl", description="Helyi Esélyegyenlőségi Program (HEP) munkafüzet-eszközök")
    parser.add_argument("--version", action="version", version=f"hep-xl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PARANCS", parser_class=_Parser)
    sub.required = True
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        module.register(sub)
    return parser


def _quiet_unraisable(unraisable) -> None:
    """Errors Python can only report, not raise (a library's ZipFile closed by the garbage collector
    after a full disk): the command has already said what went wrong; show them only when debugging."""
    if os.environ.get("HEP_XL_DEBUG"):
        sys.__unraisablehook__(unraisable)


def main(argv: list[str] | None = None) -> int:
    from .files import OutputError, os_error_in, os_error_text
    from .workbook.reader import HepReadError

    parser = build_parser()
    args = parser.parse_args(argv)
    sys.unraisablehook = _quiet_unraisable
    try:
        return int(args.func(args) or 0)
    except HepReadError as exc:
        print(f"hiba: {exc.path}: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except (UserError, OutputError) as exc:
        print(f"hiba: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_INPUT)
    except KeyboardInterrupt:
        print("megszakítva", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no traceback for users
        if os.environ.get("HEP_XL_DEBUG"):
            raise
        err = os_error_in(exc)
        if err is not None:  # a path that cannot be read or written (also wrapped by a library)
            where = f"{err.filename}: " if err.filename else ""
            print(f"hiba: {where}a fájl nem olvasható vagy nem írható: {os_error_text(err)}", file=sys.stderr)
            return EXIT_INPUT
        print(f"váratlan belső hiba ({type(exc).__name__}); részletek: HEP_XL_DEBUG=1", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    # run as the package module, not as __main__: the commands raise hep_xl.cli.UserError, which a
    # second copy of this module (python -m hep_xl.cli) would not catch
    from hep_xl.cli import main as _main

    sys.exit(_main())
