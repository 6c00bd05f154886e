"""The bodies that take part in the response to trafficking."""

from __future__ import annotations

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns
from trafficking_model._validation import (
    COUNTRY_CODE,
    IDENTIFIER,
    NOT_BLANK,
    Problems,
    field,
    is_country,
    is_identifier,
    is_member,
    is_text,
    raise_if_any,
)
from trafficking_model.vocabularies import StakeholderKind

__all__ = ["Stakeholder"]


@owns(IDENTIFIER, NOT_BLANK, COUNTRY_CODE)
@attrs.frozen(kw_only=True)
class Stakeholder:
    """A state body, organisation or donor named in a plan or a report.

    Attributes:
        id: Identifier, unique within a plan, that measures and reviews refer to.
        name: The body's name.
        kind: What kind of body it is.
        country: ISO 3166-1 alpha-3 code of the country it belongs to, if any.
        acronym: Its usual short name, if any.

    Example:
        >>> ombudsman = Stakeholder(
        ...     id="ombudsman",
        ...     name="Commissioner for Human Rights (Ombudsman)",
        ...     kind=StakeholderKind.OMBUDSMAN,
        ...     country="AZE",
        ... )
        >>> ombudsman.kind.label
        'Ombudsman'
        >>> Stakeholder(id="x", name="X", kind=StakeholderKind.OTHER, country="QZZ")
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.country: the value is not an ISO 3166-1 alpha-3 country code
    """

    id: str = attrs.field(metadata=kinds.identifier())
    name: str = attrs.field(metadata=kinds.text())
    kind: StakeholderKind = attrs.field(metadata=kinds.member(StakeholderKind))
    country: str | None = attrs.field(
        default=None, metadata=kinds.country(optional=True)
    )
    acronym: str | None = attrs.field(default=None, metadata=kinds.text(optional=True))

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_text(problems, field("name"), self.name)
        is_member(problems, field("kind"), self.kind, StakeholderKind)
        if self.country is not None:
            is_country(problems, field("country"), self.country)
        if self.acronym is not None:
            is_text(problems, field("acronym"), self.acronym)
        raise_if_any(problems)
