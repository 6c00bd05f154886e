"""The same schema and the same rules in pydantic v2 and in msgspec, for comparison.

Every rule of the trafficking-model classes is stated here too: types, bounds,
identifiers without surrounding whitespace, non-blank text, ISO country codes,
unknown keys refused, and each class's rules across fields. Where a rule cannot
be declared, it is checked in Python after the fields, as the model does.

The peers take exact figures only: an int, or null where the library takes
"not reported", but not a ranged `Count` (`{"low": ..., "high": ...}`). The
benchmark's data is exact, so they load the same records as the library and
check the same rules on them: with null read as "any count of 0 or more", a rule
fails only when no count could satisfy it, as the library's interval checks do.

One concession to pydantic: its strict mode refuses, in Python data, a string
for a date or an enum and a list for a set or a tuple, so those fields are lax.
Lax, pydantic also takes some other forms (a date from a Unix time, say), so it
does a little less checking there than the others.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
import pydantic
from pydantic import Field, Strict, StringConstraints

from trafficking_model import (
    AgeGroup,
    Disposition,
    ExploitationForm,
    IdentificationStatus,
    OffenceType,
    Sex,
    SexAgeGroup,
    TipTier,
)
from trafficking_model._validation import COUNTRY_CODES
from trafficking_model.vocabularies import CitizenshipCategory

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from enum import Enum

IDENTIFIER = r"^\S(?:[\s\S]*\S)?$"
TEXT = r"\S"
Country = Literal[tuple(sorted(COUNTRY_CODES))]  # type: ignore[valid-type]


# ---------------------------------------------------------------------------
# The names `derived`, `partial` and `overlapping` may hold
# ---------------------------------------------------------------------------


def _names(breakdowns: dict[str, type[Enum]], *figures: str) -> tuple[str, ...]:
    """Figures, breakdowns and breakdown members such as `by_sex.male`."""
    names = set(figures) | set(breakdowns)
    for name, vocabulary in breakdowns.items():
        names.update(f"{name}.{member.value}" for member in vocabulary)
    return tuple(sorted(names))


_OFFENCE_BREAKDOWNS: dict[str, type[Enum]] = {"by_offence": OffenceType}
_VICTIM_BREAKDOWNS: dict[str, type[Enum]] = {
    "by_sex": Sex,
    "by_age_group": AgeGroup,
    "by_citizenship": CitizenshipCategory,
    "by_exploitation": ExploitationForm,
    "by_sex_and_age": SexAgeGroup,
}
_FUNNEL = (
    "defendants",
    "indicted",
    "sentenced",
    "acquitted",
    "imprisonment",
    "conditional",
    "postponed",
    "fined",
)
_SPLIT = ("imprisonment", "conditional", "postponed", "fined")
_FLOWS = ("investigations", "prosecutions", "convictions", "victims_identified")

CaseFigure = Literal[_names(_OFFENCE_BREAKDOWNS, "total")]  # type: ignore[valid-type]
OffenceBreakdown = Literal["by_offence"]
FunnelFigure = Literal[_FUNNEL]  # type: ignore[valid-type]
VictimFigure = Literal[_names(_VICTIM_BREAKDOWNS, "total")]  # type: ignore[valid-type]
VictimBreakdown = Literal[tuple(_VICTIM_BREAKDOWNS)]  # type: ignore[valid-type]
FlowFigure = Literal[(*_FLOWS, *(f"labour_{name}" for name in _FLOWS))]  # type: ignore[valid-type]


# ---------------------------------------------------------------------------
# The rules across fields, shared by both peers. A figure is an int or None
# (not reported: any count of 0 or more); a rule fails only when no counts
# within that could satisfy it.
# ---------------------------------------------------------------------------


def _low(figure: int | None) -> int:
    return 0 if figure is None else figure


def _exceeds(low: int, high: int | None) -> bool:
    return high is not None and low > high


def _check_victim(victim: Any) -> None:  # noqa: ANN401
    if victim.age is not None:
        expected = AgeGroup.CHILD if victim.age < 18 else AgeGroup.ADULT
        if victim.age_group is not expected:
            raise ValueError("age does not match age_group")
    if (
        victim.age_group_at_exploitation is AgeGroup.ADULT
        and victim.age_group is AgeGroup.CHILD
    ):
        raise ValueError("adult when exploited but child when identified")
    if (
        not victim.exploitation
        and victim.identification is not IdentificationStatus.NOT_A_VICTIM
    ):
        raise ValueError("a victim suffered at least one form of exploitation")


def _check_defendant(defendant: Any) -> None:  # noqa: ANN401
    if not defendant.indicted and defendant.disposition.requires_indictment:
        raise ValueError("disposition requires an indicted defendant")
    if (
        defendant.sentence_months is not None
        and defendant.disposition is not Disposition.IMPRISONMENT
    ):
        raise ValueError("sentence_months goes with imprisonment only")


def _check_breakdown(
    counts: Mapping[Any, int], total: int | None, *, partial: bool
) -> None:
    """Each unit counts once: a complete breakdown sums to the total."""
    if not counts or total is None:
        return
    given = sum(counts.values())
    if given > total or (not partial and given != total):
        raise ValueError("a breakdown does not sum to the total")


def _check_overlapping(
    counts: Mapping[Any, int], total: int | None, *, partial: bool
) -> None:
    """A unit can count several times: each at most the total, all at least it."""
    if total is None:
        return
    if any(count > total for count in counts.values()):
        raise ValueError("a count exceeds the total")
    if counts and not partial and sum(counts.values()) < total:
        raise ValueError("counts sum to less than the total")


def _derive_case_total(statistics: Any, total_given: bool) -> tuple[Any, Any]:  # noqa: ANN401
    """The total and `derived` of case statistics whose total may be left out."""
    if total_given:
        return statistics.total, statistics.derived
    counts = statistics.by_offence
    if (
        counts
        and "by_offence" not in statistics.partial
        and "by_offence" not in statistics.overlapping
    ):
        return sum(counts.values()), statistics.derived | {"total"}
    return None, statistics.derived


def _check_cases(statistics: Any) -> None:  # noqa: ANN401
    partial = "by_offence" in statistics.partial
    if "by_offence" in statistics.overlapping:
        _check_overlapping(statistics.by_offence, statistics.total, partial=partial)
    else:
        _check_breakdown(statistics.by_offence, statistics.total, partial=partial)


def _check_funnel(outcome: Any) -> None:  # noqa: ANN401
    split = sum(_low(getattr(outcome, name)) for name in _SPLIT)
    if _exceeds(split, outcome.sentenced):
        raise ValueError("the split exceeds sentenced")
    decided = max(_low(outcome.sentenced), split) + _low(outcome.acquitted)
    if _exceeds(decided, outcome.indicted):
        raise ValueError("sentenced + acquitted exceeds indicted")
    if _exceeds(max(_low(outcome.indicted), decided), outcome.defendants):
        raise ValueError("indicted exceeds defendants")


def _check_victim_statistics(statistics: Any) -> None:  # noqa: ANN401
    for name in ("by_sex", "by_age_group", "by_citizenship", "by_sex_and_age"):
        _check_breakdown(
            getattr(statistics, name),
            statistics.total,
            partial=name in statistics.partial,
        )
    _check_overlapping(
        statistics.by_exploitation,
        statistics.total,
        partial="by_exploitation" in statistics.partial,
    )
    _check_cross_tab(statistics)


def _check_cross_tab(statistics: Any) -> None:  # noqa: ANN401
    """The sex by age cross-tab: a breakdown of the total, within its margins."""
    cells = statistics.by_sex_and_age
    if not cells:
        return
    complete = "by_sex_and_age" not in statistics.partial
    for name, attribute in (("by_sex", "sex"), ("by_age_group", "age_group")):
        margin = getattr(statistics, name)
        if not margin:
            continue
        for member in {getattr(cell, attribute) for cell in SexAgeGroup}:
            if member not in margin and name in statistics.partial:
                continue
            count = margin.get(member, 0)
            in_cells = sum(
                n for cell, n in cells.items() if getattr(cell, attribute) is member
            )
            if in_cells > count or (complete and in_cells < count):
                raise ValueError("the cross-tab does not match a margin")


def _check_flows(figures: Any) -> None:  # noqa: ANN401
    for name in _FLOWS:
        labour = getattr(figures, f"labour_{name}")
        if labour is not None and _exceeds(labour, getattr(figures, name)):
            raise ValueError("a labour figure exceeds its total")


def _check_report(report: Any) -> None:  # noqa: ANN401
    sections: Iterable[object] = (report.cases, report.prosecution, report.victims)
    if not report.law_enforcement and all(section is None for section in sections):
        raise ValueError("a report gives at least one section")
    years = [figures.year for figures in report.law_enforcement]
    if len(set(years)) != len(years):
        raise ValueError("a year repeats")
    start, end = report.period.start.year, report.period.end.year
    if any(not start <= year <= end for year in years):
        raise ValueError("a year is outside the period")


# ---------------------------------------------------------------------------
# pydantic v2, frozen models
# ---------------------------------------------------------------------------

Lax = Strict(False)
PIdentifier = Annotated[str, StringConstraints(pattern=IDENTIFIER)]
PText = Annotated[str, StringConstraints(pattern=TEXT)]
PCount = Annotated[int, Field(ge=0)]
PFigure = PCount | None
PDate = Annotated[dt.date, Lax]


def _pnames(names: Any) -> Any:  # noqa: ANN401
    """A set of names, a JSON array; lax, so that a list is taken in Python data."""
    return Annotated[frozenset[names], Lax]


class _Model(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, strict=True, extra="forbid")


class PVictim(_Model):
    id: PIdentifier
    sex: Annotated[Sex, Lax]
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    age_group: Annotated[AgeGroup, Lax]
    age_group_at_exploitation: Annotated[AgeGroup, Lax] | None = None
    citizenship: Annotated[frozenset[Country], Lax] = frozenset()
    exploitation: Annotated[frozenset[Annotated[ExploitationForm, Lax]], Lax]
    identification: Annotated[IdentificationStatus, Lax]
    identified_on: PDate | None = None
    identified_by: PIdentifier | None = None

    @pydantic.model_validator(mode="after")
    def _rules(self) -> PVictim:
        _check_victim(self)
        return self


class PDefendant(_Model):
    id: PIdentifier
    sex: Annotated[Sex, Lax]
    indicted: bool
    disposition: Annotated[Disposition, Lax]
    sentence_months: Annotated[int, Field(gt=0)] | None = None

    @pydantic.model_validator(mode="after")
    def _rules(self) -> PDefendant:
        _check_defendant(self)
        return self


class PCase(_Model):
    id: PIdentifier
    offence: Annotated[OffenceType, Lax]
    registered_on: PDate
    legal_reference: PText | None = None
    victim_ids: Annotated[frozenset[PIdentifier], Lax] = frozenset()
    defendants: Annotated[tuple[PDefendant, ...], Lax] = ()

    @pydantic.model_validator(mode="after")
    def _unique_defendants(self) -> PCase:
        if len({d.id for d in self.defendants}) != len(self.defendants):
            raise ValueError("duplicate defendant id")
        return self


class PPeriod(_Model):
    start: PDate
    end: PDate

    @pydantic.model_validator(mode="after")
    def _order(self) -> PPeriod:
        if self.start > self.end:
            raise ValueError("end is before start")
        return self


class PCaseStatistics(_Model):
    by_offence: dict[Annotated[OffenceType, Lax], PCount] = Field(default_factory=dict)
    total: PFigure = None
    partial: _pnames(OffenceBreakdown) = frozenset()
    overlapping: _pnames(OffenceBreakdown) = frozenset()
    derived: _pnames(CaseFigure) = frozenset()

    @pydantic.model_validator(mode="after")
    def _rules(self) -> PCaseStatistics:
        total, derived = _derive_case_total(self, "total" in self.model_fields_set)
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "derived", derived)
        _check_cases(self)
        return self


class PProsecutionOutcome(_Model):
    defendants: PFigure
    indicted: PFigure
    sentenced: PFigure
    acquitted: PFigure = None
    imprisonment: PFigure = None
    conditional: PFigure = None
    postponed: PFigure = None
    fined: PFigure = None
    derived: _pnames(FunnelFigure) = frozenset()

    @pydantic.model_validator(mode="after")
    def _funnel(self) -> PProsecutionOutcome:
        _check_funnel(self)
        return self


class PVictimStatistics(_Model):
    total: PFigure
    by_sex: dict[Annotated[Sex, Lax], PCount] = Field(default_factory=dict)
    by_age_group: dict[Annotated[AgeGroup, Lax], PCount] = Field(default_factory=dict)
    by_citizenship: dict[Annotated[CitizenshipCategory, Lax], PCount] = Field(
        default_factory=dict
    )
    by_exploitation: dict[Annotated[ExploitationForm, Lax], PCount] = Field(
        default_factory=dict
    )
    by_sex_and_age: dict[Annotated[SexAgeGroup, Lax], PCount] = Field(
        default_factory=dict
    )
    partial: _pnames(VictimBreakdown) = frozenset()
    derived: _pnames(VictimFigure) = frozenset()

    @pydantic.model_validator(mode="after")
    def _sums(self) -> PVictimStatistics:
        _check_victim_statistics(self)
        return self


class PLawEnforcementFigures(_Model):
    year: Annotated[int, Field(ge=1900, le=2100)]
    investigations: PFigure = None
    prosecutions: PFigure = None
    convictions: PFigure = None
    victims_identified: PFigure = None
    labour_investigations: PFigure = None
    labour_prosecutions: PFigure = None
    labour_convictions: PFigure = None
    labour_victims_identified: PFigure = None
    derived: _pnames(FlowFigure) = frozenset()

    @pydantic.model_validator(mode="after")
    def _labour(self) -> PLawEnforcementFigures:
        _check_flows(self)
        return self


class PCountryReport(_Model):
    country: Country
    period: PPeriod
    source: PText
    cases: PCaseStatistics | None = None
    prosecution: PProsecutionOutcome | None = None
    victims: PVictimStatistics | None = None
    tip_tier: Annotated[TipTier, Lax] | None = None
    law_enforcement: Annotated[tuple[PLawEnforcementFigures, ...], Lax] = ()

    @pydantic.model_validator(mode="after")
    def _rules(self) -> PCountryReport:
        _check_report(self)
        return self


# ---------------------------------------------------------------------------
# msgspec, frozen Structs
# ---------------------------------------------------------------------------

MIdentifier = Annotated[str, msgspec.Meta(pattern=IDENTIFIER)]
MText = Annotated[str, msgspec.Meta(pattern=TEXT)]
MCount = Annotated[int, msgspec.Meta(ge=0)]
MFigure = MCount | None


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class MVictim(_Struct, kw_only=True):
    id: MIdentifier
    sex: Sex
    age: Annotated[int, msgspec.Meta(ge=0, le=120)] | None = None
    age_group: AgeGroup
    age_group_at_exploitation: AgeGroup | None = None
    citizenship: frozenset[Country] = frozenset()
    exploitation: frozenset[ExploitationForm]
    identification: IdentificationStatus
    identified_on: dt.date | None = None
    identified_by: MIdentifier | None = None

    def __post_init__(self) -> None:
        _check_victim(self)


class MDefendant(_Struct, kw_only=True):
    id: MIdentifier
    sex: Sex
    indicted: bool
    disposition: Disposition
    sentence_months: Annotated[int, msgspec.Meta(gt=0)] | None = None

    def __post_init__(self) -> None:
        _check_defendant(self)


class MCase(_Struct, kw_only=True):
    id: MIdentifier
    offence: OffenceType
    registered_on: dt.date
    legal_reference: MText | None = None
    victim_ids: frozenset[MIdentifier] = frozenset()
    defendants: tuple[MDefendant, ...] = ()

    def __post_init__(self) -> None:
        if len({d.id for d in self.defendants}) != len(self.defendants):
            raise ValueError("duplicate defendant id")


class MPeriod(_Struct, kw_only=True):
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("end is before start")


class MCaseStatistics(_Struct, kw_only=True):
    by_offence: dict[OffenceType, MCount] = {}
    total: MFigure | msgspec.UnsetType = msgspec.UNSET
    partial: frozenset[OffenceBreakdown] = frozenset()
    overlapping: frozenset[OffenceBreakdown] = frozenset()
    derived: frozenset[CaseFigure] = frozenset()

    def __post_init__(self) -> None:
        total, derived = _derive_case_total(self, self.total is not msgspec.UNSET)
        msgspec.structs.force_setattr(self, "total", total)
        msgspec.structs.force_setattr(self, "derived", derived)
        _check_cases(self)


class MProsecutionOutcome(_Struct, kw_only=True):
    defendants: MFigure
    indicted: MFigure
    sentenced: MFigure
    acquitted: MFigure = None
    imprisonment: MFigure = None
    conditional: MFigure = None
    postponed: MFigure = None
    fined: MFigure = None
    derived: frozenset[FunnelFigure] = frozenset()

    def __post_init__(self) -> None:
        _check_funnel(self)


class MVictimStatistics(_Struct, kw_only=True):
    total: MFigure
    by_sex: dict[Sex, MCount] = {}
    by_age_group: dict[AgeGroup, MCount] = {}
    by_citizenship: dict[CitizenshipCategory, MCount] = {}
    by_exploitation: dict[ExploitationForm, MCount] = {}
    by_sex_and_age: dict[SexAgeGroup, MCount] = {}
    partial: frozenset[VictimBreakdown] = frozenset()
    derived: frozenset[VictimFigure] = frozenset()

    def __post_init__(self) -> None:
        _check_victim_statistics(self)


class MLawEnforcementFigures(_Struct, kw_only=True):
    year: Annotated[int, msgspec.Meta(ge=1900, le=2100)]
    investigations: MFigure = None
    prosecutions: MFigure = None
    convictions: MFigure = None
    victims_identified: MFigure = None
    labour_investigations: MFigure = None
    labour_prosecutions: MFigure = None
    labour_convictions: MFigure = None
    labour_victims_identified: MFigure = None
    derived: frozenset[FlowFigure] = frozenset()

    def __post_init__(self) -> None:
        _check_flows(self)


class MCountryReport(_Struct, kw_only=True):
    country: Country
    period: MPeriod
    source: MText
    cases: MCaseStatistics | None = None
    prosecution: MProsecutionOutcome | None = None
    victims: MVictimStatistics | None = None
    tip_tier: TipTier | None = None
    law_enforcement: tuple[MLawEnforcementFigures, ...] = ()

    def __post_init__(self) -> None:
        _check_report(self)
