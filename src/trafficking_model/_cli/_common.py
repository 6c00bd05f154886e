"""Helpers every command shares: printing and opening an input."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from trafficking_model._cli._input import Input, class_named
from trafficking_model._cli._progress import Progress, wanted

if TYPE_CHECKING:
    import argparse


def say(text: str, stream: TextIO | None = None) -> None:
    """Print a line that the stream can always encode, escaping what it cannot."""
    out = sys.stdout if stream is None else stream
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")


def open_input(name: str, options: argparse.Namespace) -> tuple[Input, Progress]:
    """Open an input, and its progress bar if one is wanted."""
    kind: str | None = options.source_format
    if kind is None and options.jsonl:
        kind = "jsonl"
    source = Input(name, kind=kind)
    shown = wanted(source.size, quiet=options.quiet, forced=options.progress)
    return source, Progress(source.label, source.size, shown=shown)


def chosen(options: argparse.Namespace) -> type[Any] | None:
    """The class `--type` names, or `None` to tell it from the records."""
    return None if options.type is None else class_named(options.type)
