"""``hep-xl-python``: the interpreter the HEP ribbon buttons start (``hep-xl install`` writes its path).

xlwings' ``RunPython`` starts ``<interpreter> -B -c "import xlwings.utils; …; <macro>" --wb=… --from_xl=1
…`` on every click, and ``import xlwings`` imports numpy, pandas and ``matplotlib.pyplot`` whenever they
are installed: about half a second before any of our code runs (``bench/bench_macros.py``). The Word
export needs matplotlib for its charts, so it is installed, but the macros use none of xlwings'
numpy, pandas or matplotlib conversions. This launcher therefore imports xlwings with those three
hidden (what an absent package looks like to ``import``, so xlwings takes its plain-Python paths),
makes them importable again for our own code (the charts import matplotlib when they are drawn), and
runs the command as ``python -c`` would.
"""

from __future__ import annotations

import sys

NAME = "hep-xl-python"
# what xlwings imports at start-up when present, and the HEP macros never need from xlwings
HIDDEN_FROM_XLWINGS = ("numpy", "pandas", "matplotlib")

USAGE = f"használat: {NAME} [-B] -c PARANCS [ARGUMENTUM…] (az xlwings RunPython hívása)"


def import_xlwings_lean() -> None:
    """Import xlwings with numpy, pandas and matplotlib hidden, then make them importable again."""
    hidden = [name for name in HIDDEN_FROM_XLWINGS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "not installed" to the import system
    try:
        import xlwings  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    while args and args[0] == "-B":  # the only interpreter option xlwings passes
        sys.dont_write_bytecode = True
        args.pop(0)
    if len(args) < 2 or args[0] != "-c":
        print(USAGE, file=sys.stderr)
        return 2
    code, sys.argv = args[1], ["-c", *args[2:]]  # as python -c leaves sys.argv
    import_xlwings_lean()
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    return 0


if __name__ == "__main__":
    sys.exit(main())
