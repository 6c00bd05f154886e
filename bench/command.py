"""Time the `trafficking-model validate` command on a large JSON Lines file.

Usage, from the repository root, in any environment with the package installed:

    python bench/command.py [--records 1000000] [--bad 1000 200000]

It writes a file of `--records` Victim records (the benchmark's data, repeated
with new ids), with the first of every so many lines broken so that each count
of `--bad` lines is bad, runs the command on it once per count, its output
thrown away, and prints the wall time, the records per second and the peak
resident memory of each run. Memory must not grow with the number of bad lines:
the command prints each problem as it finds it and keeps only a count.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data
import trafficking_model as tm

_PEAK = (
    "import resource, subprocess, sys\n"
    "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def write(path: Path, records: int, bad: int) -> None:
    """Write `records` Victim lines, `bad` of them with an age out of range."""
    lines = [tm.to_json(victim) for victim in data.victims(1000)]
    every = max(records // bad, 1) if bad else records + 1
    with path.open("w", encoding="utf-8") as out:
        broken = 0
        for number in range(records):
            record = json.loads(lines[number % len(lines)])
            record["id"] = f"V-{number}"
            if number % every == 0 and broken < bad:
                record["age"] = 130  # outside 0..120
                broken += 1
            out.write(json.dumps(record) + "\n")


def measure(path: Path) -> tuple[int, float, int]:
    """Run the command on `path`: its status, the seconds and the peak KiB."""
    command = [sys.executable, "-m", "trafficking_model", "validate", str(path)]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    status, peak = map(int, result.stdout.split())
    return status, seconds, peak


def main() -> int:
    """Write the files, run the command on each and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--bad", type=int, nargs="+", default=[1_000, 200_000])
    options = parser.parse_args()
    print("| Bad lines | Seconds | Records per second | Peak RSS (MiB) |")
    print("| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for bad in options.bad:
            path = Path(folder) / f"victims-{bad}.jsonl"
            write(path, options.records, bad)
            status, seconds, peak = measure(path)
            assert status == (1 if bad else 0), status
            print(
                f"| {bad:,} | {seconds:.1f} | {options.records / seconds:,.0f} "
                f"| {peak / 1024:.0f} |",
                flush=True,
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
