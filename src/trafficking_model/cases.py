"""Criminal cases and the people prosecuted in them."""

from __future__ import annotations

import datetime as dt
import typing

import attrs

from trafficking_model import _fields as kinds
from trafficking_model._rules import owns, rule
from trafficking_model._validation import (
    IDENTIFIER,
    NOT_BLANK,
    POSITIVE,
    UNIQUE_IDS,
    Problems,
    add,
    as_given,
    field,
    freeze_set,
    freeze_tuple,
    has_unique_ids,
    is_date,
    is_frozenset_of,
    is_identifier,
    is_member,
    is_plain_identifier,
    is_plain_text,
    is_positive,
    is_text,
    is_tuple_of,
    is_type,
    private_repr,
    raise_if_any,
)
from trafficking_model.vocabularies import Disposition, OffenceType, Sex

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Case", "Defendant"]


_DISPOSITION_REQUIRES_INDICTMENT = rule(
    "disposition_requires_indictment",
    "A defendant acquitted or sentenced was indicted: only a court can acquit or "
    "sentence, and only an indicted person comes before it.",
)
_SENTENCE_MONTHS_WITH_IMPRISONMENT = rule(
    "sentence_months_with_imprisonment",
    "`Defendant.sentence_months` is given only for imprisonment: only a prison "
    "sentence has a length; it may be unknown.",
)


