"""One module per ``hep-xl`` verb; each defines ``register(subparsers)`` (imports stay light)."""
