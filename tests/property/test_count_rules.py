"""Property tests for the count rules of the aggregates, and for aggregation."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trafficking_model import (
    AgeGroup,
    Case,
    CaseStatistics,
    Defendant,
    Disposition,
    ExploitationForm,
    LawEnforcementFigures,
    OffenceType,
    ProsecutionOutcome,
    Sex,
    ValidationError,
    VictimStatistics,
)

counts = st.integers(min_value=0, max_value=10_000)
excess = st.integers(min_value=1, max_value=1_000)


def _rules(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {problem.rule for problem in error.value.problems}


@st.composite
def funnels(draw: st.DrawFn) -> dict[str, int]:
    sentenced = draw(counts)
    acquitted = draw(counts)
    indicted = sentenced + acquitted + draw(counts)
    defendants = indicted + draw(counts)
    split = draw(st.lists(counts, min_size=5, max_size=5))
    parts = sorted(s % (sentenced + 1) for s in split[:4])
    # four cut points give a split whose sum never exceeds `sentenced`
    imprisonment, conditional, postponed, fined = (
        parts[0],
        parts[1] - parts[0],
        parts[2] - parts[1],
        parts[3] - parts[2],
    )
    return {
        "defendants": defendants,
        "indicted": indicted,
        "sentenced": sentenced,
        "acquitted": acquitted,
        "imprisonment": imprisonment,
        "conditional": conditional,
        "postponed": postponed,
        "fined": fined,
    }


@given(funnels())
def test_valid_funnels_are_accepted(funnel: dict[str, int]) -> None:
    outcome = ProsecutionOutcome(**funnel)
    assert (
        outcome.pending
        == funnel["indicted"] - funnel["sentenced"] - funnel["acquitted"]
    )


@given(funnels(), excess)
def test_more_indicted_than_defendants_is_rejected(
    funnel: dict[str, int], extra: int
) -> None:
    funnel["defendants"] = funnel["indicted"] - extra
    if funnel["defendants"] < 0:
        funnel["defendants"] = 0
        funnel["indicted"] = extra
        funnel.update(sentenced=0, acquitted=0, imprisonment=0, conditional=0)
        funnel.update(postponed=0, fined=0)
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(**funnel)
    assert _rules(caught) == {"indicted_within_defendants"}


@given(funnels(), excess, st.booleans())
def test_more_decided_than_indicted_is_rejected(
    funnel: dict[str, int], extra: int, via_acquittals: bool
) -> None:
    gap = funnel["indicted"] - funnel["sentenced"] - funnel["acquitted"]
    funnel["acquitted" if via_acquittals else "sentenced"] += gap + extra
    funnel["indicted"] = min(funnel["indicted"], funnel["defendants"])
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(**funnel)
    assert _rules(caught) == {"sentenced_within_indicted"}


@given(
    funnels(),
    excess,
    st.sampled_from(["imprisonment", "conditional", "postponed", "fined"]),
)
def test_split_larger_than_sentenced_is_rejected(
    funnel: dict[str, int], extra: int, part: str
) -> None:
    split = sum(
        funnel[name] for name in ("imprisonment", "conditional", "postponed", "fined")
    )
    funnel[part] += funnel["sentenced"] - split + extra
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(**funnel)
    assert _rules(caught) == {"sentence_split_within_sentenced"}


@given(
    funnels(),
    st.sampled_from(
        sorted(
            (a for a in ProsecutionOutcome.__attrs_attrs__ if a.name != "derived"),
            key=str,
        )
    ),
    excess,
)
def test_negative_counts_are_rejected(
    funnel: dict[str, int], attribute: object, amount: int
) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    funnel[name] = -amount
    with pytest.raises(ValidationError) as caught:
        ProsecutionOutcome(**funnel)
    assert "non_negative" in _rules(caught)
    assert any(p.path == f"$.{name}" for p in caught.value.problems)


def _split(total: int, members: Sequence[object], cuts: list[int]) -> dict[object, int]:
    """Split `total` among `members` at sorted cut points, keeping zeros out."""
    points = sorted(c % (total + 1) for c in cuts[: len(members) - 1])
    bounds = [0, *points, total]
    parts = {m: bounds[i + 1] - bounds[i] for i, m in enumerate(members)}
    return {m: n for m, n in parts.items() if n}


@st.composite
def victim_figures(draw: st.DrawFn) -> dict[str, object]:
    total = draw(st.integers(min_value=1, max_value=5_000))
    cuts = st.lists(counts, min_size=12, max_size=12)
    forms = draw(
        st.lists(st.sampled_from(list(ExploitationForm)), min_size=1, unique=True)
    )
    exploitation = _split(total, forms, draw(cuts))  # sums to total exactly
    for form in draw(st.lists(st.sampled_from(forms), unique=True)):
        # a victim may suffer several forms: top counts up, never past total
        exploitation[form] = total
    return {
        "total": total,
        "by_sex": _split(total, list(Sex), draw(cuts)),
        "by_age_group": _split(total, list(AgeGroup), draw(cuts)),
        "by_exploitation": exploitation,
    }


@given(victim_figures())
def test_valid_victim_statistics_are_accepted(figures: dict[str, object]) -> None:
    statistics = VictimStatistics(**figures)  # type: ignore[arg-type]
    assert sum(statistics.by_sex.values()) == statistics.total


@given(
    victim_figures(), st.sampled_from(["by_sex", "by_age_group"]), excess, st.booleans()
)
def test_breakdown_off_its_total_is_rejected(
    figures: dict[str, object], name: str, amount: int, up: bool
) -> None:
    breakdown = dict(figures[name])  # type: ignore[call-overload]
    key = next(iter(breakdown))
    breakdown[key] = breakdown[key] + amount if up else max(breakdown[key] - amount, 0)
    if sum(breakdown.values()) == figures["total"]:
        breakdown[key] += 1
    figures[name] = breakdown
    with pytest.raises(ValidationError) as caught:
        VictimStatistics(**figures)  # type: ignore[arg-type]
    assert _rules(caught) == {"breakdown_sum"}


@given(victim_figures(), excess)
def test_exploitation_count_above_total_is_rejected(
    figures: dict[str, object], amount: int
) -> None:
    exploitation = dict(figures["by_exploitation"])  # type: ignore[call-overload]
    form = next(iter(exploitation))
    exploitation[form] = figures["total"] + amount  # type: ignore[operator]
    figures["by_exploitation"] = exploitation
    with pytest.raises(ValidationError) as caught:
        VictimStatistics(**figures)  # type: ignore[arg-type]
    assert _rules(caught) == {"exploitation_within_total"}


@given(victim_figures(), excess)
def test_exploitation_below_total_is_rejected(
    figures: dict[str, object], amount: int
) -> None:
    total = figures["total"]
    assert isinstance(total, int)
    figures["by_exploitation"] = {ExploitationForm.OTHER: max(total - amount, 0)}
    with pytest.raises(ValidationError) as caught:
        VictimStatistics(**figures)  # type: ignore[arg-type]
    assert _rules(caught) == {"exploitation_covers_total"}


@given(st.dictionaries(st.sampled_from(list(OffenceType)), counts), excess)
def test_case_statistics_total_matches_breakdown(
    by_offence: dict[OffenceType, int], amount: int
) -> None:
    derived = CaseStatistics(by_offence=by_offence)
    if by_offence:
        assert derived.total == sum(by_offence.values())
        assert derived.derived == {"total"}
    else:  # nothing to derive from: not reported
        assert derived.total is None
    if by_offence:
        with pytest.raises(ValidationError) as caught:
            CaseStatistics(
                by_offence=by_offence, total=sum(by_offence.values()) + amount
            )
        assert _rules(caught) == {"breakdown_sum"}


labour_names = ["investigations", "prosecutions", "convictions", "victims_identified"]


@given(
    st.fixed_dictionaries(dict.fromkeys(labour_names, counts)),
    st.sampled_from(labour_names),
    st.data(),
)
def test_labour_subsets_within_totals(
    totals: dict[str, int], name: str, data: st.DataObject
) -> None:
    within = data.draw(st.integers(min_value=0, max_value=totals[name]))
    figures = LawEnforcementFigures(year=2021, **totals, **{f"labour_{name}": within})
    assert getattr(figures, f"labour_{name}") == within
    beyond = totals[name] + data.draw(excess)
    with pytest.raises(ValidationError) as caught:
        LawEnforcementFigures(year=2021, **totals, **{f"labour_{name}": beyond})
    assert _rules(caught) == {"labour_within_total"}


defendants = st.builds(
    lambda number, disposition, indicted: Defendant(
        id=str(number),
        sex=Sex.UNKNOWN,
        indicted=indicted or disposition.requires_indictment,
        disposition=disposition,
        sentence_months=12 if disposition is Disposition.IMPRISONMENT else None,
    ),
    st.integers(),
    st.sampled_from(list(Disposition)),
    st.booleans(),
)


@given(st.lists(defendants))
def test_prosecution_aggregation_agrees_with_records(records: list[Defendant]) -> None:
    outcome = ProsecutionOutcome.from_defendants(records)
    tally = Counter(r.disposition for r in records)
    assert outcome.defendants == len(records)
    assert outcome.indicted == sum(r.indicted for r in records)
    assert outcome.sentenced == sum(n for d, n in tally.items() if d.is_sentence)
    assert outcome.acquitted == tally[Disposition.ACQUITTED]
    assert outcome.imprisonment == tally[Disposition.IMPRISONMENT]
    assert outcome.conditional == tally[Disposition.CONDITIONAL_SENTENCE]
    assert outcome.postponed == tally[Disposition.POSTPONED_PUNISHMENT]
    assert outcome.fined == tally[Disposition.FINE]


@given(st.lists(st.sampled_from(list(OffenceType))))
def test_case_aggregation_agrees_with_records(offences: list[OffenceType]) -> None:
    cases = [
        Case(id=str(n), offence=o, registered_on=dt.date(2021, 1, 1))
        for n, o in enumerate(offences)
    ]
    statistics = CaseStatistics.from_cases(cases)
    assert statistics.total == len(cases)
    assert statistics.by_offence == Counter(offences)
