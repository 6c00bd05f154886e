"""`python -m trafficking_model`: the same as the `trafficking-model` command.

- With no arguments, it validates the built-in example and summarises it.
- `validate FILE...` checks JSON, JSON Lines or CSV files (`-` for standard
  input) and prints every problem with its file, line and path as it finds it.
- `summary FILE` describes what a file holds.
- `convert IN OUT` converts records between JSON, JSON Lines and CSV.
- `schema [CLASS] [--write DIR]` prints the JSON Schema of a class, or writes
  the schema of every model class into `DIR`.
- `--version` prints the version.

Exit status: 0 valid, 1 invalid data, 2 a usage error or a file that cannot be
read or written, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import sys

from trafficking_model._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
