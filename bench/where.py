"""Where the time goes: one record's load from JSON Lines, step by step.

For each record type, microseconds per record (CPU time, GC paused, best of
`--repeat` passes over the same lines), with msgspec installed:

- `orjson.loads`: parsing the line, and nothing else (the floor);
- msgspec alone: decoding the line into the model's classes with their checks
  switched off (`__attrs_post_init__` made a no-op), which is msgspec's share;
- the model's checks: the same decode with the checks on, minus the above;
- the key check: the second msgspec pass that refuses unknown keys;
- `iter_jsonl`: the whole load through the public function, so the rest
  (reading lines, the generator, the fall-back test) is what is left over.

Then the same for a load from dicts (`from_dict`), with or without msgspec:

- the loader alone: the class's generated loader with the checks switched off
  (the type tests, the lookups, building the objects);
- the model's checks: the same with the checks on, minus the above;
- `from_dict`: the whole load through the public function;
- the converter alone: cattrs' structuring with detailed validation, which
  `from_dict` used for everything before the loaders and still uses for
  whatever a loader does not take.

Run from the repository root, in the benchmark's environment:

    python bench/where.py --records 5000 --repeat 7
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import time
import typing
from typing import TYPE_CHECKING, Any

import attrs
import msgspec
import orjson

import data
import trafficking_model as tm
from trafficking_model import _accelerated, _loaders
from trafficking_model._converter import structure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator


def per_record(run: Callable[[Any], object], items: list[Any], repeat: int) -> float:
    """Best CPU time per item over `repeat` passes, GC paused, in microseconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        start = time.process_time()
        for item in items:
            run(item)
        best = min(best, time.process_time() - start)
        gc.enable()
    return best / len(items) * 1e6


def classes_inside(cls: type[Any]) -> set[type[Any]]:
    """`cls` and every attrs class its fields hold, at any depth."""
    found = {cls}
    for hint in typing.get_type_hints(cls).values():
        for inner in _types_in(hint):
            if attrs.has(inner) and inner not in found:
                found |= classes_inside(inner)
    return found


def _types_in(hint: object) -> Iterable[Any]:
    yield hint
    for arg in getattr(hint, "__args__", ()):
        yield from _types_in(arg)


@contextlib.contextmanager
def checks_off(cls: type[Any]) -> Iterator[None]:
    """Switch off the checks of `cls` and of every class inside it."""
    inside = classes_inside(cls)
    saved = {inner: inner.__dict__.get("__attrs_post_init__") for inner in inside}

    def forget() -> None:
        for inner in inside:
            if "__msgspec_cache__" in inner.__dict__:
                delattr(inner, "__msgspec_cache__")  # msgspec caches the hook

    for inner, hook in saved.items():
        if hook is not None:
            inner.__attrs_post_init__ = lambda _self: None  # type: ignore[attr-defined]
    forget()
    try:
        yield
    finally:
        for inner, hook in saved.items():
            if hook is not None:
                inner.__attrs_post_init__ = hook  # type: ignore[attr-defined]
        forget()


def _without_checks(cls: type[Any], lines: list[bytes]) -> float:
    with checks_off(cls):
        return per_record(msgspec.json.Decoder(cls).decode, lines, 1)


def interleaved(steps: list[Callable[[], float]], repeat: int) -> list[float]:
    """The best result of each step over `repeat` rounds, GC paused.

    Interleaved, so that a busy moment of a shared machine hits every step.
    """
    best = [float("inf")] * len(steps)
    for _ in range(repeat):
        for index, step in enumerate(steps):
            gc.disable()
            try:
                best[index] = min(best[index], step())
            finally:
                gc.enable()
    return best


def steps_of(cls: type[Any], lines: list[bytes], repeat: int) -> list[float]:
    """The time of each step for one record type, interleaved over `repeat` runs.

    Interleaved, so that a busy moment of a shared machine hits every step.
    """
    blob = b"\n".join(lines) + b"\n"
    typed = msgspec.json.Decoder(cls).decode
    keys = msgspec.json.Decoder(_accelerated._mirror(cls)).decode

    def whole() -> float:
        start = time.process_time()
        for _ in tm.iter_jsonl(io.BytesIO(blob), cls):
            pass
        return (time.process_time() - start) / len(lines) * 1e6

    steps: list[Callable[[], float]] = [
        lambda: per_record(orjson.loads, lines, 1),
        lambda: _without_checks(cls, lines),
        lambda: per_record(typed, lines, 1),
        lambda: per_record(keys, lines, 1),
        whole,
    ]
    return interleaved(steps, repeat)


def dict_steps_of(cls: type[Any], dicts: list[Any], repeat: int) -> list[float]:
    """The steps of a load from dicts, interleaved over `repeat` runs."""
    loader = _loaders.loader_for(cls)
    assert loader is not None

    def loader_alone() -> float:
        with checks_off(cls):
            return per_record(loader, dicts, 1)

    steps: list[Callable[[], float]] = [
        loader_alone,
        lambda: per_record(loader, dicts, 1),
        lambda: per_record(lambda item: tm.from_dict(item, cls), dicts, 1),
        lambda: per_record(lambda item: structure(item, cls), dicts, 1),
    ]
    return interleaved(steps, repeat)


def main() -> None:
    """Print the table: one row per record type."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    print("µs per record, CPU time, GC paused; best of", options.repeat, "runs\n")
    print(
        "| record | orjson.loads | msgspec alone | model's checks | key check "
        "| rest of iter_jsonl | iter_jsonl |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    kinds = (
        ("Victim", tm.Victim, data.victims),
        ("Case", tm.Case, data.cases),
        ("CountryReport", tm.CountryReport, data.reports),
    )
    for name, cls, make in kinds:
        lines = [tm.to_json(obj).encode() for obj in make(options.records)]
        parse, alone, checked, mirror, total = steps_of(cls, lines, options.repeat)
        print(
            f"| {name} | {parse:.1f} | {alone:.1f} | {checked - alone:.1f} "
            f"| {mirror:.1f} | {total - checked - mirror:.1f} | {total:.1f} |"
        )
    print(
        "\n| record | loader alone | model's checks | from_dict "
        "| converter alone (before) |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, cls, make in kinds:
        dicts = [tm.to_dict(obj) for obj in make(options.records)]
        alone, checked, whole, before = dict_steps_of(cls, dicts, options.repeat)
        print(
            f"| {name} | {alone:.1f} | {checked - alone:.1f} | {whole:.1f} "
            f"| {before:.1f} |"
        )


if __name__ == "__main__":
    main()
