"""Issue 11: what an adversarial user broke, one test (or a few) per finding.

Each test is written from the finding's description and fails on the code the
issue was filed against.
"""

from __future__ import annotations

import io
import json
import os
import select
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import trafficking_model as tm
from serialization_helpers import MODES, acceleration
from trafficking_model.__main__ import main

VICTIM: dict[str, Any] = {
    "id": "V-0001",
    "sex": "female",
    "age": 24,
    "age_group": "adult",
    "citizenship": ["AZE"],
    "exploitation": ["sexual"],
    "identification": "formally_identified",
    "identified_on": "2021-03-02",
    "identified_by": None,
}
DEFENDANT: dict[str, Any] = {
    "id": "D-1",
    "sex": "male",
    "indicted": True,
    "disposition": "imprisonment",
    "sentence_months": 96,
}
JSONL = ("--type", "Victim", "--jsonl")
PERSONAL = "Jane Q. Example, born 1990-04-01"
DEEP = 1_000
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def victim_text(**changes: Any) -> str:
    return json.dumps({**VICTIM, **changes})


def error_of(build: Any) -> tm.ValidationError:
    with pytest.raises(tm.ValidationError) as caught:
        build()
    assert type(caught.value) is tm.ValidationError
    return caught.value


# ---------------------------------------------------------------------------
# 1. The fast path leaked RecursionError and BufferError
# ---------------------------------------------------------------------------


def nested_under_unknown_key(depth: int = DEEP) -> str:
    return victim_text()[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("accelerated", MODES)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_deep_nesting_under_an_unknown_key_is_a_validation_error(
    accelerated: bool, as_bytes: bool
) -> None:
    text = nested_under_unknown_key()
    data = text.encode() if as_bytes else text
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_json(data, tm.Victim))
    assert [problem.path for problem in error.problems] in (["$"], ["$.x"])


@pytest.mark.parametrize("accelerated", MODES)
def test_deep_nesting_under_a_known_key_is_a_validation_error(
    accelerated: bool,
) -> None:
    text = victim_text(id=0).replace('"id": 0', '"id": ' + "[" * DEEP + "]" * DEEP)
    with acceleration(accelerated):
        error_of(lambda: tm.from_json(text, tm.Victim))


@pytest.mark.parametrize("accelerated", MODES)
def test_iter_jsonl_goes_on_after_a_deeply_nested_line(accelerated: bool) -> None:
    good = victim_text().encode()
    source = io.BytesIO(b"\n".join([good, nested_under_unknown_key().encode(), good]))
    errors: list[tm.ValidationError] = []
    with acceleration(accelerated):
        records = list(tm.iter_jsonl(source, tm.Victim, on_error=errors.append))
    assert len(records) == 2
    assert [error.line for error in errors] == [2]


def test_validate_reports_a_deeply_nested_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "victims.jsonl"
    path.write_text(victim_text() + "\n" + nested_under_unknown_key() + "\n")
    assert main(["validate", str(path), "--type", "Victim", "--jsonl"]) == 1
    output = capsys.readouterr()
    assert f"{path}:2: $" in output.out
    assert "Traceback" not in output.err


@pytest.mark.parametrize("accelerated", MODES)
def test_a_non_contiguous_memoryview_loads(accelerated: bool) -> None:
    text = victim_text().encode()
    doubled = bytes(byte for pair in zip(text, text, strict=True) for byte in pair)
    view = memoryview(doubled)[::2]
    assert not view.c_contiguous
    with acceleration(accelerated):
        victim = tm.from_json(view, tm.Victim)
    assert victim == tm.from_json(text, tm.Victim)


# ---------------------------------------------------------------------------
# 2. validate --jsonl kept every error and printed nothing until the end
# ---------------------------------------------------------------------------


def _cli(*arguments: str, **options: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "trafficking_model", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,
    )


