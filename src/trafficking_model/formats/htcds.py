"""HTCDS v2.0 records: the model's records under the standard's field names.

The Human Trafficking Case Data Standard (HTCDS) v2.0 is published by the
International Organization for Migration (IOM): "Human Trafficking Case Data
Standard (HTCDS) by IOM is licensed under CC BY 4.0." This module uses its
field names and code lists, read from the standard's field list that ships
with the library (`data/htcds-field-standards-2.0.tsv`). IOM does not endorse
this library.

A record is a mapping from HTCDS field names (`prs_Gender`,
`vic_TypeOfExploitation`, `org_Type`...) to values: text, an int, or a tuple of
code-list values for a multi-select field. Records carry the model's id
under `Id`, the record id that every HTCDS object has in Salesforce, on which
the standard is built.

`to_htcds` and `from_htcds` convert a `Victim`, `Defendant`, `Case` or
`Stakeholder` both ways. The standard and the model do not hold the same
things, so nothing lossy happens silently: a value that maps only with loss
(three HTCDS genders are one `Sex.OTHER`), a value that has no counterpart,
or a field that has none, is a problem (rules `lossy`, `unmappable`,
`no_counterpart`), raised by default, or handed to `on_error` while the
conversion goes on without it. `mapping_report()` lists, field by field and
value by value, what maps exactly, with loss, or not at all.

Example:
    >>> from trafficking_model import Stakeholder, StakeholderKind
    >>> from trafficking_model.formats import htcds
    >>> police = Stakeholder(
    ...     id="police", name="State Police", kind=StakeholderKind.LAW_ENFORCEMENT
    ... )
    >>> htcds.to_htcds(police)
    {'Id': 'police', 'org_Name': 'State Police', 'org_Type': 'LawEnforcement'}
    >>> htcds.from_htcds(htcds.to_htcds(police), Stakeholder) == police
    True
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from enum import Enum
from importlib import resources
from typing import Any, Final, TypeVar

import attrs
from iso3166 import countries_by_alpha2, countries_by_alpha3

from trafficking_model._rules import rule
from trafficking_model._validation import (
    COUNTRY_CODE,
    ENUM,
    MAX_AGE,
    REQUIRED,
    TYPE,
    UNKNOWN_KEY,
    USER_ASSIGNED_COUNTRY_CODES,
    describe,
    subject,
)
from trafficking_model.cases import Case, Defendant
from trafficking_model.errors import Problem, ValidationError
from trafficking_model.formats._tabular import (
    NO_COUNTERPART,
    ErrorHandler,
    column_path,
    report,
)
from trafficking_model.stakeholders import Stakeholder
from trafficking_model.victims import ADULT_AGE, Victim
from trafficking_model.vocabularies import (
    AgeGroup,
    ExploitationForm,
    IdentificationStatus,
    Sex,
    StakeholderKind,
)

__all__ = [
    "Fidelity",
    "MappingRow",
    "code_list",
    "field_names",
    "from_htcds",
    "mapping_report",
    "to_htcds",
]

ID: Final = "Id"
_TABLE: Final = "htcds-field-standards-2.0.tsv"


class Fidelity(Enum):
    """How well one field or value maps in one direction.

    Example:
        >>> Fidelity.LOSSY.value
        'lossy'
    """

    EXACT = "exact"
    LOSSY = "lossy"
    NONE = "none"


@attrs.frozen(slots=True)
class MappingRow:
    """One line of the mapping report: a field, or one value of a code list.

    Attributes:
        model: The model's side, such as `Victim.sex` or `Victim.sex = other`;
            `None` where the model has no counterpart.
        htcds: The standard's side, such as `prs_Gender` or
            `prs_Gender = NonConforming`; `None` where it has no counterpart.
        to_htcds: How the model's side maps into HTCDS.
        from_htcds: How the standard's side maps into the model.
        note: What is lost, or why nothing maps.

    Example:
        >>> row = MappingRow("Victim.id", "Id", Fidelity.EXACT, Fidelity.EXACT)
        >>> row.note
        ''
    """

    model: str | None
    htcds: str | None
    to_htcds: Fidelity
    from_htcds: Fidelity
    note: str = ""


@functools.cache
def _table() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every field of the standard: its type and its code list, if any."""
    text = (resources.files(__package__) / "data" / _TABLE).read_text("utf-8")
    fields: dict[str, tuple[str, tuple[str, ...]]] = {}
    header: list[str] = []
    for row in csv.reader(text.splitlines(), delimiter="\t"):
        if "Field Name including Prefix" in row:
            header = row
            continue
        if not header:
            continue
        cells = dict(zip(header, row, strict=False))
        name = cells.get("Field Name including Prefix", "").strip() or (
            cells.get("Field Name Prefix", "").strip()
            + cells.get("Field Name", "").strip()
        )
        if not name[:4].endswith("_") or cells.get("Status") == "N/A":
            continue
        kind = cells.get("Field Type", "").strip()
        values: tuple[str, ...] = ()
        listed = cells.get("Value Names (if picklist)", "")
        if "Picklist" in kind and not listed.strip().startswith("Use "):
            values = tuple(v.strip() for v in listed.split("|") if v.strip())
        fields[name] = (kind, values)
    return fields


