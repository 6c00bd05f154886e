"""Reading the records of an input, one at a time, each valid or its error."""

from __future__ import annotations

import json
from codecs import BOM_UTF8
from typing import TYPE_CHECKING, Any

from trafficking_model._cli._input import (
    Input,
    UsageError,
    candidates,
    detect,
    first_record,
    not_a_record,
)
from trafficking_model._json import accelerated_decoder
from trafficking_model._validation import JSON
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.serialization import from_dict, from_json

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from trafficking_model._cli._progress import Progress
    from trafficking_model.formats._tabular import ErrorHandler

Item = tuple[int | None, object]
"""Where a record starts (a line, or None in one JSON document) and the record or its error."""


def records(
    source: Input,
    cls: type[Any] | None,
    progress: Progress,
    *,
    each: bool = False,
) -> Iterator[Item]:
    """Every record of `source`, valid or a `ValidationError`, in order.

    Args:
        source: The input.
        cls: The records' class; `None` to tell it from the first record or,
            with `each`, from every record.
        progress: Counts each record.
        each: Tell the class of every record on its own (a mixed stream).
    """
    if source.kind == "jsonl":
        reader = _lines(source, cls, each=each)
    elif source.kind == "csv":
        if cls is None:
            msg = f"{source.label}: a CSV file needs --type"
            raise UsageError(msg)
        reader = _table(source, cls)
    elif source.kind in ("glotip", "ctdc"):
        reader = _format(source, cls)
    else:
        reader = _document(source, cls)
    for item in reader:
        progress.update(source.consumed)
        yield item


def _table(source: Input, cls: type[Any]) -> Iterator[Item]:
    """The records of a flat CSV table, as `formats.tables` writes it."""
    from trafficking_model.formats import tables

    source.cls = cls
    return _collected(
        lambda on_error: tables.read_csv(source.stream, cls, on_error=on_error)
    )


def _format(source: Input, cls: type[Any] | None) -> Iterator[Item]:
    """GLOTIP rows as `CountryReport`s, or CTDC rows as `ctdc.Record`s."""
    from trafficking_model import CountryReport
    from trafficking_model.formats import ctdc, glotip

    made: type[Any] = CountryReport if source.kind == "glotip" else ctdc.Record
    if cls is not None and cls is not made:
        msg = (
            f"{source.label}: {source.kind} rows are read as {made.__name__} "
            f"records, not {cls.__name__}"
        )
        raise UsageError(msg)
    source.cls = made
    if source.kind == "ctdc":
        return _collected(lambda on_error: ctdc.read(source.stream, on_error=on_error))
    return _collected(
        lambda on_error: glotip.to_reports(
            glotip.read_rows(source.stream, on_error=on_error), on_error=on_error
        )
    )


def _collected(read: Callable[[ErrorHandler], Iterable[object]]) -> Iterator[Item]:
    """A reader's records and, in their place, the errors it hands `on_error`."""
    errors: list[ValidationError] = []
    try:
        for record in read(errors.append):
            yield from _drained(errors)
            yield None, record
    except ValidationError as error:  # the header, which stops the reading
        errors.append(error)
    yield from _drained(errors)


def _drained(errors: list[ValidationError]) -> Iterator[Item]:
    while errors:
        error = errors.pop(0)
        yield error.line, error


def class_of_first(source: Input) -> type[Any]:
    """The class of the first record of a JSON Lines input, or a usage error."""
    try:
        record = json.loads(source.first_line())
    except ValueError:
        record = None
    return _class_or_fail(source, record)


def _class_or_fail(source: Input, record: object) -> type[Any]:
    cls = detect(record)
    if cls is None:
        names = candidates(record)
        why = f"it could be {', '.join(names)}" if names else "it fits no model class"
        msg = (
            f"{source.label}: cannot tell the type of the records ({why}): give --type"
        )
        raise UsageError(msg)
    return cls


def _lines(source: Input, cls: type[Any] | None, *, each: bool) -> Iterator[Item]:
    """Each line's record or error, as soon as it is read: nothing is kept."""
    chosen = None if each and cls is None else cls or class_of_first(source)
    source.cls = chosen
    # As iter_jsonl: the msgspec decoder first, which only ever accepts; the
    # converter for everything else, and for every error.
    fast = None if chosen is None else accelerated_decoder(chosen)
    for number, read in enumerate(source.stream, start=1):
        line = read.removeprefix(BOM_UTF8) if number == 1 else read
        if fast is not None:
            record = fast(line)
            if record is not None:
                yield number, record
                continue
        yield number, _line(line, number, chosen)


def _line(line: bytes, number: int, cls: type[Any] | None) -> object:
    if not line.strip():
        return ValidationError(
            [
                Problem(
                    path="$",
                    message="blank line: JSON Lines needs one value per line",
                    rule=JSON,
                )
            ],
            line=number,
        )
    if cls is None:
        try:
            raw = json.loads(line)
        except ValueError:
            raw = None
        cls = detect(raw)
        if cls is None:
            # from_json's own message for what is not JSON; ours for the rest
            return not_a_record(number, raw) if raw is not None else _bad_json(number)
    try:
        return from_json(line, cls)
    except ValidationError as error:
        return ValidationError(error.problems, line=number)


def _bad_json(number: int) -> ValidationError:
    return ValidationError(
        [Problem(path="$", message="malformed JSON", rule=JSON)], line=number
    )


def _document(source: Input, cls: type[Any] | None) -> Iterator[Item]:
    data = source.stream.read().removeprefix(BOM_UTF8)
    try:
        document = json.loads(data)
    except ValueError as error:
        message = f"malformed JSON: {error}"
        if "Extra data" in str(error):
            message += (
                "; if the file holds one record per line (JSON Lines), pass --jsonl"
            )
        yield None, ValidationError([Problem(path="$", message=message, rule=JSON)])
        return
    chosen = cls or _class_or_fail(source, first_record(document))
    source.cls = chosen
    source.single = not isinstance(document, list)
    if source.single:
        try:
            yield None, from_json(data, chosen)
        except ValidationError as error:
            yield None, error
        return
    for index, item in enumerate(document):
        yield None, _item(item, chosen, index)


def _item(data: object, cls: type[Any], index: int) -> object:
    """One item of a JSON array, or its error with the item's index in the paths."""
    try:
        return from_dict(data, cls)
    except ValidationError as error:
        return error.under(f"$[{index}]")