@POSIX
def test_validate_prints_the_first_error_before_the_input_ends(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "victims.jsonl"
    os.mkfifo(fifo)
    with _cli("validate", str(fifo), "--type", "Victim", "--jsonl") as process:
        try:
            with fifo.open("wb") as writer:
                writer.write(b'{"id": 7}\n')
                writer.flush()
                # The input is still open: the error must come out now.
                ready, _, _ = select.select([process.stdout], [], [], 10)
                assert ready, "no error printed while the input was still open"
                assert process.stdout is not None
                first = process.stdout.readline().decode()
        finally:
            process.kill()
    assert first.startswith(f"{fifo}:1: ")


def test_an_empty_jsonl_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert main(["validate", str(path), "--type", "Victim", "--jsonl"]) == 0
    assert capsys.readouterr().out == f"{path}: no records: the file is empty\n"


# ---------------------------------------------------------------------------
# 3. write_jsonl replaced what it should have written through
# ---------------------------------------------------------------------------

PERIODS = [tm.Period.from_years(2020), tm.Period.from_years(2021)]
PERIOD_LINES = "".join(tm.to_json(period) + "\n" for period in PERIODS)


def test_write_jsonl_follows_a_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "periods.jsonl"
    target.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    assert tm.write_jsonl(PERIODS, link) == 2
    assert link.is_symlink()
    assert target.read_text() == PERIOD_LINES
    # The temporary file was made beside the target, and is gone.
    assert sorted(path.name for path in folder.iterdir()) == ["periods.jsonl"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "latest.jsonl"]


def test_write_jsonl_follows_a_dangling_symlink(tmp_path: Path) -> None:
    target = tmp_path / "new.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    tm.write_jsonl(PERIODS, link)
    assert link.is_symlink()
    assert target.read_text() == PERIOD_LINES


@POSIX
def test_write_jsonl_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_bytes()), daemon=True
    )
    reader.start()
    try:
        tm.write_jsonl(PERIODS, fifo)
    finally:
        reader.join(30)
        if reader.is_alive():  # nothing opened the FIFO: release the reader
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(30)
    assert received == [PERIOD_LINES.encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# These tests never name a device that an old `write_jsonl` could replace (it
# made its temporary file in the device's folder, and renamed it over the
# device): a terminal under /dev/pts and a descriptor under /dev/fd, where no
# file can be created, so that the tests fail safely on old code.


@POSIX
def test_write_jsonl_writes_into_a_character_device() -> None:
    pty = pytest.importorskip("pty")
    termios = pytest.importorskip("termios")
    main_end, device_end = pty.openpty()
    try:
        attributes = termios.tcgetattr(device_end)
        attributes[1] &= ~termios.OPOST  # no "\n" -> "\r\n" on output
        termios.tcsetattr(device_end, termios.TCSANOW, attributes)
        device = os.ttyname(device_end)
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert tm.write_jsonl(PERIODS, device) == 2
        assert stat.S_ISCHR(os.stat(device).st_mode)
        received = b""
        while len(received) < len(PERIOD_LINES):
            ready, _, _ = select.select([main_end], [], [], 10)
            assert ready
            received += os.read(main_end, 4096)
    finally:
        os.close(main_end)
        os.close(device_end)
    assert received == PERIOD_LINES.encode()


@POSIX
def test_write_jsonl_writes_to_a_descriptor_path() -> None:
    # What `write_jsonl(records, "/dev/stdout")` does with a pipe as stdout.
    if not Path("/dev/fd").is_dir():
        pytest.skip("no /dev/fd")
    read_end, write_end = os.pipe()
    try:
        assert tm.write_jsonl(PERIODS, f"/dev/fd/{write_end}") == 2
        received = os.read(read_end, 65536)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert received == PERIOD_LINES.encode()


# ---------------------------------------------------------------------------
# 4. write_jsonl dropped the owner, and replaced a read-only file
# ---------------------------------------------------------------------------


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="giving a file to another user needs root",
)
def test_write_jsonl_keeps_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_text("old\n")
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    tm.write_jsonl(PERIODS, path)
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert path.read_text() == PERIOD_LINES


def test_write_jsonl_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_text("old\n")
    path.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        tm.write_jsonl(PERIODS, path)
    assert path.read_text() == "old\n"
    assert sorted(tmp_path.iterdir()) == [path]


def test_write_jsonl_replaces_a_read_only_file_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    path.write_text("old\n")
    path.chmod(0o444)
    tm.write_jsonl(PERIODS, path, replace_read_only=True)
    assert path.read_text() == PERIOD_LINES
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


# ---------------------------------------------------------------------------
# 5. Messages and repr() repeated personal values
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("accelerated", MODES)
def test_a_name_typed_into_age_is_not_repeated(accelerated: bool) -> None:
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_json(victim_text(age=PERSONAL), tm.Victim))
    assert str(error) == "$.age: expected int, got str"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", f" {PERSONAL}", "$.id: the value has leading or trailing whitespace"),
        ("age", 1990, "$.age: the value is outside 0..120"),
        (
            "citizenship",
            [PERSONAL],
            "$.citizenship: the value is not an ISO 3166-1 alpha-3 country code",
        ),
        (
            "identified_on",
            PERSONAL,
            "$.identified_on: the value is not a date in the form YYYY-MM-DD",
        ),
        (
            "sex",
            PERSONAL,
            (
                "$.sex: the value is not a Sex; expected one of "
                "'female', 'male', 'other', 'unknown'"
            ),
        ),
    ],
)
def test_messages_never_show_a_personal_value(
    field: str, value: object, expected: str
) -> None:
    error = error_of(lambda: tm.from_dict({**VICTIM, field: value}, tm.Victim))
    assert str(error) == expected
    assert PERSONAL not in str(error)


