"""The fast paths of the record checks accept every valid record.

Records are checked in two steps: a fast predicate that only ever accepts, and
the detailed check that explains every rejection. The rejection tests show that
the fast path never accepts an invalid record; these show it accepts every valid
one, so valid data never pays for the detailed check.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from trafficking_model import (
    ADULT_AGE,
    AgeGroup,
    Case,
    Defendant,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
    Victim,
)
from trafficking_model.cases import _plainly_valid_case, _plainly_valid_defendant
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
