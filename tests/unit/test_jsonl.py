"""JSON Lines: streaming reads with line numbers, and atomic writes."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from profiles import examples
from serialization_helpers import MODES, STRATEGIES, acceleration

if TYPE_CHECKING:
    from collections.abc import Iterator


def period_line(year: int) -> bytes:
    return tm.to_json(tm.Period.from_years(year)).encode() + b"\n"


class EndlessRecords(io.RawIOBase):
    """A binary stream of valid Period lines that never ends, counting bytes read."""

    def __init__(self) -> None:
        self.served = 0
        self._pending = b""
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self._pending) < len(buffer):
            self._pending += period_line(1900 + self._count % 200)
            self._count += 1
        size = len(buffer)
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.served += size
        return size


@pytest.mark.parametrize("accelerated", MODES)
def test_reading_streams_one_record_at_a_time(accelerated: bool) -> None:
    source = EndlessRecords()
    with acceleration(accelerated):
        records = tm.iter_jsonl(io.BufferedReader(source, buffer_size=8192), tm.Period)
        first = [next(records) for _ in range(1000)]
    assert first[0] == tm.Period.from_years(1900)
    # An endless source can be read: only a buffer's worth was taken from it.
    assert source.served < 100_000


@pytest.mark.parametrize("accelerated", MODES)
def test_a_bad_line_raises_with_its_line_number(accelerated: bool) -> None:
    data = period_line(2020) + b'{"start":"2021-01-01","end":"2020-01-01"}\n'
    with acceleration(accelerated), pytest.raises(tm.ValidationError) as caught:
        list(tm.iter_jsonl(io.BytesIO(data), tm.Period))
    assert caught.value.line == 2
    assert (
        str(caught.value) == "line 2: $.end: end 2020-01-01 is before start 2021-01-01"
    )
    assert caught.value.problems[0].rule == "period_order"


@pytest.mark.parametrize("accelerated", MODES)
def test_bad_lines_can_be_collected_instead(accelerated: bool) -> None:
    lines = [
        period_line(2020),
        b"{not json}\n",
        period_line(2021),
        b"\n",
        b'{"start":"2022-01-01","end":"2022-12-31","extra":1}\n',
        b'{"start":"2023-01-01"}',
        period_line(2024).rstrip(b"\n"),
    ]
    errors: list[tm.ValidationError] = []
    with acceleration(accelerated):
        # Two records on the last line would be two values: not JSON Lines.
        good = list(
            tm.iter_jsonl(
                io.BytesIO(b"".join(lines)), tm.Period, on_error=errors.append
            )
        )
    assert good == [tm.Period.from_years(2020), tm.Period.from_years(2021)]
    assert [(error.line, error.problems[0].rule) for error in errors] == [
        (2, "json"),
        (4, "json"),
        (5, "unknown_key"),
        (6, "json"),
    ]
    assert (
        str(errors[2])
        == "line 5: $.extra: unknown key 'extra': Period has no such field"
    )


@pytest.mark.parametrize("accelerated", MODES)
def test_reading_from_a_path(tmp_path: Path, accelerated: bool) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_bytes(period_line(2020) + period_line(2021).replace(b"\n", b"\r\n"))
    with acceleration(accelerated):
        assert [p.start.year for p in tm.iter_jsonl(path, tm.Period)] == [2020, 2021]
        assert len(list(tm.iter_jsonl(str(path), tm.Period))) == 2


def test_the_file_is_closed_when_reading_stops(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_bytes(period_line(2020) * 3)
    records = tm.iter_jsonl(path, tm.Period)
    next(records)
    records.close()  # a generator closes its file when it is closed
    path.unlink()


@pytest.mark.parametrize("accelerated", MODES)
@settings(max_examples=examples(0.5), deadline=None)
@given(victims=st.lists(STRATEGIES[tm.Victim], max_size=20))
def test_write_then_read_gives_the_same_records(
    accelerated: bool, victims: list[tm.Victim]
) -> None:
    out = io.BytesIO()
    with acceleration(accelerated):
        assert tm.write_jsonl(victims, out) == len(victims)
        data = out.getvalue()
        assert list(tm.iter_jsonl(io.BytesIO(data), tm.Victim)) == victims
    assert data == b"".join(tm.to_json(victim).encode() + b"\n" for victim in victims)
    assert data.count(b"\n") == len(victims)


def test_writing_to_a_path_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    assert tm.write_jsonl((tm.Period.from_years(y) for y in (2020, 2021)), path) == 2
    assert path.read_bytes() == period_line(2020) + period_line(2021)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["periods.jsonl"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        tm.write_jsonl([tm.Period.from_years(2020)], str(tmp_path / "new.jsonl"))
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o644


def failing_records() -> Iterator[object]:
    yield tm.Period.from_years(2020)
    yield tm.Period.from_years(2021)
    message = "the source failed"
    raise OSError(message)


@pytest.mark.parametrize(
    ("records", "error"),
    [
        (failing_records, OSError),
        (
            lambda: [tm.Period.from_years(2020), {"start": "2021-01-01"}],
            tm.ValidationError,
        ),
    ],
    ids=["source fails", "not a model object"],
)
def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, records: Any, error: type[Exception]
) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_bytes(b"the old content\n")
    with pytest.raises(error) as caught:
        tm.write_jsonl(records(), path)
    assert path.read_bytes() == b"the old content\n"
    assert os.listdir(tmp_path) == ["periods.jsonl"]
    if isinstance(caught.value, tm.ValidationError):
        assert caught.value.line == 2
        assert str(caught.value).startswith("line 2: $: expected a model object")
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(error):
        tm.write_jsonl(records(), missing)
    assert not missing.exists()
    assert os.listdir(tmp_path) == ["periods.jsonl"]


def test_records_of_several_types_can_share_a_file() -> None:
    out = io.BytesIO()
    tm.write_jsonl(
        [tm.Period.from_years(2020), tm.examples.azerbaijan_report_2020_2021()], out
    )
    first, second = out.getvalue().splitlines()
    assert json.loads(first)["start"] == "2020-01-01"
    assert tm.from_json(second, tm.CountryReport).country == "AZE"
