"""Mutators that break the rules of plans and of their monitoring."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from trafficking_model.stakeholders import Stakeholder
from trafficking_model.strategies._bases import (
    base,
)
from trafficking_model.strategies._basics import (
    IDENTIFIERS,
    identifiers,
)
from trafficking_model.strategies._draw import (
    BOOLEANS,
    NUMBERS,
    below,
)
from trafficking_model.strategies._money import (
    MONEY,
)
from trafficking_model.strategies._monitoring import (
    MEASURE_STATUSES,
    draw_indicator_observation,
    draw_measure_progress,
    draw_status_observation,
    plan_progress,
)
from trafficking_model.strategies._mutators import (
    EXCESS,
    JSON,
    day_outside,
    drawn,
    duplicate,
    json_of,
    period_of,
    unknown_id,
)
from trafficking_model.strategies._periods import (
    DEFAULT_PERIOD,
    draw_day,
)
from trafficking_model.strategies._plans import (
    measures,
    plan_reviews,
)
from trafficking_model.vocabularies import (
    MeasureStatus,
    ReviewKind,
)


def no_responsible(draw: st.DrawFn, data: JSON) -> str:
    data["responsible"] = []
    return "$.responsible"


def _plan_stakeholder_ids(data: JSON) -> list[str]:
    return [stakeholder["id"] for stakeholder in data["stakeholders"]]


def _plan_review(draw: st.DrawFn, data: JSON) -> JSON:
    return json_of(
        draw(
            plan_reviews(
                stakeholder_ids=_plan_stakeholder_ids(data),
                period=period_of(data["period"]),
            )
        )
    )


def _plan_measure(draw: st.DrawFn, data: JSON) -> JSON:
    known = _plan_stakeholder_ids(data)
    if not known:
        data["stakeholders"].append(json_of(draw(base(Stakeholder))))
        known = _plan_stakeholder_ids(data)
    return json_of(
        draw(measures(stakeholder_ids=known, period=period_of(data["period"])))
    )


def duplicate_plan_part(draw: st.DrawFn, data: JSON) -> str:
    if data["measures"] and draw(st.booleans()):
        return duplicate("measures", _plan_measure)(draw, data)
    return duplicate("stakeholders", drawn(Stakeholder))(draw, data)


def unknown_stakeholder(draw: st.DrawFn, data: JSON) -> str:
    known = set(_plan_stakeholder_ids(data))
    unknown = draw(identifiers())
    while unknown in known:
        unknown += "?"
    if not data["measures"] and not data["reviews"]:
        data["reviews"].append(_plan_review(draw, data))
    targets = [
        (f"measures[{index}]", role)
        for index in range(len(data["measures"]))
        for role in ("responsible", "partners")
    ] + [
        (f"reviews[{index}]", role)
        for index in range(len(data["reviews"]))
        for role in ("participants", "organizer", "funder")
    ]
    where, role = draw(st.sampled_from(targets))
    name, index = where.rstrip("]").split("[")
    part = data[name][int(index)]
    if isinstance(part[role], list):
        part[role] = [*part[role], unknown]
    else:
        part[role] = unknown
    return f"$.{where}.{role}"


def outside_plan_period(draw: st.DrawFn, data: JSON) -> str:
    period = period_of(data["period"])
    if not data["measures"] and not data["reviews"]:
        data["reviews"].append(_plan_review(draw, data))
    targets = [f"measures[{i}]" for i in range(len(data["measures"]))] + [
        f"reviews[{i}]" for i in range(len(data["reviews"]))
    ]
    where = draw(st.sampled_from(targets))
    name, index = where.rstrip("]").split("[")
    part = data[name][int(index)]
    day = day_outside(draw, period)
    if name == "reviews":
        part["date"] = day.isoformat()
        part["progress"] = None  # a snapshot is of the review's own day
        if day > period.end:  # only a final review or an evaluation comes after
            part["kind"] = draw(
                st.sampled_from([ReviewKind.MID_TERM.value, ReviewKind.ANNUAL.value])
            )
        return f"$.{where}.date"
    own = period_of(part["period"])
    if day < period.start:
        part["period"]["start"] = day.isoformat()
    else:
        part["period"]["end"] = max(day, own.start).isoformat()
    return f"$.{where}.period"


def _some_measure(draw: st.DrawFn, data: JSON) -> JSON:
    """A measure of the plan in `data`, added if it has none."""
    if not data["measures"]:
        data["measures"].append(_plan_measure(draw, data))
    measure: JSON = draw(st.sampled_from(data["measures"]))
    return measure


def unknown_objective(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    index = data["measures"].index(measure)
    measure["objective"] = unknown_id(draw, [o["id"] for o in data["objectives"]])
    return f"$.measures[{index}].objective"


def _day_in_plan(draw: st.DrawFn, data: JSON) -> str:
    return draw_day(draw, period_of(data["period"])).isoformat()


def unknown_measure(draw: st.DrawFn, data: JSON) -> str:
    unknown = unknown_id(draw, [m["id"] for m in data["measures"]])
    observations = data["status_observations"]
    observations.append(
        json_of(draw_status_observation(draw, unknown, dt.date(2000, 1, 1)))
    )
    observations[-1]["date"] = _day_in_plan(draw, data)
    return f"$.status_observations[{len(observations) - 1}].measure"


def unknown_indicator(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    unknown = unknown_id(draw, [i["id"] for i in measure["indicators"]])
    observations = data["indicator_observations"]
    observation = json_of(
        draw_indicator_observation(draw, measure["id"], unknown, dt.date(2000, 1, 1))
    )
    observation["date"] = _day_in_plan(draw, data)
    observations.append(observation)
    return f"$.indicator_observations[{len(observations) - 1}].indicator"


def observed_twice(draw: st.DrawFn, data: JSON) -> str:
    measure = _some_measure(draw, data)
    observations = data["status_observations"]
    first = json_of(draw_status_observation(draw, measure["id"], dt.date(2000, 1, 1)))
    first["date"] = _day_in_plan(draw, data)
    second = json_of(draw_status_observation(draw, measure["id"], dt.date(2000, 1, 1)))
    second["date"] = first["date"]
    observations.extend([first, second])
    return f"$.status_observations[{len(observations) - 1}].date"


def _later(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def snapshot_on_another_day(draw: st.DrawFn, data: JSON) -> str:
    days = draw(EXCESS)
    if data["progress"] is None:
        data["progress"] = json_of(
            draw(plan_progress(as_of=dt.date.fromisoformat(data["date"])))
        )
    data["progress"]["as_of"] = _later(data["progress"]["as_of"], days)
    return "$.progress.as_of"


def observed_after(draw: st.DrawFn, data: JSON) -> str:
    as_of = dt.date.fromisoformat(data["as_of"])
    after = as_of + dt.timedelta(days=draw(EXCESS))
    if not data["measures"] or after > DEFAULT_PERIOD.end:
        data["as_of"] = min(as_of, dt.date(2099, 1, 1)).isoformat()
        after = dt.date.fromisoformat(data["as_of"]) + dt.timedelta(days=1)
        ids = [measure["id"] for measure in data["measures"]]
        measure = json_of(
            draw_measure_progress(draw, unknown_id(draw, ids), DEFAULT_PERIOD.start)
        )
        data["measures"].append(measure)
    index = below(draw, len(data["measures"]) - 1)
    measure = data["measures"][index]
    if measure["indicators"] and draw(BOOLEANS):
        inner = below(draw, len(measure["indicators"]) - 1)
        indicator = measure["indicators"][inner]
        indicator["observed_on"] = after.isoformat()
        indicator["value"] = 1 if indicator["value"] is None else indicator["value"]
        return f"$.measures[{index}].indicators[{inner}].observed_on"
    measure["status_since"] = after.isoformat()
    measure["status"] = measure["status"] or MeasureStatus.IN_PROGRESS.value
    return f"$.measures[{index}].status_since"


def two_amounts_in_a_currency(draw: st.DrawFn, data: JSON) -> str:
    name = draw(st.sampled_from(["allocated", "spent"]))
    amount = json_of(draw(MONEY))
    data[name] = [*data[name], amount, amount]
    return f"$.{name}"


def progress_twin(draw: st.DrawFn, data: JSON) -> JSON:
    return json_of(
        draw_measure_progress(
            draw, draw(IDENTIFIERS), dt.date.fromisoformat(data["as_of"])
        )
    )


def status_without_day(draw: st.DrawFn, data: JSON) -> str:
    data["status"] = draw(MEASURE_STATUSES).value
    data["status_since"] = None
    return "$.status_since"


def value_without_day(draw: st.DrawFn, data: JSON) -> str:
    data["value"] = draw(NUMBERS)
    data["observed_on"] = None
    return "$.observed_on"


def later_before_earlier(draw: st.DrawFn, data: JSON) -> str:
    latest = max(data["earlier"]["as_of"], data["later"]["as_of"])
    data["earlier"]["as_of"] = _later(latest, draw(EXCESS))
    return "$.later"
