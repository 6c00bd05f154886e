"""Benchmark: trafficking-model against pydantic v2 and msgspec, same schema, same rules.

Run from the repository root, after `pip install -e . --group bench` (pip 25.1+):

    python bench/run.py

It measures, in one process, for Victim records, Cases with defendants and
CountryReports:

1. dicts to validated objects;
2. JSON Lines bytes to validated objects, with plain `orjson.loads` as the floor;
3. objects to JSON Lines;
4. memory per object.

Each timing is the best of several interleaved runs, once with the
interpreter's default garbage collection and once with it paused in the timed
region. It prints records per second and the ratio to each peer, then a
summary: ours ÷ pydantic per record type and GC mode, and our JSON Lines load
against `orjson.loads` alone on the same lines, against the targets of issue 15.
`--quick` (20,000 records of each type, one run per case) takes a few minutes.
"""

from __future__ import annotations

import argparse
import gc
import io
import platform
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import orjson
import pydantic

sys.path.insert(0, str(Path(__file__).parent))

import data  # noqa: E402
import peers  # noqa: E402

import trafficking_model as tm  # noqa: E402
from trafficking_model._json import use_acceleration as _use_acceleration  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

OURS = "trafficking-model"
OURS_PLAIN = "trafficking-model (no msgspec)"
PYDANTIC = "pydantic v2"
MSGSPEC = "msgspec"
FLOOR = "orjson.loads (floor)"


def lines_of(blob: bytes) -> io.BytesIO:
    return io.BytesIO(blob)


class Dataset:
    def __init__(
        self,
        name: str,
        ours: type[Any],
        pydantic_model: Any,
        struct: Any,
        records: list[Any],
    ) -> None:
        self.name = name
        self.ours = ours
        self.pydantic = pydantic_model
        self.adapter = pydantic.TypeAdapter(pydantic_model)
        self.struct = struct
        self.decoder = msgspec.json.Decoder(struct)
        self.encoder = msgspec.json.Encoder()
        self.records = records
        self.blob = b"".join(tm.to_json(record).encode() + b"\n" for record in records)
        self.dicts = [orjson.loads(line) for line in io.BytesIO(self.blob)]
        self.pydantic_records = [
            pydantic_model.model_validate_json(line) for line in lines_of(self.blob)
        ]
        self.struct_records = [
            self.decoder.decode(line) for line in lines_of(self.blob)
        ]
        self.check()

    def check(self) -> None:
        """Every library loads the same data, and refuses the same bad record."""
        assert list(tm.iter_jsonl(io.BytesIO(self.blob), self.ours)) == self.records
        assert (
            len(self.pydantic_records) == len(self.struct_records) == len(self.records)
        )
        bad = dict(self.dicts[0], unknown=1)
        for load in (
            lambda: tm.from_dict(bad, self.ours),
            lambda: self.pydantic.model_validate(bad),
            lambda: msgspec.convert(bad, self.struct),
        ):
            try:
                load()
            except (
                tm.ValidationError,
                pydantic.ValidationError,
                msgspec.ValidationError,
            ):
                continue
            raise AssertionError(f"{self.name}: an unknown key was accepted")

    # 1. dicts to validated objects
    def load_dicts(self) -> dict[str, Callable[[], object]]:
        dicts, ours, model, struct = self.dicts, self.ours, self.pydantic, self.struct
        return {
            OURS: lambda: [tm.from_dict(item, ours) for item in dicts],
            PYDANTIC: lambda: [model.model_validate(item) for item in dicts],
            MSGSPEC: lambda: [msgspec.convert(item, struct) for item in dicts],
        }

    # 2. JSON Lines bytes to validated objects
    def load_jsonl(self) -> dict[str, Callable[[], object]]:
        blob, ours, model, decode = (
            self.blob,
            self.ours,
            self.pydantic,
            self.decoder.decode,
        )

        def plain() -> object:
            was_on = _use_acceleration(False)
            try:
                return list(tm.iter_jsonl(io.BytesIO(blob), ours))
            finally:
                _use_acceleration(was_on)

        return {
            FLOOR: lambda: [orjson.loads(line) for line in io.BytesIO(blob)],
            OURS: lambda: list(tm.iter_jsonl(io.BytesIO(blob), ours)),
            OURS_PLAIN: plain,
            PYDANTIC: lambda: [
                model.model_validate_json(line) for line in io.BytesIO(blob)
            ],
            MSGSPEC: lambda: [decode(line) for line in io.BytesIO(blob)],
        }

    # 3. objects to JSON Lines
    def encode(self) -> dict[str, Callable[[], object]]:
        records = self.records

        def plain() -> object:
            was_on = _use_acceleration(False)
            try:
                return tm.write_jsonl(records, io.BytesIO())
            finally:
                _use_acceleration(was_on)

        def with_pydantic() -> object:
            out = io.BytesIO()
            dump = self.adapter.dump_json
            for record in self.pydantic_records:
                out.write(dump(record))
                out.write(b"\n")
            return out

        def with_msgspec() -> object:
            out = io.BytesIO()
            encode = self.encoder.encode
            for record in self.struct_records:
                out.write(encode(record))
                out.write(b"\n")
            return out

        return {
            OURS: lambda: tm.write_jsonl(records, io.BytesIO()),
            OURS_PLAIN: plain,
            PYDANTIC: with_pydantic,
            MSGSPEC: with_msgspec,
        }

    # 4. memory per object
    def memory(self, limit: int | None = None) -> dict[str, float]:
        blob = self.blob
        if limit is not None:  # the first `limit` lines are enough for a size
            blob = b"".join(io.BytesIO(blob).readlines()[:limit])
        loads = Dataset.load_jsonl(_Lines(blob, self))
        results = {}
        for name in (OURS, OURS_PLAIN, PYDANTIC, MSGSPEC):
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            kept = loads[name]()
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            assert len(kept) == blob.count(b"\n")  # type: ignore[arg-type]
            del kept
            results[name] = (after - before) / blob.count(b"\n")
        return results