def field_names() -> tuple[str, ...]:
    """Every field name of HTCDS v2.0, in the standard's order.

    Example:
        >>> names = field_names()
        >>> "prs_Gender" in names, "vic_TypeOfExploitation" in names
        (True, True)
    """
    return tuple(_table())


def code_list(name: str) -> tuple[str, ...]:
    """The values of an HTCDS picklist field, as the standard lists them.

    Args:
        name: The field's name with its prefix, such as `prs_Gender`.

    Returns:
        The value names, in the standard's order.

    Raises:
        ValidationError: If the standard has no such field, or the field has no
            code list (rule `unknown_key`).

    Example:
        >>> code_list("vic_TraffickingStatus")
        ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking')
    """
    found = _table().get(name)
    if found is None or not found[1]:
        raise ValidationError(
            [
                Problem(
                    path=column_path(name),
                    message="is not an HTCDS field with a code list",
                    rule=UNKNOWN_KEY,
                )
            ]
        )
    return found[1]


E = TypeVar("E", bound=Enum)


@attrs.frozen(slots=True)
class _Codes:
    """A code list mapped onto a vocabulary, both ways.

    A pair is exact when it maps back to where it came from; a value without
    an entry has no counterpart.
    """

    field: str
    to_model: Mapping[str, Enum]
    to_htcds: Mapping[Enum, str]
    notes: Mapping[Enum | str, str] = attrs.field(factory=dict)

    def model_fidelity(self, member: Enum) -> Fidelity:
        value = self.to_htcds.get(member)
        if value is None:
            return Fidelity.NONE
        return Fidelity.EXACT if self.to_model.get(value) is member else Fidelity.LOSSY

    def htcds_fidelity(self, value: str) -> Fidelity:
        member = self.to_model.get(value)
        if member is None:
            return Fidelity.NONE
        return Fidelity.EXACT if self.to_htcds.get(member) == value else Fidelity.LOSSY