@owns(
    IDENTIFIER,
    NOT_BLANK,
    _DISPOSITION_REQUIRES_INDICTMENT,
    _SENTENCE_MONTHS_WITH_IMPRISONMENT,
    POSITIVE,
)
@attrs.frozen(kw_only=True)
class Defendant:
    """One person prosecuted in a case, and the court's outcome for them.

    Attributes:
        id: Pseudonymous identifier, unique within the case.
        sex: The defendant's sex.
        indicted: Whether the person was indicted (charged before a court).
        disposition: The outcome so far. Any outcome other than pending or
            dismissed requires `indicted`.
        sentence_months: Length of a prison sentence in months, above 0, if
            the source gives it; only with imprisonment.

    Example:
        >>> Defendant(
        ...     id="D-1",
        ...     sex=Sex.MALE,
        ...     indicted=True,
        ...     disposition=Disposition.IMPRISONMENT,
        ...     sentence_months=96,
        ... ).sentence_months
        96
        >>> Defendant(
        ...     id="D-2", sex=Sex.MALE, indicted=False, disposition=Disposition.FINE
        ... )
        Traceback (most recent call last):
        ...
        trafficking_model.errors.ValidationError: $.indicted: disposition fine requires an indicted defendant
    """

    id: str = attrs.field(repr=private_repr, metadata=kinds.identifier())
    sex: Sex = attrs.field(metadata=kinds.member(Sex))
    indicted: bool = attrs.field(metadata=kinds.boolean())
    disposition: Disposition = attrs.field(metadata=kinds.member(Disposition))
    sentence_months: int | None = attrs.field(
        default=None, metadata=kinds.integer(1, optional=True, rule="positive")
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid_defendant(self):
            return
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_member(problems, field("sex"), self.sex, Sex)
        indicted_ok = is_type(problems, field("indicted"), self.indicted, bool)
        if is_member(problems, field("disposition"), self.disposition, Disposition):
            if (
                indicted_ok
                and not self.indicted
                and self.disposition.requires_indictment
            ):
                add(
                    problems,
                    field("indicted"),
                    _DISPOSITION_REQUIRES_INDICTMENT,
                    f"disposition {self.disposition.value} requires "
                    "an indicted defendant",
                )
            imprisoned = self.disposition is Disposition.IMPRISONMENT
            if self.sentence_months is not None and not imprisoned:
                add(
                    problems,
                    field("sentence_months"),
                    _SENTENCE_MONTHS_WITH_IMPRISONMENT,
                    f"sentence_months ({self.sentence_months!r}) is only for "
                    f"imprisonment, not {self.disposition.value}",
                )
        if self.sentence_months is not None:
            is_positive(problems, field("sentence_months"), self.sentence_months)
        raise_if_any(problems)


def _ids(value: Iterable[str]) -> frozenset[str]:
    """Any iterable of victim ids, stored as a frozenset (`freeze_set`)."""
    return typing.cast("frozenset[str]", freeze_set(value))


def _defendants(value: Iterable[Defendant]) -> tuple[Defendant, ...]:
    """Any iterable of defendants, stored as a tuple (`freeze_tuple`)."""
    return typing.cast("tuple[Defendant, ...]", freeze_tuple(value))


as_given(_ids)
as_given(_defendants)


@owns(IDENTIFIER, NOT_BLANK, UNIQUE_IDS)
@attrs.frozen(kw_only=True)
class Case:
    """A criminal case registered by the authorities.

    Attributes:
        id: Identifier of the case.
        offence: The offence the case is registered under.
        registered_on: The day it was registered.
        legal_reference: The article of the criminal code, if given.
        victim_ids: Ids of the victim records involved.
        defendants: The people prosecuted, with unique ids within the case.

    Example:
        >>> import datetime as dt
        >>> case = Case(
        ...     id="C-2021-017",
        ...     offence=OffenceType.TRAFFICKING_IN_PERSONS,
        ...     registered_on=dt.date(2021, 3, 2),
        ...     victim_ids=frozenset({"V-0001"}),
        ...     defendants=(
        ...         Defendant(
        ...             id="D-1",
        ...             sex=Sex.MALE,
        ...             indicted=True,
        ...             disposition=Disposition.PENDING,
        ...         ),
        ...     ),
        ... )
        >>> len(case.defendants)
        1
    """

    id: str = attrs.field(metadata=kinds.identifier())
    offence: OffenceType = attrs.field(metadata=kinds.member(OffenceType))
    registered_on: dt.date = attrs.field(metadata=kinds.date())
    legal_reference: str | None = attrs.field(
        default=None, metadata=kinds.text(optional=True)
    )
    victim_ids: frozenset[str] = attrs.field(
        default=frozenset(),
        repr=private_repr,
        converter=_ids,
        metadata=kinds.identifiers(),
    )
    defendants: tuple[Defendant, ...] = attrs.field(
        default=(), converter=_defendants, metadata=kinds.nested_tuple(Defendant)
    )

    def __attrs_post_init__(self) -> None:
        """Check every rule at once."""
        if _plainly_valid_case(self):
            return
        problems: Problems = []
        is_identifier(problems, field("id"), self.id)
        is_member(problems, field("offence"), self.offence, OffenceType)
        is_date(problems, field("registered_on"), self.registered_on)
        if self.legal_reference is not None:
            is_text(problems, field("legal_reference"), self.legal_reference)
        is_frozenset_of(problems, field("victim_ids"), self.victim_ids, is_identifier)
        path = field("defendants")
        if is_tuple_of(problems, path, self.defendants, Defendant):
            has_unique_ids(problems, path, self.defendants, "defendant")
        raise_if_any(problems)


# Fast paths: they only ever accept. Every rejection, and its message, comes from
# the detailed checks above, so these must never accept what those reject.


def _plainly_valid_defendant(defendant: Defendant) -> bool:
    disposition = defendant.disposition
    months = defendant.sentence_months
    indicted: object = defendant.indicted
    return (
        is_plain_identifier(defendant.id)
        and type(defendant.sex) is Sex
        and type(indicted) is bool
        and type(disposition) is Disposition
        and (indicted or not disposition.requires_indictment)
        and (
            months is None
            or (
                type(months) is int
                and months > 0
                and disposition is Disposition.IMPRISONMENT
            )
        )
    )


def _plainly_valid_case(case: Case) -> bool:
    defendants = case.defendants
    return (
        is_plain_identifier(case.id)
        and type(case.offence) is OffenceType
        and type(case.registered_on) is dt.date
        and (case.legal_reference is None or is_plain_text(case.legal_reference))
        and type(case.victim_ids) is frozenset
        and all(is_plain_identifier(victim_id) for victim_id in case.victim_ids)
        and type(defendants) is tuple
        and all(isinstance(defendant, Defendant) for defendant in defendants)
        and len({defendant.id for defendant in defendants}) == len(defendants)
    )
