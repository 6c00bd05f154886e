"""A progress bar on standard error, with tqdm when it is installed.

It is shown for a file over `THRESHOLD` bytes when standard error is a
terminal, or whenever `--progress` asks for it, and never with `--quiet`.
Without tqdm (the `progress` extra), the command says once how to get it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

THRESHOLD = 4 * 1024 * 1024
"""Files of this many bytes or more get a progress bar on a terminal."""

_EVERY = 0.1
"""Seconds between two updates of the bar."""

HINT = (
    "(a progress bar needs tqdm: pip install 'trafficking-model[progress]', "
    "or --quiet to hide this)"
)


def wanted(size: int | None, *, quiet: bool, forced: bool) -> bool:
    """Whether to show progress for an input of `size` bytes."""
    if quiet:
        return False
    if forced:
        return True
    return size is not None and size >= THRESHOLD and sys.stderr.isatty()


def _size() -> tuple[int, int]:
    """The columns and lines of the terminal on standard error.

    A terminal that gives no size (0 by 0, as a new pseudo-terminal) counts as
    80 by 24: tqdm would hide its bar on a terminal with no lines.
    """
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24


def _short(label: str) -> str:
    """The file's name without its folder, cut to 24 characters."""
    name = label.rsplit("/", 1)[-1]
    return name if len(name) <= 24 else name[:21] + "..."


class Progress:
    """Bytes read and records per second, redrawn at most ten times a second."""

    def __init__(self, label: str, size: int | None, *, shown: bool) -> None:
        self._bar: Any = None
        self._records = 0
        self._start = time.monotonic()
        self._next = self._start + _EVERY
        self.shown = shown
        if not shown:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            sys.stderr.write(f"{label}: reading... {HINT}\n")
            sys.stderr.flush()
            self.shown = False
            return
        self._bar = tqdm(
            total=size,
            desc=_short(label),
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
            "[{elapsed}{postfix}]",
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=sys.stderr,
            leave=True,
            ncols=_size()[0],
            nrows=_size()[1],
        )

    def update(self, consumed: int) -> None:
        """Count one record, `consumed` bytes having been read so far."""
        self._records += 1
        if self._bar is None:
            return
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + _EVERY
        self._redraw(consumed, now)

    def _redraw(self, consumed: int, now: float) -> None:
        rate = self._records / max(now - self._start, 1e-9)
        self._bar.n = consumed
        self._bar.set_postfix_str(
            f"{self._records:,} records, {rate:,.0f} records/s", refresh=False
        )
        self._bar.refresh()

    def close(self, consumed: int) -> None:
        """Draw the bar at its end and leave it."""
        if self._bar is None:
            return
        self._redraw(consumed, time.monotonic())
        self._bar.close()
        self._bar = None