_GENDER = _Codes(
    "prs_Gender",
    to_model={
        "Feminine": Sex.FEMALE,
        "Masculine": Sex.MALE,
        "TransgenderFeminine": Sex.OTHER,
        "TransgenderMasculine": Sex.OTHER,
        "NonConforming": Sex.OTHER,
        "NonSpecifiedUnknown": Sex.UNKNOWN,
    },
    to_htcds={
        Sex.FEMALE: "Feminine",
        Sex.MALE: "Masculine",
        Sex.UNKNOWN: "NonSpecifiedUnknown",
    },
    notes={
        Sex.OTHER: "three HTCDS values are other; none can be chosen for it",
        "TransgenderFeminine": "read as other",
        "TransgenderMasculine": "read as other",
        "NonConforming": "read as other",
    },
)
_STATUS = _Codes(
    "vic_TraffickingStatus",
    to_model={
        "PossibleVictimOfTrafficking": IdentificationStatus.PRESUMED,
        "ActualVictimOfTrafficking": IdentificationStatus.FORMALLY_IDENTIFIED,
        "NotAVictimOfTrafficking": IdentificationStatus.NOT_A_VICTIM,
    },
    to_htcds={
        IdentificationStatus.PRESUMED: "PossibleVictimOfTrafficking",
        IdentificationStatus.FORMALLY_IDENTIFIED: "ActualVictimOfTrafficking",
        IdentificationStatus.NOT_A_VICTIM: "NotAVictimOfTrafficking",
    },
)
# The forms of exploitation already carry their HTCDS value (vocabularies).
_EXPLOITATION = _Codes(
    "vic_TypeOfExploitation",
    to_model={form.htcds: form for form in ExploitationForm if form.htcds},
    to_htcds={form: form.htcds or "Other" for form in ExploitationForm},
    notes={ExploitationForm.FORCED_CRIMINALITY: "HTCDS has no such value: Other"},
)
_CENTRAL = "CentralGovernmentOrganisation"
_ORGANISATION = _Codes(
    "org_Type",
    to_model={
        "NGO": StakeholderKind.CIVIL_SOCIETY,
        "LawEnforcement": StakeholderKind.LAW_ENFORCEMENT,
        "ImmigrationService": StakeholderKind.BORDER_SERVICE,
        "LegalService": StakeholderKind.LEGAL_PROFESSION,
        _CENTRAL: StakeholderKind.OTHER,
        "LocalGovernmentOrganisation": StakeholderKind.OTHER,
        "HealthServiceOrganisation": StakeholderKind.OTHER,
        "CorporateBusiness": StakeholderKind.OTHER,
        "SchoolOrCollege": StakeholderKind.OTHER,
    },
    to_htcds={
        StakeholderKind.CIVIL_SOCIETY: "NGO",
        StakeholderKind.LAW_ENFORCEMENT: "LawEnforcement",
        StakeholderKind.BORDER_SERVICE: "ImmigrationService",
        StakeholderKind.LEGAL_PROFESSION: "LegalService",
        StakeholderKind.MINISTRY: _CENTRAL,
        StakeholderKind.STATE_COMMITTEE: _CENTRAL,
        StakeholderKind.STATE_AGENCY: _CENTRAL,
    },
    notes={
        _CENTRAL: "a ministry, state committee or state agency: read as other",
        StakeholderKind.OTHER: "HTCDS has no 'other' organisation type",
    },
)


@attrs.frozen(slots=True)
class _Field:
    """One field of a model class and its HTCDS counterpart, if any."""

    model: str
    htcds: str | None
    kind: str = "none"  # id, text, code, codes, country, countries, age_trafficked
    codes: _Codes | None = None
    note: str = ""


_FIELDS: Final[Mapping[type, tuple[_Field, ...]]] = {
    Victim: (
        _Field("id", ID, "id"),
        _Field("sex", "prs_Gender", "code", _GENDER),
        _Field(
            "age", None, note="HTCDS has the birthdate, which the model never holds"
        ),
        _Field("age_group", None, note="HTCDS has no age group at identification"),
        _Field(
            "age_group_at_exploitation",
            "vic_AgeWhenTrafficked",
            "age_trafficked",
            note="an age read as adult or child; a group gives no age",
        ),
        _Field("citizenship", "prs_Citizenship", "countries"),
        _Field("exploitation", "vic_TypeOfExploitation", "codes", _EXPLOITATION),
        _Field("identification", "vic_TraffickingStatus", "code", _STATUS),
        _Field("identified_on", None, note="HTCDS has no date of identification"),
        _Field(
            "identified_by",
            None,
            note="vic_TraffickingStatusDecisionMakingOrg is a type, not an id",
        ),
    ),
    Defendant: (
        _Field("id", ID, "id"),
        _Field("sex", "prs_Gender", "code", _GENDER),
        _Field("indicted", None, note="HTCDS has no prosecution fields"),
        _Field("disposition", None, note="HTCDS has no prosecution fields"),
        _Field("sentence_months", None, note="HTCDS has no prosecution fields"),
    ),
    Case: (
        _Field("id", ID, "id"),
        _Field("offence", None, note="an HTCDS case is a case of assistance"),
        _Field("registered_on", None, note="an HTCDS case is a case of assistance"),
        _Field("legal_reference", None),
        _Field("victim_ids", None, note="links to people are not in the field list"),
        _Field("defendants", None, note="links to people are not in the field list"),
    ),
    Stakeholder: (
        _Field("id", ID, "id"),
        _Field("name", "org_Name", "text"),
        _Field("kind", "org_Type", "code", _ORGANISATION),
        _Field(
            "country",
            "org_ShippingCountry",
            "country",
            note="the country of the organisation's address",
        ),
        _Field("acronym", None),
    ),
}
# The prefixes of the fields each model class can be read from.
_PREFIXES: Final[Mapping[type, tuple[str, ...]]] = {
    Victim: ("prs_", "vic_"),
    Defendant: ("prs_", "per_"),
    Case: ("cas_",),
    Stakeholder: ("org_",),
}

