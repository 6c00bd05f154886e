"""A downstream project's mistakes: mypy must report each, with this error code.

``scripts/check_downstream_types.py`` type-checks this file against the wheel
installed in a fresh environment. Every line marked ``# error: CODE`` must get
exactly that error, and no other line any error: the package's types must catch
what its annotations promise, not be read as ``Any``.
"""

from __future__ import annotations

import trafficking_model as tm

outcome = tm.ProsecutionOutcome(defendants=35, indicted=28, sentenced=28)
label: str = outcome.indicted  # error: assignment
tm.ProsecutionOutcome(defendants="35", indicted=28, sentenced=28)  # error: arg-type
tm.ProsecutionOutcome(defendants=35, indicted=28, convicted=28)  # error: call-arg
outcome.indicted = 29  # error: misc
tm.examples.azerbaijan_report_2021()  # error: attr-defined
tm.Count.parse(5)  # error: arg-type
tm.VictimStatistics(total=3, by_sex={"female": 3})  # error: dict-item
tm.Victim(
    id="V-1",
    sex=tm.Sex.FEMALE,
    age_group=tm.AgeGroup.ADULT,
    exploitation="sexual",  # error: arg-type
    identification=tm.IdentificationStatus.PRESUMED,
)
