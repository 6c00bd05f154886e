"""The fast paths of the record checks accept every valid record.

Records are checked in two steps: a fast predicate that only ever accepts, and
the detailed check that explains every rejection. The rejection tests show that
the fast path never accepts an invalid record; these show it accepts every valid
one, so valid data never pays for the detailed check.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trafficking_model as tm
from trafficking_model import (
    ADULT_AGE,
    AgeGroup,
    Case,
    CaseStatistics,
    CountryReport,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    LawEnforcementFigures,
    OffenceType,
    Period,
    ProsecutionOutcome,
    Sex,
    ValidationError,
    Victim,
    VictimStatistics,
)
from trafficking_model import cases as cases_module
from trafficking_model import periods as periods_module
from trafficking_model import prosecution as prosecution_module
from trafficking_model import reports as reports_module
from trafficking_model import statistics as statistics_module
from trafficking_model import strategies as tms
from trafficking_model import victims as victims_module
from trafficking_model.cases import _plainly_valid_case, _plainly_valid_defendant
from trafficking_model.examples import azerbaijan_report_2020_2021
from trafficking_model.periods import _plainly_valid as _plainly_valid_period
from trafficking_model.prosecution import _plainly_valid as _plainly_valid_outcome
from trafficking_model.reports import _plainly_valid as _plainly_valid_report
from trafficking_model.statistics import (
    _plainly_valid_cases,
    _plainly_valid_flows,
    _plainly_valid_victims,
)
from trafficking_model.victims import _plainly_valid

identifiers = st.text(min_size=1).map(str.strip).filter(bool)


@st.composite
def victims(draw: st.DrawFn) -> Victim:
    age = draw(st.none() | st.integers(min_value=0, max_value=120))
    if age is None:
        group = draw(st.sampled_from(AgeGroup))
    else:
        group = AgeGroup.CHILD if age < ADULT_AGE else AgeGroup.ADULT
    status = draw(st.sampled_from(IdentificationStatus))
    not_a_victim = status is IdentificationStatus.NOT_A_VICTIM
    return Victim(
        id=draw(identifiers),
        sex=draw(st.sampled_from(Sex)),
        age=age,
        age_group=group,
        age_group_at_exploitation=draw(
            st.none()
            | st.sampled_from(
                [AgeGroup.CHILD, AgeGroup.UNKNOWN]
                if group is AgeGroup.CHILD
                else list(AgeGroup)
            )
        ),
        citizenship=draw(st.frozensets(st.sampled_from(["AZE", "GEO", "XKX"]))),
        exploitation=draw(
            st.frozensets(st.sampled_from(ExploitationForm), min_size=1 - not_a_victim)
        ),
        identification=status,
        identified_on=draw(st.none() | st.dates()),
        identified_by=draw(st.none() | identifiers),
    )


@st.composite
def defendants(draw: st.DrawFn) -> Defendant:
    disposition = draw(st.sampled_from(Disposition))
    imprisoned = disposition is Disposition.IMPRISONMENT
    return Defendant(
        id=draw(identifiers),
        sex=draw(st.sampled_from(Sex)),
        indicted=disposition.requires_indictment or draw(st.booleans()),
        disposition=disposition,
        sentence_months=draw(st.integers(min_value=1)) if imprisoned else None,
    )


cases = st.builds(
    Case,
    id=identifiers,
    offence=st.sampled_from(OffenceType),
    registered_on=st.dates(),
    legal_reference=st.none() | identifiers,
    victim_ids=st.frozensets(identifiers),
    defendants=st.lists(defendants(), unique_by=lambda d: d.id).map(tuple),
)


@given(victims())
def test_every_valid_victim_takes_the_fast_path(victim: Victim) -> None:
    assert _plainly_valid(victim)


@given(defendants())
def test_every_valid_defendant_takes_the_fast_path(defendant: Defendant) -> None:
    assert _plainly_valid_defendant(defendant)


@given(cases)
def test_every_valid_case_takes_the_fast_path(case: Case) -> None:
    assert _plainly_valid_case(case)


def test_datetimes_never_take_the_fast_path() -> None:
    case = Case(id="1", offence=OffenceType.OTHER, registered_on=dt.date(2021, 1, 1))
    object.__setattr__(case, "registered_on", dt.datetime(2021, 1, 1))
    assert not _plainly_valid_case(case)


# The aggregates: every exact figure set with nothing partial takes the fast
# path, and nothing else does (a range, a figure not reported where the fast path
# needs it, a partial or overlapping breakdown, an unknown name).


def _exact(cls: type) -> st.SearchStrategy[Any]:
    strategies = {
        CaseStatistics: tms.case_statistics,
        ProsecutionOutcome: tms.prosecution_outcomes,
        VictimStatistics: tms.victim_statistics,
        LawEnforcementFigures: tms.law_enforcement_figures,
    }
    return strategies[cls](exact=True)


FAST: dict[type, Callable[[Any], bool]] = {
    CaseStatistics: _plainly_valid_cases,
    ProsecutionOutcome: _plainly_valid_outcome,
    VictimStatistics: _plainly_valid_victims,
    LawEnforcementFigures: _plainly_valid_flows,
}


@pytest.mark.parametrize("cls", list(FAST), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_exact_aggregate_takes_the_fast_path(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(_exact(cls))
    if cls is CaseStatistics and "total" in value.derived:
        value = attrs.evolve(value, derived=frozenset())
    assert FAST[cls](value)


@pytest.mark.parametrize("cls", list(FAST), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_published_figures_take_the_detailed_check_when_they_must(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    names = ("partial", "overlapping")
    ranged = any(
        isinstance(getattr(value, field.name), tm.Count)
        or (
            isinstance(getattr(value, field.name), Mapping)
            and any(
                isinstance(c, tm.Count) for c in getattr(value, field.name).values()
            )
        )
        or (field.name in names and getattr(value, field.name))
        for field in attrs.fields(cls)
    )
    if ranged:
        assert not FAST[cls](value)


@pytest.mark.parametrize(
    ("build", "fast"),
    [
        (
            lambda: ProsecutionOutcome(defendants=5, indicted=None, sentenced=1),
            _plainly_valid_outcome,
        ),
        (lambda: VictimStatistics(total=None), _plainly_valid_victims),
        (lambda: CaseStatistics(total=None), _plainly_valid_cases),
    ],
)
def test_unreported_figures_that_rules_need_take_the_detailed_check(
    build: Callable[[], object], fast: Callable[[Any], bool]
) -> None:
    assert not fast(build())


# Every fast path, against the detailed check it stands in front of: the fast
# path may send valid data to the detailed check, but it must never accept what
# that check rejects. Near misses come from `violations()`: data that breaks one
# rule, of the class itself or of one of its parts.

_FAST_PATHS: dict[type, tuple[Any, str]] = {
    Victim: (victims_module, "_plainly_valid"),
    Defendant: (cases_module, "_plainly_valid_defendant"),
    Case: (cases_module, "_plainly_valid_case"),
    CaseStatistics: (statistics_module, "_plainly_valid_cases"),
    ProsecutionOutcome: (prosecution_module, "_plainly_valid"),
    VictimStatistics: (statistics_module, "_plainly_valid_victims"),
    LawEnforcementFigures: (statistics_module, "_plainly_valid_flows"),
    Period: (periods_module, "_plainly_valid"),
    CountryReport: (reports_module, "_plainly_valid"),
}


@contextlib.contextmanager
def _checks_off() -> Iterator[None]:
    """Build the classes with a fast path without checking them at all."""
    saved = {cls: cls.__attrs_post_init__ for cls in _FAST_PATHS}
    try:
        for cls in _FAST_PATHS:
            cls.__attrs_post_init__ = lambda self: None  # type: ignore[method-assign]
        yield
    finally:
        for cls, check in saved.items():
            cls.__attrs_post_init__ = check  # type: ignore[method-assign]


@contextlib.contextmanager
def _fast_paths_off() -> Iterator[None]:
    """Run the detailed checks alone, with every fast path refusing."""
    saved = {
        (module, name): getattr(module, name) for module, name in _FAST_PATHS.values()
    }
    try:
        for module, name in saved:
            setattr(module, name, lambda _: False)
        yield
    finally:
        for (module, name), fast in saved.items():
            setattr(module, name, fast)


def _parts(value: object) -> Iterator[object]:
    """`value` and every model object within it, innermost first."""
    if isinstance(value, (tuple, list, frozenset)):
        for item in value:
            yield from _parts(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _parts(item)
    elif attrs.has(type(value)):
        for name in attrs.fields_dict(type(value)):
            yield from _parts(getattr(value, name))
        yield value


def _accepted_by_the_detailed_check(value: object) -> bool:
    with _fast_paths_off():
        try:
            type(value).__attrs_post_init__(copy.copy(value))  # type: ignore[attr-defined]
        except ValidationError:
            return False
    return True


@pytest.mark.parametrize("cls", list(_FAST_PATHS), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_fast_path_never_accepts_a_near_miss(cls: type, data: st.DataObject) -> None:
    raw, _rule = data.draw(tms.violations(cls))
    with _checks_off():
        try:
            value = tm.from_dict(raw, cls)
        except ValidationError:
            return  # refused before any check with a fast path ran
    for part in _parts(value):
        if type(part) in _FAST_PATHS:
            module, name = _FAST_PATHS[type(part)]
            if getattr(module, name)(part):
                assert _accepted_by_the_detailed_check(part), part


@pytest.mark.parametrize("cls", list(_FAST_PATHS), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_fast_path_accepts_only_what_the_detailed_check_accepts(
    cls: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(cls))
    module, name = _FAST_PATHS[cls]
    if getattr(module, name)(value):
        assert _accepted_by_the_detailed_check(value)


_CROSS_TAB_RULES = frozenset({"sex_age_within_margin", "sex_age_matches_margin"})


@settings(max_examples=300)  # cheap, and the near misses that matter are narrow
@given(tms.violations(VictimStatistics, rules=_CROSS_TAB_RULES))
def test_a_cross_tab_off_its_margins_never_takes_the_fast_path(
    pair: tuple[dict[str, Any], str],
) -> None:
    """Complete and exact ones included: the margin's unknown hides no victim."""
    raw, _rule = pair
    with _checks_off():
        statistics = tm.from_dict(raw, VictimStatistics)
    assert not _plainly_valid_victims(statistics)
    assert not _accepted_by_the_detailed_check(statistics)


@given(tms.periods())
def test_every_valid_period_takes_the_fast_path(period: Period) -> None:
    assert _plainly_valid_period(period)


@given(st.from_type(CountryReport))
def test_every_valid_report_takes_the_fast_path(report: CountryReport) -> None:
    assert _plainly_valid_report(report)


def test_a_near_miss_is_found_by_the_near_miss_property() -> None:
    """A report with a year twice, built unchecked: refused by both checks."""
    raw = tm.to_dict(azerbaijan_report_2020_2021())
    raw["law_enforcement"] = [{"year": 2021}, {"year": 2021}]
    with _checks_off():
        doubled = tm.from_dict(raw, CountryReport)
    assert not _plainly_valid_report(doubled)
    assert not _accepted_by_the_detailed_check(doubled)
    raw["law_enforcement"] = [{"year": 2021}, {"year": 2020}]
    with _checks_off():
        assert _plainly_valid_report(tm.from_dict(raw, CountryReport))
