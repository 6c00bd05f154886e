"""Read and write the data the field exchanges, in the formats it already uses.

One module per format, each reading and writing, streaming where files are large,
and never guessing: a cell that does not fit is reported with its line and
column, never dropped or replaced.

- [`ctdc`][trafficking_model.formats.ctdc]: the CTDC Global Synthetic Dataset,
  IOM's victim-level CSV, as typed records and victim statistics.
- [`htcds`][trafficking_model.formats.htcds]: records under the field names and
  code lists of IOM's Human Trafficking Case Data Standard v2.0 (CC BY 4.0),
  to and from victims, defendants, cases and stakeholders.

Readers take a path, a file object (text or binary) or rows already in memory,
skip a UTF-8 byte order mark, accept CRLF line ends, and collect problems
with `on_error=` as [`iter_jsonl`][trafficking_model.iter_jsonl] does. Writers
take a path, written atomically, or a file object.

- [`glotip`](formats/glotip.md): UNODC's GLOTIP country data,
  the 13-column long format, from CSV or the published workbook, to and from
  [`CountryReport`][trafficking_model.CountryReport]s.
- [`tables`](formats/tables.md): flat rows of any model object, for CSV,
  pandas, Arrow, Parquet and DuckDB, and back.

Example:
    >>> from trafficking_model import formats
    >>> formats.__name__
    'trafficking_model.formats'
"""

from __future__ import annotations

__all__: list[str] = []