def test_a_duplicate_defendant_id_is_not_repeated() -> None:
    defendants = [{**DEFENDANT, "id": PERSONAL}, {**DEFENDANT, "id": PERSONAL}]
    case = {
        "id": "C-1",
        "offence": "trafficking_in_persons",
        "registered_on": "2021-03-02",
        "defendants": defendants,
    }
    error = error_of(lambda: tm.from_dict(case, tm.Case))
    assert str(error) == "$.defendants[1].id: duplicate defendant id, as at [0]"


def test_the_repr_of_a_victim_hides_personal_fields() -> None:
    victim = tm.from_dict(
        {**VICTIM, "id": "V-Jane-Example", "age": 37, "citizenship": ["NZL"]}, tm.Victim
    )
    text = repr(victim)
    for value in ("Jane", "37", "NZL", "2021", "03-02"):
        assert value not in text
    assert "id=<str>" in text
    assert "sex=<Sex.FEMALE: 'female'>" in text


def test_show_values_puts_the_values_back() -> None:
    with tm.show_values():
        error = error_of(lambda: tm.from_dict({**VICTIM, "age": "37"}, tm.Victim))
        text = repr(tm.from_dict(VICTIM, tm.Victim))
    assert str(error) == "$.age: expected int, got '37' (str)"
    assert "id='V-0001'" in text
    assert "age=24" in text


def test_the_environment_variable_shows_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRAFFICKING_MODEL_SHOW_VALUES", "1")
    error = error_of(lambda: tm.from_dict({**VICTIM, "age": "37"}, tm.Victim))
    assert str(error) == "$.age: expected int, got '37' (str)"
    with tm.show_values(False):
        assert "V-0001" not in repr(tm.from_dict(VICTIM, tm.Victim))


# ---------------------------------------------------------------------------
# 6. write_jsonl wrote a list of records as one line
# ---------------------------------------------------------------------------


def test_write_jsonl_refuses_a_list_as_a_record(tmp_path: Path) -> None:
    path = tmp_path / "periods.jsonl"
    error = error_of(lambda: tm.write_jsonl([PERIODS[0], PERIODS], path))
    assert error.line == 2
    assert str(error) == "line 2: $: expected a model object as a record, got list"
    assert not path.exists()


def test_write_jsonl_refuses_a_single_object_as_the_records() -> None:
    error = error_of(lambda: tm.write_jsonl(PERIODS[0], io.BytesIO()))  # type: ignore[arg-type]
    assert error.line == 1


# ---------------------------------------------------------------------------
# 7. A raw lone surrogate was accepted
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("accelerated", MODES)
@pytest.mark.parametrize("field", ["id", "identified_by"])
def test_a_raw_lone_surrogate_is_refused(accelerated: bool, field: str) -> None:
    text = victim_text(**{field: "V-\ud800"})
    assert "\ud800" in text or "\\ud800" in text
    raw = text.replace("\\ud800", "\ud800")
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_json(raw, tm.Victim))
    assert error.problems[0].rule == "json"
    assert "surrogate" in str(error)


def test_from_dict_refuses_a_lone_surrogate_at_its_path() -> None:
    error = error_of(lambda: tm.from_dict({**VICTIM, "id": "V-\udc00"}, tm.Victim))
    assert [(p.path, p.rule) for p in error.problems] == [("$.id", "unicode")]


# ---------------------------------------------------------------------------
# 9. Integers beyond what Python or JSON can print
# ---------------------------------------------------------------------------

HUGE = 10**5000


def huge_victim() -> tm.Victim:
    return tm.Victim(
        id="V-1",
        sex=tm.Sex.FEMALE,
        age=HUGE,
        age_group=tm.AgeGroup.ADULT,
        exploitation=frozenset({tm.ExploitationForm.SEXUAL}),
        identification=tm.IdentificationStatus.PRESUMED,
    )


def test_a_huge_age_is_a_validation_error_at_its_path() -> None:
    error = error_of(huge_victim)
    assert str(error) == "$.age: the value is outside 0..120"
    with tm.show_values():
        error = error_of(huge_victim)
    assert str(error) == (
        "$.age: <int: a number of about 5001 digits> is outside 0..120"
    )


def test_a_huge_negative_count_is_a_validation_error() -> None:
    error = error_of(
        lambda: tm.ProsecutionOutcome(defendants=-HUGE, indicted=0, sentenced=0)
    )
    assert [(p.path, p.rule) for p in error.problems] == [
        ("$.defendants", "non_negative")
    ]


@pytest.mark.parametrize("accelerated", MODES)
def test_from_dict_reports_a_huge_int_at_its_own_path(accelerated: bool) -> None:
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_dict({**VICTIM, "age": HUGE}, tm.Victim))
    assert [(p.path, p.rule) for p in error.problems] == [("$.age", "int_size")]


