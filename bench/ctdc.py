"""Benchmark: reading, validating and aggregating a CTDC-shaped file.

Run from the repository root, after `pip install -e .` (no other dependency):

    python bench/ctdc.py

It generates CTDC-shaped CSV files (27 columns, a fixed seed, the value forms
of the real file: `1`/`0` and blank flags, `-99`, alpha-3 codes) of 20,000 and
206,000 rows in a temporary folder, then, for each file, in a fresh
subprocess each time:

1. `csv.DictReader` alone over the file (the floor);
2. `victim_statistics(ctdc.read(path))`: every cell read and checked, rows
   counted without making a `Record` of each (the path this call takes);
3. the same, with a `Record` made of every row first (as when the records
   pass through other code on their way).

It prints rows per second, the ratio of the two, and the peak resident set
size of each subprocess (`ru_maxrss`), so that memory is seen to stay flat as
the file grows. The acceptance bar (issue 13): the library at no less than
half the rate of `csv.DictReader`, and the same peak memory for 20,000 and
206,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trafficking_model.formats import ctdc

AGES = ["0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47"]
AGES += ["48+", ""]
MONTHS = ["0--12 (0-1 yr)", "13--24 (1-2 yrs)", "25+ (2+ yrs)", "", ""]
GENDERS = ["Woman", "Woman", "Man", "Trans/Transgender/NonConforming", ""]
COUNTRIES = ["UKR", "POL", "PHL", "MYS", "MDA", "USA", "IDN", "KHM", "", "-99"]


def generate(path: Path, rows: int, seed: int = 13) -> None:
    """Write a CTDC-shaped file of `rows` rows."""
    draw = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ctdc.COLUMNS)
        for _ in range(rows):
            blank_flags = draw.random() < 0.3  # a third of rows leave flags blank
            flags = []
            for _ in range(21):
                if blank_flags and draw.random() < 0.7:
                    flags.append("")
                else:
                    flags.append("1" if draw.random() < 0.2 else "0")
            writer.writerow(
                [
                    str(draw.randint(2002, 2022)),
                    draw.choice(GENDERS),
                    draw.choice(AGES),
                    draw.choice(COUNTRIES),
                    draw.choice(COUNTRIES),
                    draw.choice(MONTHS),
                    *flags,
                ]
            )


def run_one(kind: str, path: str) -> None:
    """In a subprocess: time one pass, print JSON with the rate and peak RSS."""
    import resource

    start = time.perf_counter()
    if kind == "dictreader":
        with open(path, newline="", encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.DictReader(handle))
    else:
        records = ctdc.read(path)
        if kind == "records":  # every row made a Record, then counted
            records = (record for record in records)
        statistics = ctdc.victim_statistics(records)
        rows = statistics.total if isinstance(statistics.total, int) else -1
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_kib": peak_kib}))


def measure(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    """The best of `repeat` fresh subprocesses for each kind, taken in turns.

    Taking the kinds in turns, rather than all runs of one kind and then all
    of the next, gives each the same share of a machine whose load varies.
    """
    best: dict[str, dict[str, float]] = {}
    for _ in range(repeat):
        for kind in KINDS:
            output = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(output)
            if kind not in best or result["seconds"] < best[kind]["seconds"]:
                best[kind] = result
    return best


KINDS = ("dictreader", "ctdc", "records")


def main() -> None:
    """Generate the files, measure each path in subprocesses, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 206_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help="internal")
    args = parser.parse_args()
    if args.one:
        run_one(*args.one)
        return
    print(
        f"Python {sys.version.split()[0]}, best of {args.repeat} subprocesses each, "
        "taken in turns"
    )
    print(
        f"{'rows':>8} {'DictReader/s':>13} {'ctdc/s':>8} {'ratio':>6} "
        f"{'Records/s':>10} {'ratio':>6} {'peak RSS: DictReader':>21} "
        f"{'ctdc':>9} {'Records':>9}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"ctdc-{size}.csv"
            generate(path, size)
            best = measure(path, args.repeat)
            floor, ours, records = (best[kind] for kind in KINDS)
            assert floor["rows"] == ours["rows"] == records["rows"] == size
            floor_rate = size / floor["seconds"]
            our_rate = size / ours["seconds"]
            record_rate = size / records["seconds"]
            print(
                f"{size:>8,} {floor_rate:>13,.0f} {our_rate:>8,.0f} "
                f"{our_rate / floor_rate:>6.2f} {record_rate:>10,.0f} "
                f"{record_rate / floor_rate:>6.2f} "
                f"{floor['peak_kib'] / 1024:>17.1f} MiB "
                f"{ours['peak_kib'] / 1024:>5.1f} MiB "
                f"{records['peak_kib'] / 1024:>5.1f} MiB"
            )


if __name__ == "__main__":
    main()