class _Lines:
    """A dataset's loaders over other lines of it."""

    def __init__(self, blob: bytes, dataset: Dataset) -> None:
        self.blob = blob
        self.ours, self.pydantic, self.decoder = (
            dataset.ours,
            dataset.pydantic,
            dataset.decoder,
        )


def timed(run: Callable[[], object], *, gc_paused: bool) -> float:
    gc.collect()
    if gc_paused:
        gc.disable()
    try:
        start = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    del result
    return elapsed


def measure(
    cases: dict[str, Callable[[], object]], repeat: int
) -> dict[str, dict[str, float]]:
    """Best time of each case, interleaved, in both GC modes."""
    best: dict[str, dict[str, float]] = {"default GC": {}, "GC paused": {}}
    for _ in range(repeat):
        for mode, paused in (("default GC", False), ("GC paused", True)):
            for name, run in cases.items():
                elapsed = timed(run, gc_paused=paused)
                best[mode][name] = min(best[mode].get(name, float("inf")), elapsed)
    return best


def table(title: str, count: int, best: dict[str, dict[str, float]]) -> str:
    modes = list(best)
    names = list(best[modes[0]])
    head = f"| {title} | " + " | ".join(f"{mode}: records/s" for mode in modes)
    head += " | " + " | ".join(f"{mode}: ours ÷ it" for mode in modes) + " |"
    rows = [head, "|" + "---|" * (1 + 2 * len(modes))]
    for name in names:
        rates = [count / best[mode][name] for mode in modes]
        ratios = [
            "" if name == OURS else f"{best[mode][name] / best[mode][OURS]:.2f}×"
            for mode in modes
        ]
        rows.append(
            f"| {name} | "
            + " | ".join(f"{rate:,.0f}" for rate in rates)
            + " | "
            + " | ".join(ratios)
            + " |"
        )
    return "\n".join(rows)


def memory_table(title: str, results: dict[str, float]) -> str:
    rows = [f"| {title} | bytes per object | ours ÷ it |", "|---|---|---|"]
    for name, size in results.items():
        ratio = "" if name == OURS else f"{results[OURS] / size:.2f}×"
        rows.append(f"| {name} | {size:,.0f} | {ratio} |")
    return "\n".join(rows)


# The targets of issue 15, as "ours ÷ it" ratios, per operation and record type.
TARGETS: dict[str, dict[str, tuple[float, float]]] = {
    # (default GC, GC paused)
    "1. dicts → objects": {
        name: (1.5, 1.0) for name in ("Victim", "Case", "CountryReport")
    },
    "2. JSON Lines → objects": {
        "Victim": (2.0, 2.0),
        "Case": (2.0, 2.0),
        "CountryReport": (1.5, 1.5),
    },
    "3. objects → JSON Lines": {
        name: (1.5, 1.5) for name in ("Victim", "Case", "CountryReport")
    },
}
FLOOR_TARGET = 0.5  # at least half the rate of orjson.loads alone
MODES = ("default GC", "GC paused")


