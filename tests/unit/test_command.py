"""The `trafficking-model` command: each command, exit status, input and output."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import trafficking_model as tm
from serialization_helpers import MODES, acceleration
from trafficking_model._cli import _progress, main
from trafficking_model.formats import ctdc, glotip, tables

GOOD = '{"start": "2020-01-01", "end": "2020-12-31"}\n'
BROKEN = '{"start": "2021-01-01", "end": "2020-12-31"}\n'
COMMAND = [sys.executable, "-m", "trafficking_model"]
DATA = Path(__file__).parents[1] / "data"
GLOTIP = DATA / "glotip.csv"
CTDC = DATA / "ctdc" / "synthetic.csv"


def run(
    *arguments: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"trafficking-model {tm.__version__}\n"


def test_standard_input_is_read_in_a_real_process() -> None:
    result = run("validate", "-", stdin=GOOD + BROKEN)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "<stdin>:2: $.end: end 2020-12-31 is before start 2021-01-01 [period_order]",
        "<stdin>: 1 valid Period records, 1 bad lines",
    ]


def test_json_lines_are_told_from_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "periods.json"  # the name says JSON; the content says lines
    path.write_text(GOOD + GOOD)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: 2 valid Period records, 0 bad lines\n"


def test_one_pretty_json_document_and_its_type_are_told_from_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    report = tm.examples.azerbaijan_report_2020_2021()
    path.write_text(tm.to_json(report, indent=2))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid CountryReport\n"


def test_a_json_array_reports_each_item_by_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "periods.json"
    path.write_text(f"[{GOOD}, {BROKEN}]")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: $[1].end: end 2020-12-31 is before start 2021-01-01 [period_order]",
        f"{path}: 1 valid Period records, 1 bad records",
    ]


def test_the_type_is_case_insensitive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(GOOD)
    assert main(["validate", str(path), "--type", "pERIOD"]) == 0
    assert "valid Period" in capsys.readouterr().out


def test_a_type_that_cannot_be_told_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"total": 5}')
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: cannot tell the type of the records (it could be CaseStatistics, "
        "VictimStatistics): give --type\n"
    )
    assert main(["validate", str(path), "--type", "victimstatistics"]) == 0


def test_a_misspelt_key_still_finds_its_closest_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"start": "2020-01-01", "end": "2020-12-31", "ned": 1}')
    assert main(["validate", str(path)]) == 1
    assert "Period has no such field [unknown_key]" in capsys.readouterr().out


def test_extra_data_hints_at_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text("not json\n" + GOOD)
    assert main(["validate", str(path), "--type", "Period"]) == 1
    out = capsys.readouterr().out
    assert "[json]" in out
    path.write_text(GOOD.rstrip("\n") + " " + GOOD)
    assert main(["validate", str(path), "--type", "Period"]) == 1
    assert "pass --jsonl" in capsys.readouterr().out


def test_every_exit_status() -> None:
    assert run("validate", "-", stdin=GOOD).returncode == 0
    assert run("validate", "-", stdin=BROKEN).returncode == 1
    assert run("validate", "no-such-file.json").returncode == 2
    assert run("validate").returncode == 2  # argparse: a file is needed
    assert run("validate", "-", "--type", "Nothing", stdin=GOOD).returncode == 2
    assert run("frobnicate").returncode == 2


def test_several_files_report_the_worst_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(GOOD + GOOD)
    assert main(["validate", str(good), str(tmp_path / "missing"), str(good)]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("2 valid Period records") == 2
    assert "cannot read" in captured.err


def test_max_errors_stops_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(BROKEN * 5 + GOOD)
    assert main(["validate", str(path), "--max-errors", "2"]) == 1
    assert capsys.readouterr().out.splitlines()[2:] == [
        f"{path}: 0 valid Period records, 2 bad lines",
        f"{path}: stopped after 2 bad records (--max-errors)",
    ]
    assert main(["validate", str(path), "--max-errors", "0"]) == 2


def test_json_output_for_machines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(GOOD + BROKEN)
    assert main(["validate", str(path), "--format", "json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {
            "file": str(path),
            "line": 2,
            "path": "$.end",
            "message": "end 2020-12-31 is before start 2021-01-01",
            "rule": "period_order",
        },
        {
            "file": str(path),
            "format": "jsonl",
            "type": "Period",
            "valid": 1,
            "invalid": 1,
            "stopped": False,
        },
    ]


def test_summary_of_one_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tm.examples.azerbaijan_report_2020_2021()
    path = tmp_path / "r.json"
    path.write_text(tm.to_json(report))
    assert main(["summary", str(path)]) == 0
    assert capsys.readouterr().out == tm.summary(report) + "\n"


def test_summary_of_a_mixed_stream(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.jsonl"
    outcome = tm.ProsecutionOutcome(defendants=3, indicted=2, sentenced=1)
    path.write_text(GOOD + GOOD + tm.to_json(outcome) + "\n" + BROKEN)
    assert main(["summary", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}: 3 records (2 Period, 1 ProsecutionOutcome); 1 invalid\n"
    )


@pytest.mark.parametrize("middle", ["jsonl", "csv", "json"])
def test_convert_round_trips(tmp_path: Path, middle: str) -> None:
    victims = [
        tm.Victim(
            id=f"V-{number}",
            sex=tm.Sex.FEMALE,
            age=30 + number,
            age_group=tm.AgeGroup.ADULT,
            citizenship=frozenset({"AZE", "GEO"}),
            exploitation=frozenset({tm.ExploitationForm.SEXUAL}),
            identification=tm.IdentificationStatus.FORMALLY_IDENTIFIED,
        )
        for number in range(3)
    ]
    source = tmp_path / "victims.jsonl"
    tm.write_jsonl(victims, source)
    converted = tmp_path / f"victims.{middle}"
    back = tmp_path / "back.jsonl"
    assert main(["convert", str(source), str(converted)]) == 0
    assert main(["convert", str(converted), str(back), "--type", "victim"]) == 0
    assert list(tm.iter_jsonl(back, tm.Victim)) == victims


def test_convert_keeps_one_object_one_object(tmp_path: Path) -> None:
    report = tm.examples.azerbaijan_report_2020_2021()
    source = tmp_path / "r.json"
    source.write_text(tm.to_json(report, indent=2))
    target = tmp_path / "copy.json"
    assert main(["convert", str(source), str(target)]) == 0
    assert tm.from_json(target.read_bytes(), tm.CountryReport) == report


def test_convert_writes_nothing_from_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text(GOOD + BROKEN)
    target = tmp_path / "p.csv"
    target.write_text("old\n")
    assert main(["convert", str(source), str(target)]) == 1
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["p.csv", "p.jsonl"]
    assert "nothing written" in capsys.readouterr().err


def test_convert_needs_a_known_output_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text(GOOD)
    assert main(["convert", str(source), str(tmp_path / "p.xml")]) == 2
    assert "give --to" in capsys.readouterr().err
    assert main(["convert", str(source), str(tmp_path / "p.xml"), "--to", "csv"]) == 0


def test_csv_cells_of_strings_stay_strings(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(
        "id,offence,registered_on,legal_reference,victim_ids,defendants\n"
        '12,forced_labour,2021-03-01,,"[""7""]",[]\n'
    )
    target = tmp_path / "cases.jsonl"
    assert main(["convert", str(source), str(target), "--type", "Case"]) == 0
    (case,) = tm.iter_jsonl(target, tm.Case)
    assert case.id == "12"
    assert case.victim_ids == frozenset({"7"})


def test_schema_takes_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "victim"]) == 0
    assert json.loads(capsys.readouterr().out) == tm.json_schema(tm.Victim)


def test_help_names_every_argument() -> None:
    text = run("schema", "--help").stdout
    assert "CLASS" in text
    assert "--write DIR" in text
    assert "exit status" in text


def test_no_progress_when_standard_error_is_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(GOOD * (_progress.THRESHOLD // len(GOOD) + 1))
    result = run("validate", str(path))
    assert result.returncode == 0
    assert result.stderr == ""


def test_progress_names_its_extra_when_tqdm_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm fails
    path = tmp_path / "p.jsonl"
    path.write_text(GOOD)
    assert main(["validate", str(path), "--progress"]) == 0
    assert "pip install 'trafficking-model[progress]'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(path), "--progress", "--quiet"])
    assert caught.value.code == 2


def _terminal_output(arguments: list[str]) -> tuple[int, str]:
    """Run the command with standard error on a pseudo-terminal."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [*COMMAND, *arguments],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the other end closed: EIO on Linux
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return process.wait(), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    count = _progress.THRESHOLD // len(GOOD) + 1
    path.write_text(GOOD * count)
    status, shown = _terminal_output(["validate", str(path)])
    assert status == 0
    assert "records/s" in shown
    assert f"{count:,} records" in shown
    status, shown = _terminal_output(["validate", "--quiet", str(path)])
    assert (status, shown) == (0, "")