T = TypeVar("T", Victim, Defendant, Case, Stakeholder)


def _empty(value: object) -> bool:
    return value is None or value == "" or value in ((), frozenset(), [])


def to_htcds(
    obj: Victim | Defendant | Case | Stakeholder, *, on_error: ErrorHandler = None
) -> dict[str, Any]:
    """An HTCDS record of a model object.

    Fields with no value (`None`, an empty set) are left out. A multi-select
    field is a tuple of values in the code list's order.

    Args:
        obj: A `Victim`, `Defendant`, `Case` or `Stakeholder`.
        on_error: Called with one `ValidationError` listing what is lost (rules
            `lossy`, `unmappable`, `no_counterpart`, paths of the model's
            fields), and the record is returned without it. By default that
            error is raised.

    Returns:
        The record, from field name to value.

    Raises:
        ValidationError: If anything would be lost and `on_error` is not
            given, or `obj` is not one of the four classes (rule `type`).

    Example:
        >>> from trafficking_model import Victim, AgeGroup
        >>> victim = Victim(
        ...     id="V-1",
        ...     sex=Sex.OTHER,
        ...     age_group=AgeGroup.ADULT,
        ...     citizenship=frozenset({"UKR"}),
        ...     exploitation=frozenset({ExploitationForm.FORCED_CRIMINALITY}),
        ...     identification=IdentificationStatus.PRESUMED,
        ... )
        >>> lost = []
        >>> to_htcds(victim, on_error=lost.append)
        {'Id': 'V-1', 'prs_Citizenship': ('UKR',), 'vic_TypeOfExploitation': ('Other',), 'vic_TraffickingStatus': 'PossibleVictimOfTrafficking'}
        >>> print(lost[0])
        3 problems:
          $.sex: other has no HTCDS value: three HTCDS values are other; none can be chosen for it
          $.age_group: has no HTCDS counterpart: HTCDS has no age group at identification
          $.exploitation: forced_criminality maps to Other with loss: HTCDS has no such value: Other
    """
    fields = _FIELDS.get(type(obj))
    if fields is None:
        raise ValidationError(
            [
                Problem(
                    path="$",
                    message="expected a Victim, Defendant, Case or Stakeholder, "
                    f"got {describe(obj)}",
                    rule=TYPE,
                )
            ]
        )
    record: dict[str, Any] = {}
    lost: list[Problem] = []
    for spec in fields:
        value = getattr(obj, spec.model)
        if _empty(value):
            continue
        path = f"$.{spec.model}"
        if spec.htcds is None or spec.kind == "age_trafficked":
            note = f": {spec.note}" if spec.note else ""
            lost.append(
                Problem(
                    path=path,
                    message=f"has no HTCDS counterpart{note}",
                    rule=NO_COUNTERPART,
                )
            )
        elif spec.kind in ("id", "text", "country"):
            record[spec.htcds] = value
        elif spec.kind == "countries":
            record[spec.htcds] = tuple(sorted(value))
        else:
            assert spec.codes is not None
            members = sorted(value, key=_order) if spec.kind == "codes" else [value]
            written = [
                code
                for member in members
                if (code := _member_to_htcds(spec.codes, member, path, lost))
            ]
            if written:
                record[spec.htcds] = (
                    tuple(dict.fromkeys(written))
                    if spec.kind == "codes"
                    else written[0]
                )
    if lost:
        report(ValidationError(lost), on_error)
    return record


def _order(member: Enum) -> int:
    return list(type(member)).index(member)


