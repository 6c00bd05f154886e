"""Deterministic, realistic records for the benchmark, built with the model itself."""

from __future__ import annotations

import datetime as dt
import random

import trafficking_model as tm

COUNTRIES = ["AZE", "GEO", "RUS", "TUR", "IRN", "UKR", "UZB", "KAZ", "ARE", "IND"]
AGENCIES = [f"agency-{number:02d}" for number in range(20)]
FORMS = list(tm.ExploitationForm)
DISPOSITIONS = list(tm.Disposition)


def _day(rng: random.Random) -> dt.date:
    return dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))


def _citizenship(code: str | None) -> frozenset[str]:
    """One citizenship, or none when unknown: the same draws as before the set."""
    return frozenset() if code is None else frozenset({code})


def victims(count: int, seed: int = 1) -> list[tm.Victim]:
    """Victim records shaped like a national register: most with one form."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        age = rng.randint(0, 70) if rng.random() < 0.7 else None
        if age is None:
            group = rng.choice(list(tm.AgeGroup))
        else:
            group = tm.AgeGroup.CHILD if age < tm.ADULT_AGE else tm.AgeGroup.ADULT
        forms = 1 if rng.random() < 0.85 else 2
        records.append(
            tm.Victim(
                id=f"V-{number:07d}",
                sex=tm.Sex.FEMALE if rng.random() < 0.8 else tm.Sex.MALE,
                age=age,
                age_group=group,
                citizenship=_citizenship(rng.choice([*COUNTRIES, None])),
                exploitation=frozenset(rng.sample(FORMS, forms)),
                identification=rng.choice(list(tm.IdentificationStatus)),
                identified_on=_day(rng) if rng.random() < 0.9 else None,
                identified_by=rng.choice(AGENCIES) if rng.random() < 0.8 else None,
            )
        )
    return records


def _defendant(rng: random.Random, number: int) -> tm.Defendant:
    disposition = rng.choice(DISPOSITIONS)
    return tm.Defendant(
        id=f"D-{number}",
        sex=tm.Sex.MALE if rng.random() < 0.7 else tm.Sex.FEMALE,
        indicted=disposition.requires_indictment or rng.random() < 0.5,
        disposition=disposition,
        sentence_months=rng.randint(12, 180)
        if disposition is tm.Disposition.IMPRISONMENT
        else None,
    )


def cases(count: int, seed: int = 2) -> list[tm.Case]:
    """Criminal cases with one to three victims and one to three defendants."""
    rng = random.Random(seed)
    return [
        tm.Case(
            id=f"C-{number:07d}",
            offence=rng.choice(list(tm.OffenceType)),
            registered_on=_day(rng),
            legal_reference="Article 144-1" if rng.random() < 0.5 else None,
            victim_ids=frozenset(
                f"V-{rng.randrange(10**7):07d}" for _ in range(rng.randint(1, 3))
            ),
            defendants=tuple(
                _defendant(rng, d) for d in range(1, rng.randint(1, 3) + 1)
            ),
        )
        for number in range(count)
    ]


def _split(rng: random.Random, total: int, members: list[object]) -> dict[object, int]:
    cuts = sorted(rng.randint(0, total) for _ in range(len(members) - 1))
    shares = [high - low for low, high in zip([0, *cuts], [*cuts, total], strict=True)]
    return {
        member: share for member, share in zip(members, shares, strict=True) if share
    }


def _case_statistics(by_offence: dict[object, int]) -> tm.CaseStatistics:
    """Case counts with the total stated, as the source gives it: exact, not derived."""
    return tm.CaseStatistics(by_offence=by_offence, total=sum(by_offence.values()))


def reports(count: int, seed: int = 3) -> list[tm.CountryReport]:
    """Country reports with every breakdown and two years of figures.

    Every figure is an exact int, and every figure the report had before
    published figures (issue 10) is stated: the acquitted, postponed and fined
    counts as 0 (they now default to not reported) and the case total (it is
    now derived, and marked so, when left out). So the JSON carries the same
    numbers as before, plus empty `derived`, `partial` and `overlapping` arrays.
    """
    rng = random.Random(seed)
    records = []
    for _ in range(count):
        first = rng.randint(2010, 2022)
        total = rng.randint(0, 500)
        defendants = rng.randint(0, 100)
        indicted = rng.randint(0, defendants)
        sentenced = rng.randint(0, indicted)
        imprisonment = rng.randint(0, sentenced)
        figures = []
        for year in (first, first + 1):
            investigations = rng.randint(0, 200)
            figures.append(
                tm.LawEnforcementFigures(
                    year=year,
                    investigations=investigations,
                    prosecutions=rng.randint(0, 200),
                    convictions=rng.randint(0, 200),
                    victims_identified=rng.randint(0, 500),
                    labour_investigations=rng.randint(0, investigations),
                )
            )
        records.append(
            tm.CountryReport(
                country=rng.choice(COUNTRIES),
                period=tm.Period.from_years(first, first + 1),
                source="Annual report of the national coordinator",
                cases=_case_statistics(
                    _split(rng, rng.randint(0, 400), list(tm.OffenceType))
                ),
                prosecution=tm.ProsecutionOutcome(
                    defendants=defendants,
                    indicted=indicted,
                    sentenced=sentenced,
                    imprisonment=imprisonment,
                    conditional=sentenced - imprisonment,
                    acquitted=0,
                    postponed=0,
                    fined=0,
                ),
                victims=tm.VictimStatistics(
                    total=total,
                    by_sex=_split(rng, total, list(tm.Sex)[:2]),
                    by_age_group=_split(rng, total, list(tm.AgeGroup)[:2]),
                    by_citizenship=_split(rng, total, list(tm.CitizenshipCategory)[:2]),
                    by_exploitation=_split(rng, total, FORMS[:3]),
                ),
                tip_tier=rng.choice(list(tm.TipTier)),
                law_enforcement=tuple(figures),
            )
        )
    return records
