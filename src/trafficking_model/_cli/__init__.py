"""The `trafficking-model` command, also run as `python -m trafficking_model`.

Exit status: 0 valid (or done), 1 invalid data, 2 a usage error or an input
that cannot be read or written, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from trafficking_model._cli import _commands, _convert
from trafficking_model._cli._common import say
from trafficking_model._cli._input import (
    FORMATS,
    READABLE,
    UsageError,
    model_classes,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

PROG = "trafficking-model"
EPILOG = (
    "exit status: 0 valid, 1 invalid data, 2 a usage error or an input that "
    "cannot be read or written, 3 an internal error (a bug: please report it)"
)
FORMATS_HELP = (
    "formats: json (one document), jsonl (JSON Lines), csv (the flat tables of "
    "trafficking_model.formats.tables, one class a file), glotip (UNODC's "
    "long-format rows, as CountryReport records), ctdc (IOM's CTDC victim "
    "dataset, as its records), htcds (HTCDS v2.0 records of victims, "
    "defendants, cases and stakeholders, as JSON Lines; written only)"
)


def _version() -> str:
    from trafficking_model import __version__

    return __version__


def _class_names() -> str:
    return ", ".join(sorted(cls.__name__ for cls in model_classes().values()))


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=READABLE,
        help="the input format; by default told from the content: a GLOTIP or "
        "CTDC header, JSON Lines, or JSON, and csv from a name ending in .csv",
    )
    parser.add_argument(
        "--type",
        metavar="CLASS",
        help="the model class of the records, in any case; by default told "
        "from the keys of the first record. One of: " + _class_names(),
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON Lines even if the content looks like one JSON document",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--quiet", "-q", action="store_true", help="never show a progress bar"
    )
    shown.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar on standard error even for a small file or a pipe",
    )


def parser() -> argparse.ArgumentParser:
    """The command line parser."""
    main_parser = argparse.ArgumentParser(
        prog=PROG,
        description="Validate, summarise and convert trafficking-in-persons data, "
        "or print its JSON Schema. With no command, validate and summarise the "
        "built-in example.",
        epilog=EPILOG,
    )
    main_parser.add_argument(
        "--version", action="version", version=f"{PROG} {_version()}"
    )
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check JSON, JSON Lines, CSV, GLOTIP or CTDC files",
        description="Check each file and print every problem as it is found, as "
        "FILE:LINE: PATH: MESSAGE [RULE]. JSON, JSON Lines, GLOTIP and CTDC are "
        "told apart by the content, the flat CSV tables by the name.",
        epilog=FORMATS_HELP + "; " + EPILOG,
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a file to check, or - for standard input",
    )
    _input_options(validate)
    validate.add_argument(
        "--max-errors",
        type=int,
        metavar="N",
        help="stop a file after N bad records",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (the default), or json: one JSON object per line",
    )

    summarise = commands.add_parser(
        "summary",
        help="describe what a file holds",
        description="Print a summary of one record, or the number of records "
        "of each type in a stream. Each record's type is told from its keys.",
        epilog=FORMATS_HELP + "; " + EPILOG,
    )
    summarise.add_argument(
        "file", metavar="FILE", help="the file, or - for standard input"
    )
    _input_options(summarise)

    convert = commands.add_parser(
        "convert",
        help="convert between JSON, JSON Lines, CSV, GLOTIP, CTDC and HTCDS",
        description="Read records and write them in another format, one record "
        "at a time. The output is written to a temporary file beside it and "
        "renamed into place, so a failed conversion leaves no half-written file. "
        "A record the output format cannot hold (such as CTDC records as GLOTIP "
        "rows) is a usage error: nothing is guessed.",
        epilog=FORMATS_HELP + "; " + EPILOG,
    )
    convert.add_argument(
        "input", metavar="IN", help="the file to read, or - for standard input"
    )
    convert.add_argument(
        "output", metavar="OUT", help="the file to write, or - for standard output"
    )
    convert.add_argument(
        "--to",
        choices=FORMATS,
        help="the output format; by default told from OUT's extension "
        "(.json, .jsonl or .ndjson, .csv for the flat tables)",
    )
    convert.add_argument(
        "--lossy",
        action="store_true",
        help="for htcds: write a record even where a field has no HTCDS "
        "counterpart, naming each loss on standard error (by default a loss "
        "is an error and nothing is written)",
    )
    _input_options(convert)

    schema = commands.add_parser(
        "schema",
        help="print or write JSON Schema",
        description="Print the JSON Schema (draft 2020-12) of a model class, "
        "or write one file per model class into a folder.",
        epilog=EPILOG,
    )
    schema.add_argument(
        "type",
        nargs="?",
        metavar="CLASS",
        help="the model class to print, in any case. One of: " + _class_names(),
    )
    schema.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="write the schema of every model class into DIR, one file each",
    )
    return main_parser


_COMMANDS = {
    "validate": _commands.validate,
    "summary": _commands.summarise,
    "convert": _convert.convert,
    "schema": _commands.schema,
}


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one per status
    """Run the command line; return the exit status.

    Args:
        argv: The arguments, without the program name; by default `sys.argv`'s.

    Returns:
        0 valid, 1 invalid data, 2 a usage error or an unreadable input, 3 a bug.

    Example:
        >>> main(["schema", "period"])  # doctest: +ELLIPSIS
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Period",
        ...
        0
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return _commands.summarise_example()
    options = parser().parse_args(arguments)
    if options.command is None:
        return _commands.summarise_example()
    try:
        return _COMMANDS[options.command](options)
    except UsageError as error:
        say(f"{PROG} {options.command}: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): say nothing more
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception:  # a bug, which must not look like invalid data (status 1)
        say(traceback.format_exc().rstrip(), sys.stderr)
        say("internal error: please report it", sys.stderr)
        return 3
