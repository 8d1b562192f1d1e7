"""Where the decree text (``shared/seeds``) is, for the tests that check the catalog against it.

The rule: the seeds are *expected*. CI always has ``shared/`` beside the checkout, so a missing
decree text is a failure, never a silent skip. They are looked for

1. at ``$HEP_XL_SEEDS`` when it is set (and only there);
2. otherwise at ``../shared/seeds`` beside the checkout, or, for a git worktree (``.git`` is a
   file), beside the main checkout.

Only ``HEP_XL_SEEDS=absent`` — an explicit statement that this machine has no seeds — turns the
decree-text checks into skips (with that reason).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ABSENT = "absent"


def _worktree_main(root: Path) -> Path | None:
    dot_git = root / ".git"
    if not dot_git.is_file():
        return None
    text = dot_git.read_text(encoding="utf-8").strip()
    if not text.startswith("gitdir:"):
        return None
    gitdir = (root / text.split(":", 1)[1].strip()).resolve()
    common = gitdir / "commondir"
    if common.is_file():
        gitdir = (gitdir / common.read_text(encoding="utf-8").strip()).resolve()
    return gitdir.parent  # the main checkout holds the common .git folder


def candidates(root: Path = ROOT) -> list[Path]:
    env = os.environ.get("HEP_XL_SEEDS", "")
    if env and env != ABSENT:
        return [Path(env)]
    out = [root.parent / "shared" / "seeds"]
    main = _worktree_main(root)
    if main is not None:
        out.append(main.parent / "shared" / "seeds")
    return out


def find_seeds(root: Path = ROOT) -> Path | None:
    """The seeds folder, or None when none of the candidates exists."""
    return next((p for p in candidates(root) if p.is_dir()), None)


def declared_absent() -> bool:
    return os.environ.get("HEP_XL_SEEDS") == ABSENT
