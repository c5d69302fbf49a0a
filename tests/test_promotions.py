"""A process added in one file: promotions, through the world's `change_position` verb.

`Promotions` below is the whole process: it owns its state, acts on the world only
through its verbs (`change_position`, `book`) and plugs into a model with
`WorkforceModel.add_process`. No file of the model changes to add it.
"""

from __future__ import annotations

import numpy as np
import pytest

from model import WorkforceModel
from model.core.vocab import POSITION_INDEX, ExitReason
from model.processes.base import Process

JUNIOR, MIDDLE = POSITION_INDEX["functional_junior"], POSITION_INDEX["functional_middle"]
ADMIN = POSITION_INDEX["administrative"]
RETIRED = list(ExitReason).index(ExitReason.retirement)


class Promotions(Process):
    """Each January, junior functional PNS with `years` of service become middle ones.

    A middle functional position retires at 60 instead of 58 (PP 11/2017), so a
    promotion postpones the person's retirement: `change_position` reschedules it.
    """

    name = "promotions"

    def __init__(self, years: int = 8) -> None:
        self.years = years
        self.promoted: list[np.ndarray] = []  # the rows promoted, per January

    def step(self, world) -> None:
        """Promote at the year's first month; book the flow every month."""
        rows = np.empty(0, np.int64)
        if world.calendar_month == 1:
            E = world.employees
            rows = np.flatnonzero(E.active & (E.position == JUNIOR) & (E.employment == 0)
                                  & (world.now - E.hire_at >= self.years * 12))
            world.change_position(rows, "functional_middle")
            self.promoted.append(rows)
        world.book("new_promotions", rows.size)


def small(**overrides) -> WorkforceModel:
    """Three years of a small region where nobody leaves except at retirement."""
    return WorkforceModel("kotalama", **{"region.target_staff": 400, "years": 3,
                                         "demography.exit_hazard_scale": 0.0, **overrides})


def pns(m: WorkforceModel, position: int, first: int, last: int) -> int:
    """An active PNS of `position` whose retirement falls in run months first..last."""
    E, start = m.employees, m.world.start
    rows = np.flatnonzero(E.active & (E.position == position) & (E.employment == 0)
                          & (E.retire_at >= start + first - 1) & (E.retire_at <= start + last - 1))
    assert rows.size, "the region has nobody retiring then"
    return int(rows[0])


def run_to(m: WorkforceModel, absolute_month: int) -> None:
    while m.now < absolute_month:
        m.step()


@pytest.mark.parametrize("before, after, months", [
    (JUNIOR, MIDDLE, 24),   # BUP 58 -> 60: retires two years later
    (MIDDLE, ADMIN, -24),   # BUP 60 -> 58: retires two years earlier
])
def test_a_position_change_reschedules_retirement(before, after, months):
    m = small()
    E, world = m.employees, m.world
    window = (2, 11) if months > 0 else (26, 35)
    row = pns(m, before, *window)
    old = int(E.retire_at[row])
    world.change_position(np.array([row]), after)
    new = int(E.retire_at[row])
    assert E.position[row] == after and new == old + months
    assert new == E.birth[row] + world.bup_by_position[after] * 12 + 1
    run_to(m, min(old, new) - 1)
    assert E.active[row]  # the month before either date
    run_to(m, min(old, new))
    if months > 0:
        assert E.active[row], "retired at the old position's BUP"
    run_to(m, new)
    assert not E.active[row] and E.exit_at[row] == new and E.exit_reason[row] == RETIRED
    m.run()  # an old entry left on the calendar retires nobody twice
    assert m.timeseries()["new_retirements"].sum() == np.count_nonzero(E.exit_reason == RETIRED)


def test_a_pppk_contract_keeps_its_end_and_never_outlasts_the_new_retirement():
    """A later BUP does not lengthen a PPPK's contract (renewal decides at its end); an
    earlier BUP cuts a contract that would outlast it."""
    m = small()
    E, world = m.employees, m.world
    pppk = np.flatnonzero(E.active & (E.employment == 1))
    assert pppk.size >= 2
    capped = pppk[E.contract_end[pppk] == E.retire_at[pppk]]
    assert capped.size, "the region has no contract capped at retirement"
    up, down = int(capped[0]), int(pppk[pppk != capped[0]][0])
    end_up = int(E.contract_end[up])
    world.change_position(np.array([up]), "functional_middle")  # BUP 60: later or the same
    assert E.contract_end[up] == end_up <= E.retire_at[up]
    world.change_position(np.array([down]), "functional_middle")  # BUP 60 ...
    E.contract_end[down] = E.retire_at[down]  # ... with a contract running to it
    world.change_position(np.array([down]), "administrative")  # BUP 58: two years earlier
    assert E.contract_end[down] == E.retire_at[down]
    assert E.retire_at[down] == E.birth[down] + world.bup_by_position[ADMIN] * 12 + 1
    assert np.all(E.contract_end[pppk] <= E.retire_at[pppk])


def test_a_promotions_process_plugs_into_the_model():
    m = small()
    promotions = Promotions()
    m.add_process(promotions, after="demography")
    assert [p.name for p in m.processes][:3] == ["demography", "promotions", "demand"]
    E, start = m.employees, m.world.start
    old_retire = E.retire_at.copy()
    m.run()
    assert len(promotions.promoted) == 3  # one January a year
    promoted = np.concatenate(promotions.promoted)
    assert promoted.size > 0 and (E.position[promoted] == MIDDLE).all()
    bup = m.world.bup_by_position[MIDDLE]
    assert (E.retire_at[promoted] == E.birth[promoted] + bup * 12 + 1).all()
    # those who would have retired at 58 within the run did not; they serve on
    postponed = promoted[old_retire[promoted] < start + 36]
    assert postponed.size > 0
    retired_early = E.exit_reason[postponed] == RETIRED
    assert (E.exit_at[postponed][retired_early] >= E.retire_at[postponed][retired_early]).all()
    assert E.active[postponed[E.retire_at[postponed] > m.now]].all()
    with pytest.raises(ValueError, match="no process named 'hiring'"):
        m.add_process(Promotions(), after="hiring")
