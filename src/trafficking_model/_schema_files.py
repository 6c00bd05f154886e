"""The JSON Schema files of `schemas/`: one per model class, as the command writes them."""

from __future__ import annotations

import json
from typing import Any

from trafficking_model.schema import json_schema


def schema_text(cls: type[Any]) -> str:
    """The schema of `cls` as the text of its file in `schemas/`.

    Example:
        >>> from trafficking_model import Period
        >>> schema_text(Period).startswith("{")
        True
    """
    return json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"


def schema_file_name(cls: type[Any]) -> str:
    """The name of the schema file of `cls`.

    Example:
        >>> from trafficking_model import Period
        >>> schema_file_name(Period)
        'Period.schema.json'
    """
    return f"{cls.__name__}.schema.json"