_UNMAPPABLE = rule(
    "unmappable",
    "A value with no counterpart in the other format cannot be carried over.",
    checked_on="`htcds.to_htcds`, `htcds.from_htcds`",
)
_LOSSY = rule(
    "lossy",
    "A value that maps to something coarser loses detail, which you accept with "
    "`on_error`.",
    checked_on="`htcds.to_htcds`, `htcds.from_htcds`",
)


def _loss(path: str, rule: str, what: str, note: str) -> Problem:
    """A loss in mapping a value: what became of it, and the mapping's note on why."""
    return Problem(path=path, message=what + (f": {note}" if note else ""), rule=rule)


def _member_to_htcds(
    codes: _Codes, member: Enum, path: str, lost: list[Problem]
) -> str | None:
    fidelity = codes.model_fidelity(member)
    note = codes.notes.get(member, "")
    if fidelity is Fidelity.NONE:
        lost.append(
            _loss(path, _UNMAPPABLE, f"{member.value} has no HTCDS value", note)
        )
        return None
    code = codes.to_htcds[member]
    if fidelity is Fidelity.LOSSY:
        lost.append(
            _loss(path, _LOSSY, f"{member.value} maps to {code} with loss", note)
        )
    return code


def from_htcds(
    record: Mapping[str, object],
    cls: type[T],
    *,
    given: Mapping[str, object] | None = None,
    on_error: ErrorHandler = None,
) -> T:
    """A model object from an HTCDS record.

    Fields the model needs but the record does not give (a victim's age
    group, a defendant's disposition, the forms of exploitation of someone
    found not to be a victim) come from `given`, which must not repeat a field
    the record gives. A multi-select value
    may be a list or tuple of values, or one string with the values separated
    by `;`, as Salesforce exports them.

    Args:
        record: The record, from HTCDS field name to value.
        cls: `Victim`, `Defendant`, `Case` or `Stakeholder`.
        given: Values of the model's fields that the record cannot give.
        on_error: Called with one `ValidationError` listing what is lost (rules
            `lossy`, `unmappable`, `no_counterpart`, paths of the record's
            fields), and the object is made without it. By default that error
            is raised. A value of a personal field is never shown.

    Returns:
        The object, valid as every model object is.

    Raises:
        ValidationError: If a field is not an HTCDS field or not one of
            `cls` (rule `unknown_key`), a value has the wrong type (rule
            `type`), a field the model needs is neither mapped nor given (rule
            `required`), the object breaks one of its rules, or, without
            `on_error`, anything would be lost.

    Example:
        >>> from trafficking_model import Victim, AgeGroup
        >>> record = {
        ...     "Id": "V-7",
        ...     "prs_Gender": "Feminine",
        ...     "prs_FirstName": "Anna",
        ...     "vic_TraffickingStatus": "ActualVictimOfTrafficking",
        ...     "vic_TypeOfExploitation": "SexualExploitation;ForcedLabour",
        ... }
        >>> lost = []
        >>> victim = from_htcds(
        ...     record, Victim, given={"age_group": AgeGroup.ADULT}, on_error=lost.append
        ... )
        >>> sorted(form.value for form in victim.exploitation)
        ['forced_labour', 'sexual']
        >>> print(lost[0])
        $.prs_FirstName: has no counterpart in Victim
    """
    specs = _FIELDS.get(cls)
    if specs is None:
        raise ValidationError(
            [
                Problem(
                    path="$",
                    message="expected the class Victim, Defendant, Case or Stakeholder",
                    rule=TYPE,
                )
            ]
        )
    by_htcds = {spec.htcds: spec for spec in specs if spec.htcds is not None}
    known = _table()
    errors: list[Problem] = []
    lost: list[Problem] = []
    values: dict[str, Any] = {}
    for name, value in record.items():
        key: object = name
        path = column_path(key) if isinstance(key, str) else "$"
        if not isinstance(key, str) or (key != ID and key not in known):
            errors.append(
                Problem(path=path, message="is not an HTCDS field", rule=UNKNOWN_KEY)
            )
            continue
        if _empty(value):
            continue
        spec = by_htcds.get(key)
        if spec is None:
            if not key.startswith(_PREFIXES[cls]):
                errors.append(
                    Problem(
                        path=path,
                        message=f"is not a field of a {cls.__name__} record",
                        rule=UNKNOWN_KEY,
                    )
                )
            else:
                lost.append(
                    Problem(
                        path=path,
                        message=f"has no counterpart in {cls.__name__}",
                        rule=NO_COUNTERPART,
                    )
                )
            continue
        converted = _from_value(spec, value, path, errors, lost)
        if converted is not None:
            values[spec.model] = converted
    names = {field.name for field in attrs.fields(cls)}
    for name, value in (given or {}).items():
        if name not in names or name in values:
            errors.append(
                Problem(
                    path=f"$.{name}",
                    message=f"given, but {cls.__name__} has no such field"
                    if name not in names
                    else "given, but the record gives it too",
                    rule=UNKNOWN_KEY,
                )
            )
        else:
            values[name] = value
    errors.extend(
        Problem(
            path=f"$.{field.name}",
            message="required field is missing: the record does not "
            "give it; pass it in `given`",
            rule=REQUIRED,
        )
        for field in attrs.fields(cls)
        if field.default is attrs.NOTHING and field.name not in values
    )
    if errors:
        raise ValidationError(errors)
    if lost:
        report(ValidationError(lost), on_error)
    return cls(**values)


