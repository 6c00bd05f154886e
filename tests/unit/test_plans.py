"""Periods, money, stakeholders and National Action Plans: every rule both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from trafficking_model import (
    Indicator,
    Measure,
    MeasureStatus,
    Money,
    NationalActionPlan,
    Period,
    Pillar,
    PlanReview,
    ReviewKind,
    Stakeholder,
    StakeholderKind,
)

D = dt.date


def test_period_accepts_ordered_dates_and_single_days() -> None:
    assert Period(start=D(2020, 1, 1), end=D(2020, 1, 1)).contains(D(2020, 1, 1))
    period = Period(start=D(2020, 1, 1), end=D(2024, 12, 31))
    assert period == Period.from_years(2020, 2024)
    assert Period.from_years(2022) == Period(start=D(2022, 1, 1), end=D(2022, 12, 31))
    assert str(period) == "2020-01-01/2024-12-31"
    assert list(period.years) == [2020, 2021, 2022, 2023, 2024]


def test_period_contains() -> None:
    period = Period.from_years(2020, 2021)
    assert period.contains(D(2020, 1, 1))
    assert period.contains(D(2021, 12, 31))
    assert not period.contains(D(2019, 12, 31))
    assert not period.contains(D(2022, 1, 1))
    assert period.contains_period(Period.from_years(2021))
    assert period.contains_period(period)
    assert not period.contains_period(Period.from_years(2021, 2022))
    assert not period.contains_period(Period(start=D(2019, 12, 31), end=D(2020, 6, 1)))


def test_period_rejects_end_before_start(rejects: Any) -> None:
    rejects(
        lambda: Period(start=D(2021, 1, 2), end=D(2021, 1, 1)),
        "period_order",
        "$.end",
        "end 2021-01-01 is before start 2021-01-02",
    )


@pytest.mark.parametrize(
    "value", ["2020-01-01", dt.datetime(2020, 1, 1), 20200101, None]
)
def test_period_rejects_what_is_not_a_date(rejects: Any, value: object) -> None:
    rejects(lambda: Period(start=value, end=D(2021, 1, 1)), "type", "$.start")  # type: ignore[arg-type]


def test_money() -> None:
    assert Money(amount=Decimal(0), currency="USD").amount == 0
    assert str(Money(amount=Decimal("12.50"), currency="AZN")) == "12.50 AZN"


@pytest.mark.parametrize(
    ("amount", "rule"),
    [
        (Decimal("-0.01"), "non_negative"),
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        (12.5, "type"),
        (12, "type"),
        ("12.50", "type"),
    ],
)
def test_money_rejects_bad_amounts(rejects: Any, amount: object, rule: str) -> None:
    rejects(lambda: Money(amount=amount, currency="AZN"), rule, "$.amount")  # type: ignore[arg-type]


@pytest.mark.parametrize("currency", ["azn", "XYZ", "", "AZN ", 944])
def test_money_rejects_what_is_not_a_currency(rejects: Any, currency: object) -> None:
    rule = "type" if not isinstance(currency, str) else "currency_code"
    rejects(lambda: Money(amount=Decimal(1), currency=currency), rule, "$.currency")  # type: ignore[arg-type]


def test_stakeholder() -> None:
    body = Stakeholder(
        id="sbs", name="State Border Service", kind=StakeholderKind.BORDER_SERVICE
    )
    assert body.country is None
    assert body.acronym is None
    assert attrs.evolve(body, country="AZE").country == "AZE"


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"id": ""}, "not_blank", "$.id"),
        ({"id": " sbs"}, "identifier", "$.id"),
        ({"id": 7}, "type", "$.id"),
        ({"name": "   "}, "not_blank", "$.name"),
        ({"kind": "ministry"}, "type", "$.kind"),
        ({"country": "AZ"}, "country_code", "$.country"),
        ({"country": "aze"}, "country_code", "$.country"),
        ({"country": "ZZZ"}, "country_code", "$.country"),
        ({"acronym": ""}, "not_blank", "$.acronym"),
    ],
)
def test_stakeholder_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    fields: dict[str, object] = {
        "id": "sbs",
        "name": "State Border Service",
        "kind": StakeholderKind.BORDER_SERVICE,
    }
    rejects(lambda: Stakeholder(**(fields | changes)), rule, path)  # type: ignore[arg-type]


def test_indicator_numbers() -> None:
    indicator = Indicator(
        id="1", description="Share of cases", unit="percent", baseline=0.5, target=75
    )
    assert (indicator.baseline, indicator.target) == (0.5, 75)
    assert attrs.evolve(indicator, baseline=None, target=None).target is None


@pytest.mark.parametrize(
    ("value", "rule"),
    [(True, "type"), ("7", "type"), (float("nan"), "finite"), (float("inf"), "finite")],
)
def test_indicator_rejects_what_is_not_a_finite_number(
    rejects: Any, value: object, rule: str
) -> None:
    fields: dict[str, Any] = {"id": "1", "description": "d", "unit": "u"}
    rejects(lambda: Indicator(**fields, target=value), rule, "$.target")  # type: ignore[arg-type]
    rejects(lambda: Indicator(**fields, baseline=value), rule, "$.baseline")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["id", "description", "unit"])
def test_indicator_rejects_blank_text(rejects: Any, name: str) -> None:
    fields: dict[str, Any] = {"id": "1", "description": "d", "unit": "u"}
    rejects(lambda: Indicator(**(fields | {name: ""})), "not_blank", f"$.{name}")


def _measure(**changes: Any) -> Measure:
    fields: dict[str, Any] = {
        "id": "M-1",
        "title": "Train labour inspectors",
        "pillar": Pillar.PREVENTION,
        "responsible": frozenset({"labour"}),
        "period": Period.from_years(2021, 2022),
        "status": MeasureStatus.IN_PROGRESS,
    }
    return Measure(**(fields | changes))


def test_measure_defaults_and_budget() -> None:
    measure = _measure(budget=Money(amount=Decimal(100), currency="AZN"))
    assert measure.partners == frozenset()
    assert measure.indicators == ()
    assert measure.budget == Money(amount=Decimal(100), currency="AZN")


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"responsible": frozenset()}, "responsible_required", "$.responsible"),
        ({"responsible": "labour"}, "type", "$.responsible"),
        ({"responsible": {"labour": 1}}, "type", "$.responsible"),
        ({"responsible": frozenset({""})}, "not_blank", "$.responsible"),
        ({"partners": frozenset({3})}, "type", "$.partners"),
        ({"pillar": "prevention"}, "type", "$.pillar"),
        ({"status": "completed"}, "type", "$.status"),
        ({"period": (2021, 2022)}, "type", "$.period"),
        (
            {"indicators": {Indicator(id="1", description="d", unit="u")}},
            "type",
            "$.indicators",
        ),
        ({"indicators": ("x",)}, "type", "$.indicators[0]"),
        (
            {
                "indicators": (
                    Indicator(id="1", description="d", unit="u"),
                    Indicator(id="1", description="e", unit="u"),
                )
            },
            "unique_ids",
            "$.indicators[1].id",
        ),
        ({"budget": Decimal(100)}, "type", "$.budget"),
    ],
)
def test_measure_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    rejects(lambda: _measure(**changes), rule, path)


def _review(**changes: Any) -> PlanReview:
    fields: dict[str, Any] = {
        "date": D(2022, 10, 4),
        "kind": ReviewKind.MID_TERM,
        "participants": frozenset({"labour", "iom"}),
    }
    return PlanReview(**(fields | changes))


@pytest.mark.parametrize(
    ("changes", "rule", "path"),
    [
        ({"date": "2022-10-04"}, "type", "$.date"),
        ({"kind": "mid_term"}, "type", "$.kind"),
        ({"participants": "iom"}, "type", "$.participants"),
        ({"organizer": ""}, "not_blank", "$.organizer"),
        ({"funder": 1}, "type", "$.funder"),
        ({"summary": " "}, "not_blank", "$.summary"),
    ],
)
def test_review_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str
) -> None:
    rejects(lambda: _review(**changes), rule, path)


def test_review_stakeholder_ids() -> None:
    review = _review(organizer="iom", funder="usaid")
    assert review.stakeholder_ids == frozenset({"labour", "iom", "usaid"})


STAKEHOLDERS = (
    Stakeholder(id="labour", name="Ministry of Labour", kind=StakeholderKind.MINISTRY),
    Stakeholder(id="iom", name="IOM", kind=StakeholderKind.INTERNATIONAL_ORGANIZATION),
    Stakeholder(id="usaid", name="USAID", kind=StakeholderKind.DONOR, country="USA"),
)


def _plan(**changes: Any) -> NationalActionPlan:
    fields: dict[str, Any] = {
        "id": "ATA-NAP-1",
        "country": "ATA",
        "title": "Fictional plan",
        "period": Period.from_years(2020, 2024),
        "stakeholders": STAKEHOLDERS,
        "measures": (_measure(partners=frozenset({"iom"})),),
        "reviews": (_review(organizer="iom", funder="usaid"),),
    }
    return NationalActionPlan(**(fields | changes))


def test_plan_accepts_consistent_references() -> None:
    plan = _plan()
    assert plan.stakeholder("iom") == STAKEHOLDERS[1]
    assert plan.stakeholder("nobody") is None
    edge = _measure(period=Period.from_years(2020, 2024))
    assert _plan(measures=(edge,)).measures == (edge,)
    assert _plan(reviews=(_review(date=D(2024, 12, 31)),)).reviews[0].date.year == 2024


@pytest.mark.parametrize(
    ("changes", "rule", "path", "message"),
    [
        ({"country": "QXA"}, "country_code", "$.country", "not an ISO 3166-1"),
        ({"stakeholders": frozenset(STAKEHOLDERS)}, "type", "$.stakeholders", "set"),
        (
            {"stakeholders": (*STAKEHOLDERS, STAKEHOLDERS[0])},
            "unique_ids",
            "$.stakeholders[3].id",
            "duplicate stakeholder id, as at [0]",
        ),
        (
            {"measures": (_measure(), _measure())},
            "unique_ids",
            "$.measures[1].id",
            "duplicate measure id, as at [0]",
        ),
        (
            {"measures": (_measure(responsible=frozenset({"police"})),)},
            "known_stakeholder",
            "$.measures[0].responsible",
            "'police' is not a stakeholder of the plan",
        ),
        (
            {"measures": (_measure(partners=frozenset({"ngo"})),)},
            "known_stakeholder",
            "$.measures[0].partners",
            "'ngo' is not a stakeholder of the plan",
        ),
        (
            {"reviews": (_review(participants=frozenset({"court"})),)},
            "known_stakeholder",
            "$.reviews[0].participants",
            "'court'",
        ),
        (
            {"reviews": (_review(organizer="court"),)},
            "known_stakeholder",
            "$.reviews[0].organizer",
            "'court'",
        ),
        (
            {"reviews": (_review(funder="bank"),)},
            "known_stakeholder",
            "$.reviews[0].funder",
            "'bank'",
        ),
        (
            {"measures": (_measure(period=Period.from_years(2024, 2025)),)},
            "within_plan_period",
            "$.measures[0].period",
            "measure period 2024-01-01/2025-12-31 is outside the plan period",
        ),
        (
            {"reviews": (_review(date=D(2019, 12, 31)),)},
            "within_plan_period",
            "$.reviews[0].date",
            "review date 2019-12-31 is outside the plan period",
        ),
    ],
)
def test_plan_rejects(
    rejects: Any, changes: dict[str, object], rule: str, path: str, message: str
) -> None:
    rejects(lambda: _plan(**changes), rule, path, message)