_PEAK = textwrap.dedent(
    """
    import contextlib, os, resource, sys
    from trafficking_model._cli import main
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        status = main(["validate", "--jsonl", "--type", "Period", sys.argv[1]])
    print(status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_kib(path: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    status, peak = result.stdout.split()
    assert status == "1"
    return int(peak)  # KiB on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_memory_does_not_grow_with_bad_lines(tmp_path: Path) -> None:
    lines = 200_000

    def write(path: Path, bad: int) -> None:
        # blank lines are the cheapest bad lines; every 100th breaks a rule
        with path.open("w") as out:
            for number in range(lines):
                if number >= bad:
                    out.write(GOOD)
                elif number % 100 == 0:
                    out.write(BROKEN)
                else:
                    out.write("\n")

    few, many = tmp_path / "few.jsonl", tmp_path / "many.jsonl"
    write(few, 1_000)
    write(many, lines)
    grown = _peak_kib(many) - _peak_kib(few)
    assert grown < 8 * 1024, f"peak memory grew by {grown} KiB"


@pytest.mark.parametrize("accelerated", MODES)
def test_the_command_says_the_same_with_and_without_msgspec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], accelerated: bool
) -> None:
    report = tm.to_json(tm.examples.azerbaijan_report_2020_2021())
    path = tmp_path / "mixed.jsonl"
    path.write_text(report + "\n" + report.replace('"AZE"', '"AZ"') + "\n\n")
    with acceleration(False):
        assert main(["validate", str(path)]) == 1
    plain = capsys.readouterr().out
    with acceleration(accelerated):
        assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out == plain
    assert (
        plain.splitlines()[-1] == f"{path}: 1 valid CountryReport records, 2 bad lines"
    )


# The field's formats: GLOTIP, CTDC, HTCDS and the flat tables


def test_glotip_rows_convert_to_country_reports_and_back(tmp_path: Path) -> None:
    reports = list(glotip.to_reports(glotip.read_rows(GLOTIP)))
    target = tmp_path / "reports.jsonl"
    assert main(["convert", str(GLOTIP), str(target)]) == 0
    assert list(tm.iter_jsonl(target, tm.CountryReport)) == reports
    back = tmp_path / "out.csv"
    assert main(["convert", str(target), str(back), "--to", "glotip"]) == 0
    assert list(glotip.read_rows(back)) == list(glotip.from_reports(reports))


def test_glotip_and_ctdc_are_told_from_the_header_whatever_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "rows.txt"
    rows.write_bytes(GLOTIP.read_bytes())
    victims = tmp_path / "victims.data"
    victims.write_bytes(CTDC.read_bytes())
    assert main(["validate", str(rows), str(victims)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{rows}: 3 valid CountryReport records, 0 bad lines",
        f"{victims}: 12 valid Record records, 0 bad lines",
    ]
    assert main(["summary", str(rows)]) == 0
    assert (
        capsys.readouterr().out == f"{rows}: 3 records (3 CountryReport); 0 invalid\n"
    )


def test_from_names_the_input_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reports.jsonl"
    assert main(["convert", str(GLOTIP), str(target), "--from", "glotip"]) == 0
    # read as JSON, the same file is not JSON
    assert main(["validate", str(GLOTIP), "--from", "json"]) == 1
    assert "malformed JSON" in capsys.readouterr().out


def test_bad_glotip_rows_are_printed_with_their_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "glotip.csv"
    lines = GLOTIP.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6].replace("Counts,<5,", "Counts,lots,")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "reports.jsonl"
    assert main(["convert", str(source), str(target)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        (
            f"{source}:7: $.txtVALUE: 'lots' is not a count; expected a form "
            "such as 12, <5, 10-14 or >100 [count_text]"
        ),
        f"{source}: 1 invalid records: nothing written",
    ]
    assert not target.exists()


def test_ctdc_rows_convert_to_records_and_back(tmp_path: Path) -> None:
    records = list(ctdc.read(CTDC))
    target = tmp_path / "records.jsonl"
    assert main(["convert", str(CTDC), str(target)]) == 0
    assert target.read_text(encoding="utf-8").splitlines() == [
        tm.to_json(record) for record in records
    ]
    variant = DATA / "ctdc" / "synthetic-variant.csv"
    back = tmp_path / "back.csv"
    assert main(["convert", str(variant), str(back), "--to", "ctdc"]) == 0
    assert list(ctdc.read(back)) == list(ctdc.read(variant))
    assert back.read_text(encoding="utf-8").startswith(",".join(ctdc.COLUMNS))


def test_a_bad_ctdc_row_is_printed_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ctdc.csv"
    lines = CTDC.read_text(encoding="utf-8").splitlines()
    lines[2] = "20x9" + lines[2][4:]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{source}:3: $.yearOfRegistration: ")
    assert out[0].endswith(" [range]")
    assert out[1] == f"{source}: 11 valid Record records, 1 bad lines"


@pytest.mark.parametrize(
    ("source", "to", "message"),
    [
        (CTDC, "glotip", "cannot convert ctdc to glotip"),
        (GLOTIP, "ctdc", "cannot convert glotip to ctdc"),
        (GLOTIP, "htcds", "cannot convert glotip to htcds"),
    ],
)
def test_a_conversion_that_is_not_possible_is_a_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: Path,
    to: str,
    message: str,
) -> None:
    target = tmp_path / "out.csv"
    assert main(["convert", str(source), str(target), "--to", to]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_records_a_format_cannot_hold_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text(GOOD)
    assert (
        main(["convert", str(source), str(tmp_path / "g.csv"), "--to", "glotip"]) == 2
    )
    assert capsys.readouterr().err == (
        "trafficking-model convert: cannot convert Period records to glotip: "
        "it holds CountryReport records only\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["p.jsonl"]


def test_htcds_names_every_loss_and_writes_only_with_lossy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tm.Victim(
        id="V-1",
        sex=tm.Sex.FEMALE,
        age_group=tm.AgeGroup.ADULT,
        citizenship={"UKR"},
        exploitation={tm.ExploitationForm.SEXUAL},
        identification=tm.IdentificationStatus.FORMALLY_IDENTIFIED,
    )
    source = tmp_path / "v.jsonl"
    tm.write_jsonl([victim], source)
    target = tmp_path / "htcds.jsonl"
    assert main(["convert", str(source), str(target), "--to", "htcds"]) == 1
    loss = "$.age_group: has no HTCDS counterpart"
    assert loss in capsys.readouterr().err
    assert not target.exists()
    assert main(["convert", str(source), str(target), "--to", "htcds", "--lossy"]) == 0
    assert f"{target}: record 1: {loss}" in capsys.readouterr().err
    (record,) = (json.loads(line) for line in target.read_text().splitlines())
    assert record == {
        "Id": "V-1",
        "prs_Gender": "Feminine",
        "prs_Citizenship": ["UKR"],
        "vic_TypeOfExploitation": ["SexualExploitation"],
        "vic_TraffickingStatus": "ActualVictimOfTrafficking",
    }


def test_csv_is_the_flat_table_of_formats_tables(tmp_path: Path) -> None:
    report = tm.examples.azerbaijan_report_2020_2021()
    source = tmp_path / "r.json"
    source.write_text(tm.to_json(report))
    target = tmp_path / "r.csv"
    assert main(["convert", str(source), str(target)]) == 0
    assert list(tables.read_csv(target, tm.CountryReport)) == [report]


def test_htcds_cannot_be_read() -> None:
    result = run("convert", str(GLOTIP), "out.jsonl", "--from", "htcds")
    assert result.returncode == 2
    assert "invalid choice: 'htcds'" in result.stderr


def test_convert_help_lists_the_formats() -> None:
    text = " ".join(run("convert", "--help").stdout.split())
    for name in ("json", "jsonl", "csv", "glotip", "ctdc", "htcds"):
        assert f"{name} (" in text
    assert "{json,jsonl,csv,glotip,ctdc,htcds}" in text
