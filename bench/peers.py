"""The same schema and the same rules in pydantic v2 and in msgspec, for comparison.

Every rule of the trafficking-model classes is stated here too: types, bounds,
identifiers without surrounding whitespace, non-blank text, ISO country codes,
unknown keys refused, and each class's rules across fields. Where a rule cannot
be declared, it is checked in Python after the fields, as the model does.

One concession to pydantic: its strict mode refuses, in Python data, a string
for a date or an enum and a list for a set or a tuple, so those fields are lax.
Lax, pydantic also takes some other forms (a date from a Unix time, say), so it
does a little less checking there than the others.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

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
    TipTier,
)
from trafficking_model._validation import COUNTRY_CODES
from trafficking_model.vocabularies import CitizenshipCategory

IDENTIFIER = r"^\S(?:[\s\S]*\S)?$"
TEXT = r"\S"
Country = Literal[tuple(sorted(COUNTRY_CODES))]  # type: ignore[valid-type]

# ---------------------------------------------------------------------------
# pydantic v2, frozen models
# ---------------------------------------------------------------------------

Lax = Strict(False)
PIdentifier = Annotated[str, StringConstraints(pattern=IDENTIFIER)]
PText = Annotated[str, StringConstraints(pattern=TEXT)]
PCount = Annotated[int, Field(ge=0)]
PDate = Annotated[dt.date, Lax]


class _Model(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, strict=True, extra="forbid")


class PVictim(_Model):
    id: PIdentifier
    sex: Annotated[Sex, Lax]
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    age_group: Annotated[AgeGroup, Lax]
    citizenship: Country | None = None
    exploitation: Annotated[
        frozenset[Annotated[ExploitationForm, Lax]], Lax, Field(min_length=1)
    ]
    identification: Annotated[IdentificationStatus, Lax]
    identified_on: PDate | None = None
    identified_by: PIdentifier | None = None

    @pydantic.model_validator(mode="after")
    def _age_matches_group(self) -> PVictim:
        if self.age is not None:
            expected = AgeGroup.CHILD if self.age < 18 else AgeGroup.ADULT
            if self.age_group is not expected:
                raise ValueError("age does not match age_group")
        return self


class PDefendant(_Model):
    id: PIdentifier
    sex: Annotated[Sex, Lax]
    indicted: bool
    disposition: Annotated[Disposition, Lax]
    sentence_months: Annotated[int, Field(gt=0)] | None = None

    @pydantic.model_validator(mode="after")
    def _disposition_rules(self) -> PDefendant:
        if not self.indicted and self.disposition.requires_indictment:
            raise ValueError("disposition requires an indicted defendant")
        imprisoned = self.disposition is Disposition.IMPRISONMENT
        if imprisoned != (self.sentence_months is not None):
            raise ValueError("sentence_months goes with imprisonment only")
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
    total: PCount | None = None

    @pydantic.model_validator(mode="before")
    @classmethod
    def _default_total(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("total") is None:
            counts = data.get("by_offence") or {}
            if all(type(count) is int for count in counts.values()):
                data = {**data, "total": sum(counts.values())}
        return data

    @pydantic.model_validator(mode="after")
    def _sum(self) -> PCaseStatistics:
        if self.by_offence and sum(self.by_offence.values()) != self.total:
            raise ValueError("counts do not sum to the total")
        return self


class PProsecutionOutcome(_Model):
    defendants: PCount
    indicted: PCount
    sentenced: PCount
    acquitted: PCount = 0
    imprisonment: PCount = 0
    conditional: PCount = 0
    postponed: PCount = 0
    fined: PCount = 0

    @pydantic.model_validator(mode="after")
    def _funnel(self) -> PProsecutionOutcome:
        if self.indicted > self.defendants:
            raise ValueError("indicted exceeds defendants")
        if self.sentenced + self.acquitted > self.indicted:
            raise ValueError("sentenced + acquitted exceeds indicted")
        split = self.imprisonment + self.conditional + self.postponed + self.fined
        if split > self.sentenced:
            raise ValueError("the split exceeds sentenced")
        return self


class PVictimStatistics(_Model):
    total: PCount
    by_sex: dict[Annotated[Sex, Lax], PCount] = Field(default_factory=dict)
    by_age_group: dict[Annotated[AgeGroup, Lax], PCount] = Field(default_factory=dict)
    by_citizenship: dict[Annotated[CitizenshipCategory, Lax], PCount] = Field(
        default_factory=dict
    )
    by_exploitation: dict[Annotated[ExploitationForm, Lax], PCount] = Field(
        default_factory=dict
    )

    @pydantic.model_validator(mode="after")
    def _sums(self) -> PVictimStatistics:
        for counts in (self.by_sex, self.by_age_group, self.by_citizenship):
            if counts and sum(counts.values()) != self.total:
                raise ValueError("a breakdown does not sum to the total")
        forms = self.by_exploitation
        if any(count > self.total for count in forms.values()):
            raise ValueError("a form exceeds the total")
        if forms and sum(forms.values()) < self.total:
            raise ValueError("forms sum to less than the total")
        return self


class PLawEnforcementFigures(_Model):
    year: Annotated[int, Field(ge=1900, le=2100)]
    investigations: PCount
    prosecutions: PCount
    convictions: PCount
    victims_identified: PCount
    labour_investigations: PCount | None = None
    labour_prosecutions: PCount | None = None
    labour_convictions: PCount | None = None
    labour_victims_identified: PCount | None = None

    @pydantic.model_validator(mode="after")
    def _labour(self) -> PLawEnforcementFigures:
        for name in ("investigations", "prosecutions", "convictions"):
            labour = getattr(self, f"labour_{name}")
            if labour is not None and labour > getattr(self, name):
                raise ValueError("a labour figure exceeds its total")
        labour = self.labour_victims_identified
        if labour is not None and labour > self.victims_identified:
            raise ValueError("a labour figure exceeds its total")
        return self


class PCountryReport(_Model):
    country: Country
    period: PPeriod
    source: PText
    cases: PCaseStatistics
    prosecution: PProsecutionOutcome
    victims: PVictimStatistics
    tip_tier: Annotated[TipTier, Lax] | None = None
    law_enforcement: Annotated[tuple[PLawEnforcementFigures, ...], Lax] = ()

    @pydantic.model_validator(mode="after")
    def _years(self) -> PCountryReport:
        years = [figures.year for figures in self.law_enforcement]
        if len(set(years)) != len(years):
            raise ValueError("a year repeats")
        if any(not self.period.start.year <= y <= self.period.end.year for y in years):
            raise ValueError("a year is outside the period")
        return self


# ---------------------------------------------------------------------------
# msgspec, frozen Structs
# ---------------------------------------------------------------------------

MIdentifier = Annotated[str, msgspec.Meta(pattern=IDENTIFIER)]
MText = Annotated[str, msgspec.Meta(pattern=TEXT)]
MCount = Annotated[int, msgspec.Meta(ge=0)]


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class MVictim(_Struct, kw_only=True):
    id: MIdentifier
    sex: Sex
    age: Annotated[int, msgspec.Meta(ge=0, le=120)] | None = None
    age_group: AgeGroup
    citizenship: Country | None = None
    exploitation: Annotated[frozenset[ExploitationForm], msgspec.Meta(min_length=1)]
    identification: IdentificationStatus
    identified_on: dt.date | None = None
    identified_by: MIdentifier | None = None

    def __post_init__(self) -> None:
        if self.age is not None:
            expected = AgeGroup.CHILD if self.age < 18 else AgeGroup.ADULT
            if self.age_group is not expected:
                raise ValueError("age does not match age_group")


class MDefendant(_Struct, kw_only=True):
    id: MIdentifier
    sex: Sex
    indicted: bool
    disposition: Disposition
    sentence_months: Annotated[int, msgspec.Meta(gt=0)] | None = None

    def __post_init__(self) -> None:
        if not self.indicted and self.disposition.requires_indictment:
            raise ValueError("disposition requires an indicted defendant")
        imprisoned = self.disposition is Disposition.IMPRISONMENT
        if imprisoned != (self.sentence_months is not None):
            raise ValueError("sentence_months goes with imprisonment only")


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
    total: MCount | None = None

    def __post_init__(self) -> None:
        given = sum(self.by_offence.values())
        if self.total is None:
            msgspec.structs.force_setattr(self, "total", given)
        elif self.by_offence and given != self.total:
            raise ValueError("counts do not sum to the total")


class MProsecutionOutcome(_Struct, kw_only=True):
    defendants: MCount
    indicted: MCount
    sentenced: MCount
    acquitted: MCount = 0
    imprisonment: MCount = 0
    conditional: MCount = 0
    postponed: MCount = 0
    fined: MCount = 0

    def __post_init__(self) -> None:
        if self.indicted > self.defendants:
            raise ValueError("indicted exceeds defendants")
        if self.sentenced + self.acquitted > self.indicted:
            raise ValueError("sentenced + acquitted exceeds indicted")
        split = self.imprisonment + self.conditional + self.postponed + self.fined
        if split > self.sentenced:
            raise ValueError("the split exceeds sentenced")


class MVictimStatistics(_Struct, kw_only=True):
    total: MCount
    by_sex: dict[Sex, MCount] = {}
    by_age_group: dict[AgeGroup, MCount] = {}
    by_citizenship: dict[CitizenshipCategory, MCount] = {}
    by_exploitation: dict[ExploitationForm, MCount] = {}

    def __post_init__(self) -> None:
        for counts in (self.by_sex, self.by_age_group, self.by_citizenship):
            if counts and sum(counts.values()) != self.total:
                raise ValueError("a breakdown does not sum to the total")
        forms = self.by_exploitation
        if any(count > self.total for count in forms.values()):
            raise ValueError("a form exceeds the total")
        if forms and sum(forms.values()) < self.total:
            raise ValueError("forms sum to less than the total")


class MLawEnforcementFigures(_Struct, kw_only=True):
    year: Annotated[int, msgspec.Meta(ge=1900, le=2100)]
    investigations: MCount
    prosecutions: MCount
    convictions: MCount
    victims_identified: MCount
    labour_investigations: MCount | None = None
    labour_prosecutions: MCount | None = None
    labour_convictions: MCount | None = None
    labour_victims_identified: MCount | None = None

    def __post_init__(self) -> None:
        for name in ("investigations", "prosecutions", "convictions"):
            labour = getattr(self, f"labour_{name}")
            if labour is not None and labour > getattr(self, name):
                raise ValueError("a labour figure exceeds its total")
        labour = self.labour_victims_identified
        if labour is not None and labour > self.victims_identified:
            raise ValueError("a labour figure exceeds its total")


class MCountryReport(_Struct, kw_only=True):
    country: Country
    period: MPeriod
    source: MText
    cases: MCaseStatistics
    prosecution: MProsecutionOutcome
    victims: MVictimStatistics
    tip_tier: TipTier | None = None
    law_enforcement: tuple[MLawEnforcementFigures, ...] = ()

    def __post_init__(self) -> None:
        years = [figures.year for figures in self.law_enforcement]
        if len(set(years)) != len(years):
            raise ValueError("a year repeats")
        if any(not self.period.start.year <= y <= self.period.end.year for y in years):
            raise ValueError("a year is outside the period")