def _from_value(
    spec: _Field,
    value: object,
    path: str,
    errors: list[Problem],
    lost: list[Problem],
) -> object:
    """The model's value of one field of the record, or `None`."""
    if spec.kind in ("id", "text"):
        if type(value) is not str:
            errors.append(_wrong(path, "text", value))
            return None
        return value
    if spec.kind == "age_trafficked":
        if type(value) is not int or not 0 <= value <= MAX_AGE:
            errors.append(_wrong(path, f"an age from 0 to {MAX_AGE}", value))
            return None
        lost.append(
            Problem(path=path, message="the age is kept only as a group", rule=_LOSSY)
        )
        return AgeGroup.CHILD if value < ADULT_AGE else AgeGroup.ADULT
    if spec.kind in ("country", "countries"):
        return _countries(spec, value, path, errors)
    return _codes(spec, value, path, errors, lost)


def _countries(spec: _Field, value: object, path: str, errors: list[Problem]) -> object:
    """A country code, or a set of them, read as alpha-3."""
    items = _items(value) if spec.kind == "countries" else [value]
    if items is None:
        errors.append(_wrong(path, "country codes", value))
        return None
    codes = []
    for item in items:
        code = _alpha3(item)
        if code is None:
            errors.append(
                Problem(
                    path=path,
                    message=f"{subject(item)} is not an ISO 3166-1 alpha-2 or "
                    "alpha-3 country code",
                    rule=COUNTRY_CODE,
                )
            )
            return None
        codes.append(code)
    return frozenset(codes) if spec.kind == "countries" else codes[0]


def _codes(
    spec: _Field,
    value: object,
    path: str,
    errors: list[Problem],
    lost: list[Problem],
) -> object:
    """A member, or a set of them, read from code-list values."""
    assert spec.codes is not None
    items = _items(value) if spec.kind == "codes" else [value]
    if items is None or not all(type(item) is str for item in items):
        errors.append(_wrong(path, "code-list values", value))
        return None
    members = []
    for item in items:
        assert isinstance(item, str)
        fidelity = spec.codes.htcds_fidelity(item)
        note = spec.codes.notes.get(item, "")
        if fidelity is Fidelity.NONE:
            allowed = _table()[spec.codes.field][1]
            if item in allowed:
                lost.append(
                    _loss(path, _UNMAPPABLE, f"{item} has no counterpart", note)
                )
            else:
                errors.append(
                    Problem(
                        path=path,
                        message=f"{subject(item)} is not in the code list of "
                        f"{spec.codes.field}",
                        rule=ENUM,
                    )
                )
            continue
        member = spec.codes.to_model[item]
        if fidelity is Fidelity.LOSSY:
            lost.append(
                _loss(path, _LOSSY, f"{item} is read as {member.value} with loss", note)
            )
        members.append(member)
    if spec.kind == "codes":
        return frozenset(members)
    return members[0] if members else None


