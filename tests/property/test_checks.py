"""Checks that the accept/reject suite does not pin down: the exact type check of
every field when a value is built in Python (where no converter stands in front),
the wording of messages, and that checks go on after the first problem.

Mutation testing (CONTRIBUTING.md) showed these were untested.
"""

from __future__ import annotations

import enum
import types
import typing

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iso3166 import countries

from profiles import examples
from trafficking_model import (
    AgeGroup,
    Case,
    Defendant,
    Disposition,
    Figure,
    IdentificationStatus,
    Measure,
    MeasureStatus,
    Pillar,
    ProsecutionOutcome,
    Sex,
    ValidationError,
    Victim,
    VictimStatistics,
)
from trafficking_model import strategies as tms
from trafficking_model._validation import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    ONE_STR,
    describe,
    member_hint,
)
from trafficking_model.cases import _plainly_valid_case, _plainly_valid_defendant
from trafficking_model.errors import show_values
from trafficking_model.formats.glotip import GlotipRow
from trafficking_model.strategies._bases import BASES
from trafficking_model.strategies._json_form import WRONG, json_kind
from trafficking_model.strategies._mutators import bad_codes
from trafficking_model.victims import _plainly_valid

CLASSES = sorted(BASES, key=lambda cls: cls.__name__)
FIELDS = [
    pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")
    for cls in CLASSES
    # A GLOTIP row names the file's columns in its problems (`$.Year`), for the
    # readers; tests/unit/formats/test_glotip.py checks its types.
    if cls is not GlotipRow
    for field in attrs.fields(cls)
]


def _expected(annotation: object) -> str:  # noqa: PLR0911
    """What a type problem says it expected for a field of this type."""
    if annotation == Figure:
        return "int, Count or None"
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return "tuple"
    if origin is frozenset:
        return "frozenset"
    if origin is not None and len(arguments) == 1:
        return _expected(arguments[0])
    if origin is not None:  # Mapping[K, int]
        return "a mapping"
    if annotation is float:
        return "int or float"
    assert isinstance(annotation, type)
    return annotation.__name__


# Sized to need: one case per pair, hundreds of cases, so a fraction of the
# profile's examples each (10 under `ci`; `deep` still draws thousands).
@pytest.mark.parametrize(("cls", "name"), FIELDS)
@settings(max_examples=examples(0.4))
@given(data=st.data())
def test_a_value_of_the_wrong_type_is_named_at_its_field(
    cls: type, name: str, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    annotation = typing.get_type_hints(cls)[name]
    wrong = data.draw(st.sampled_from(WRONG[json_kind(annotation)]))
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(value, **{name: wrong})
    problems = caught.value.problems
    message = f"expected {_expected(annotation)}, got {describe(wrong)}"
    optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    given = [a for a in typing.get_args(annotation) if a is not type(None)]
    target = given[0] if optional else annotation
    if isinstance(target, type) and issubclass(target, enum.Enum):
        message += f"; {member_hint(wrong, target)}"  # names the members
    if _expected(annotation) == "frozenset" and type(wrong) is str:
        message += f"; {ONE_STR}"  # one str is not a set of letters
    assert (f"$.{name}", "type", message) in {
        (p.path, p.rule, p.message) for p in problems
    }, problems
    if (cls, name) != (Defendant, "sentence_months"):
        # nothing else is checked against a value of the wrong type
        assert {p.rule for p in problems} == {"type"}, problems


def test_long_values_are_shortened_in_messages() -> None:
    assert describe("x" * 58) == "str"  # values hidden by default
    with show_values():
        assert describe("x" * 58) == repr("x" * 58) + " (str)"  # 60 characters: kept
        assert describe("x" * 59) == repr("x" * 59)[:57] + "... (str)"
        assert describe(list(range(100))).endswith("... (list)")
        assert len(describe("y" * 500)) == 60 + len(" (str)")


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (
            lambda: Victim(
                id="V",
                sex=Sex.MALE,
                age_group=AgeGroup.ADULT,
                exploitation=frozenset(),
                identification=IdentificationStatus.PRESUMED,
            ),
            "$.exploitation",
            "a victim suffered at least one form of exploitation",
        ),
        (
            lambda: Defendant(
                id="D",
                sex=Sex.MALE,
                indicted=True,
                disposition=Disposition.FINE,
                sentence_months=6,
            ),
            "$.sentence_months",
            "sentence_months (6) is only for imprisonment, not fine",
        ),
        (
            lambda: Measure(
                id="M",
                title="T",
                pillar=Pillar.PREVENTION,
                responsible=frozenset(),
                period=tms.DEFAULT_PERIOD,
                status=MeasureStatus.COMPLETED,
            ),
            "$.responsible",
            "a measure needs at least one responsible stakeholder",
        ),
    ],
)
def test_fixed_messages(
    build: typing.Callable[[], object], path: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build()
    assert [(p.path, p.message) for p in caught.value.problems] == [(path, message)]


@given(st.data())
def test_a_repeated_id_names_the_kind_of_record(data: st.DataObject) -> None:
    case = data.draw(tms.cases(min_defendants=1))
    twin = case.defendants[0]
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(case, defendants=(*case.defendants, twin))
    [problem] = caught.value.problems
    assert problem.message == "duplicate defendant id, as at [0]"
    measure = data.draw(tms.measures())
    indicator = data.draw(tms.indicators())
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(measure, indicators=(indicator, indicator))
    [problem] = caught.value.problems
    assert problem.message == "duplicate indicator id, as at [0]"


def test_a_breakdown_reports_every_bad_entry() -> None:
    with pytest.raises(ValidationError) as caught:
        VictimStatistics(
            total=1,
            by_sex={"female": 1, "male": 1, Sex.OTHER: -1},  # type: ignore[dict-item]
        )
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.by_sex", "type"),
        ("$.by_sex", "type"),
        ("$.by_sex.other", "non_negative"),
    ]


def test_aggregation_reports_every_item_that_is_not_a_record() -> None:
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome.from_defendants(["a", "b"])  # type: ignore[list-item]
    assert [p.path for p in caught.value.problems] == ["$[0]", "$[1]"]


@given(
    tms.victims(),
    tms.defendants(),
    tms.cases(),
)
def test_every_drawn_record_takes_the_fast_path(
    victim: Victim, defendant: Defendant, case: Case
) -> None:
    assert _plainly_valid(victim)
    assert _plainly_valid_defendant(defendant)
    assert _plainly_valid_case(case)


@given(st.data())
def test_a_code_that_is_not_in_its_list_is_named_with_its_standard(
    data: st.DataObject,
) -> None:
    code = data.draw(bad_codes(COUNTRY_CODES | CURRENCY_CODES))
    stakeholder = data.draw(tms.stakeholders())
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(stakeholder, country=code)
    message = "the value is not an ISO 3166-1 alpha-3 country code"
    if countries.get(code.strip(), None) is not None:  # another form of a code
        message += (
            "; it is another form of a country's code or name: "
            "give the alpha-3 code (as UKR for UA)"
        )
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.country", message)
    ]
    amount = data.draw(tms.money())
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(amount, currency=code)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.currency", "the value is not an ISO 4217 currency code")
    ]