def ratio(best: dict[str, dict[str, float]], mode: str, it: str) -> float:
    """How many times faster ours is than `it` (its time over ours)."""
    return best[mode][it] / best[mode][OURS]


def mark(value: float, target: float) -> str:
    return f"{value:.2f}× ({'met' if value >= target else '**not met**'})"


def summary(results: dict[str, dict[str, dict[str, dict[str, float]]]]) -> str:
    """The ratio table: ours ÷ pydantic, and ours ÷ the parsing floor."""
    names = list(results)
    head = "| ours ÷ pydantic (target) | " + " | ".join(
        f"{name}, {mode}" for name in names for mode in MODES
    )
    rows = [head + " |", "|" + "---|" * (1 + 2 * len(names))]
    for title in TARGETS:
        cells = []
        for name in names:
            for index, mode in enumerate(MODES):
                best = results[name].get(title)
                if best is None:
                    cells.append("")
                    continue
                target = TARGETS[title][name][index]
                cells.append(mark(ratio(best, mode, PYDANTIC), target))
        rows.append(f"| {title} | " + " | ".join(cells) + " |")
    cells = []
    for name in names:
        for mode in MODES:
            best = results[name].get("2. JSON Lines → objects")
            if best is None:
                cells.append("")
            elif name == "CountryReport":  # the floor target is Victim's and Case's
                cells.append(f"{ratio(best, mode, FLOOR):.2f}×")
            else:
                cells.append(mark(ratio(best, mode, FLOOR), FLOOR_TARGET))
    rows.append(
        "| close to the limit: JSON Lines → objects ÷ orjson.loads alone "
        f"(target {FLOOR_TARGET}× for Victim and Case) | " + " | ".join(cells) + " |"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records",
        type=int,
        default=200_000,
        help="Victim and Case records (default 200,000)",
    )
    parser.add_argument(
        "--reports",
        type=int,
        default=50_000,
        help="CountryReport records (default 50,000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per case; best counts"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="20,000 records of each type, one run per case, memory from 5,000",
    )
    parser.add_argument(
        "--only",
        choices=["Victim", "Case", "CountryReport"],
        help="run one of the three record types",
    )
    options = parser.parse_args()
    if options.quick:
        options.records = options.reports = 20_000
        options.repeat = 1
    if not _use_acceleration(True):
        sys.exit(
            "Install msgspec (pip install -e . --group bench) to run the benchmark."
        )

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}, "
        f"orjson {orjson.__version__}, trafficking-model {tm.__version__}"
    )
    print("Records/s: higher is better. 'ours ÷ it': how many times faster we are.\n")
    datasets = [
        (
            "Victim",
            tm.Victim,
            peers.PVictim,
            peers.MVictim,
            data.victims,
            options.records,
        ),
        ("Case", tm.Case, peers.PCase, peers.MCase, data.cases, options.records),
        (
            "CountryReport",
            tm.CountryReport,
            peers.PCountryReport,
            peers.MCountryReport,
            data.reports,
            options.reports,
        ),
    ]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    for name, ours, model, struct, make, count in datasets:
        if options.only and name != options.only:
            continue
        results[name] = {}
        dataset = Dataset(name, ours, model, struct, make(count))
        print(
            f"## {name}: {count:,} records, {len(dataset.blob) / count:.0f} bytes per line\n"
        )
        for title, cases in (
            ("1. dicts → objects", dataset.load_dicts()),
            ("2. JSON Lines → objects", dataset.load_jsonl()),
            ("3. objects → JSON Lines", dataset.encode()),
        ):
            best = measure(cases, options.repeat)
            results[name][title] = best
            print(table(title, count, best), end="\n\n", flush=True)
        memory = dataset.memory(5_000 if options.quick else None)
        print(memory_table("4. memory", memory), end="\n\n", flush=True)
        del dataset
        gc.collect()
    print("## Summary: the targets of issue 15\n")
    print(summary(results), flush=True)


if __name__ == "__main__":
    main()