def _items(value: object) -> list[object] | None:
    if type(value) is str:
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _alpha3(value: object) -> str | None:
    if type(value) is not str:
        return None
    if len(value) == 3 and (
        value in countries_by_alpha3 or value in USER_ASSIGNED_COUNTRY_CODES
    ):
        return value  # the user-assigned codes are the model's too
    if len(value) == 2 and value in countries_by_alpha2:
        return countries_by_alpha2[value].alpha3
    return None


def _wrong(path: str, expected: str, value: object) -> Problem:
    return Problem(
        path=path, message=f"expected {expected}, got {describe(value)}", rule=TYPE
    )


def mapping_report() -> tuple[MappingRow, ...]:
    """What maps between the model and HTCDS v2.0, field by field and value by value.

    For each model class, a row for each of its fields, then one for each
    value of each code list it maps; then a row for each HTCDS field (of the
    `prs_`, `vic_`, `per_`, `cas_` and `org_` sections) that no model field
    maps to.

    Returns:
        The rows.

    Example:
        >>> rows = mapping_report()
        >>> [row for row in rows if row.htcds == "prs_Gender = NonConforming"][0]
        MappingRow(model='Victim.sex = other', htcds='prs_Gender = NonConforming', to_htcds=<Fidelity.NONE: 'none'>, from_htcds=<Fidelity.LOSSY: 'lossy'>, note='read as other')
    """
    rows: list[MappingRow] = []
    mapped: set[str] = {ID}
    for cls, specs in _FIELDS.items():
        name = cls.__name__
        for spec in specs:
            if spec.htcds is None:
                rows.append(
                    MappingRow(
                        f"{name}.{spec.model}",
                        None,
                        Fidelity.NONE,
                        Fidelity.NONE,
                        spec.note,
                    )
                )
                continue
            mapped.add(spec.htcds)
            if spec.codes is None:
                trafficked = spec.kind == "age_trafficked"
                rows.append(
                    MappingRow(
                        f"{name}.{spec.model}",
                        spec.htcds,
                        Fidelity.NONE if trafficked else Fidelity.EXACT,
                        Fidelity.LOSSY if trafficked else Fidelity.EXACT,
                        spec.note,
                    )
                )
                continue
            rows.extend(_code_rows(f"{name}.{spec.model}", spec.codes))
    rows.extend(
        MappingRow(None, field_name, Fidelity.NONE, Fidelity.NONE)
        for field_name in _table()
        if field_name not in mapped
        and field_name.startswith(("prs_", "vic_", "per_", "cas_", "org_"))
    )
    return tuple(rows)


def _code_rows(model: str, codes: _Codes) -> list[MappingRow]:
    members = list({*codes.to_model.values(), *codes.to_htcds})
    members.sort(key=_order)
    vocabulary = type(members[0])
    all_members = list(vocabulary)
    fidelities = [codes.model_fidelity(member) for member in all_members]
    field_to = _worst(fidelities)
    field_from = _worst(
        [codes.htcds_fidelity(value) for value in code_list(codes.field)]
    )
    rows = [MappingRow(model, codes.field, field_to, field_from)]
    for member, fidelity in zip(all_members, fidelities, strict=True):
        value = codes.to_htcds.get(member)
        back = Fidelity.NONE if value is None else codes.htcds_fidelity(value)
        rows.append(
            MappingRow(
                f"{model} = {member.value}",
                None if value is None else f"{codes.field} = {value}",
                fidelity,
                back if codes.to_model.get(value or "") is member else Fidelity.NONE,
                codes.notes.get(member, ""),
            )
        )
    for value in code_list(codes.field):
        if codes.htcds_fidelity(value) is Fidelity.EXACT:
            continue  # its row is the member's
        read_as = codes.to_model.get(value)
        rows.append(
            MappingRow(
                None if read_as is None else f"{model} = {read_as.value}",
                f"{codes.field} = {value}",
                Fidelity.NONE,
                codes.htcds_fidelity(value),
                codes.notes.get(value, ""),
            )
        )
    return rows


def _worst(fidelities: list[Fidelity]) -> Fidelity:
    if all(fidelity is Fidelity.EXACT for fidelity in fidelities):
        return Fidelity.EXACT
    if all(fidelity is Fidelity.NONE for fidelity in fidelities):
        return Fidelity.NONE
    return Fidelity.LOSSY