@pytest.mark.parametrize("accelerated", MODES)
def test_a_huge_sentence_is_refused_on_the_way_in(accelerated: bool) -> None:
    data = {**DEFENDANT, "sentence_months": HUGE}
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_dict(data, tm.Defendant))
        assert [(p.path, p.rule) for p in error.problems] == [
            ("$.sentence_months", "int_size")
        ]
        text = json.dumps(DEFENDANT).replace("96", "9" * 5000)
        error = error_of(lambda: tm.from_json(text, tm.Defendant))
    assert [(p.path, p.rule) for p in error.problems] == [
        ("$.sentence_months", "int_size")
    ]


def test_an_int_of_the_longest_printable_length_round_trips() -> None:
    longest = 10**4300 - 1
    data = {**DEFENDANT, "sentence_months": longest}
    defendant = tm.from_dict(data, tm.Defendant)
    assert tm.from_json(tm.to_json(defendant), tm.Defendant) == defendant


# ---------------------------------------------------------------------------
# 10. The CLI crashed on a file name that is not UTF-8
# ---------------------------------------------------------------------------


@POSIX
def test_a_file_name_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = os.fsdecode(b"victims-\xff.json")
    path = tmp_path / name
    path.write_text(victim_text(age="x"))
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    status = main(["validate", str(path), "--type", "Victim"])
    out.flush()
    printed = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert status == 1
    assert "victims-\\xff.json: $.age: expected int, got str [type]" in printed


def test_an_internal_error_is_not_exit_status_1(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*_: object, **__: object) -> object:
        raise ZeroDivisionError

    monkeypatch.setattr("trafficking_model._cli._records.from_json", broken)
    path = tmp_path / "victim.json"
    path.write_text(victim_text())
    assert main(["validate", str(path), "--type", "Victim"]) == 3
    assert "internal error" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Also seen: a byte order mark
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("accelerated", MODES)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_from_json_names_a_byte_order_mark(accelerated: bool, as_bytes: bool) -> None:
    text = "\ufeff" + victim_text()
    data = text.encode() if as_bytes else text
    with acceleration(accelerated):
        error = error_of(lambda: tm.from_json(data, tm.Victim))
    assert "byte order mark" in str(error)


def test_validate_accepts_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "victim.json"
    path.write_bytes(b"\xef\xbb\xbf" + victim_text().encode())
    assert main(["validate", str(path), "--type", "Victim"]) == 0
    assert capsys.readouterr().out == f"{path}: valid Victim\n"


@pytest.mark.parametrize("accelerated", MODES)
def test_iter_jsonl_skips_a_byte_order_mark_at_the_start(accelerated: bool) -> None:
    line = victim_text().encode() + b"\n"
    source = io.BytesIO(b"\xef\xbb\xbf" + line + b"\xef\xbb\xbf" + line)
    errors: list[tm.ValidationError] = []
    with acceleration(accelerated):
        records = list(tm.iter_jsonl(source, tm.Victim, on_error=errors.append))
    assert len(records) == 1
    assert [error.line for error in errors] == [2]


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (
            lambda: tm.Victim(
                id="V-\ud800",
                sex=tm.Sex.MALE,
                age_group=tm.AgeGroup.ADULT,
                exploitation=frozenset({tm.ExploitationForm.SEXUAL}),
                identification=tm.IdentificationStatus.PRESUMED,
            ),
            "$.id",
        ),
        (
            lambda: tm.Stakeholder(
                id="police", name="Police \udfff", kind=tm.StakeholderKind.OTHER
            ),
            "$.name",
        ),
    ],
    ids=["identifier", "text"],
)
def test_constructors_refuse_a_lone_surrogate(build: Any, path: str) -> None:
    error = error_of(build)
    assert [(p.path, p.rule) for p in error.problems] == [(path, "unicode")]


def test_iter_jsonl_skips_a_byte_order_mark_in_a_text_stream() -> None:
    source = io.StringIO("\ufeff" + victim_text() + "\n")
    assert len(list(tm.iter_jsonl(source, tm.Victim))) == 1  # type: ignore[arg-type]


@POSIX
def test_write_jsonl_to_dev_stdout_keeps_what_was_written_before(
    tmp_path: Path,
) -> None:
    # stdout redirected to a regular file: written through, not replaced. The
    # path is /dev/fd/1, the same as /dev/stdout, where old code fails safely.
    out = tmp_path / "out.txt"
    script = (
        "import sys, trafficking_model as tm\n"
        "print('before', flush=True)\n"
        "tm.write_jsonl([tm.Period.from_years(2020)], '/dev/fd/1')\n"
    )
    with out.open("w") as stdout:
        subprocess.run([sys.executable, "-c", script], stdout=stdout, check=True)
    assert out.read_text() == "before\n" + tm.to_json(PERIODS[0]) + "\n"
