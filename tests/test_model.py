"""Functional tests of the whole model: conservation, determinism, CRN, directions, Mesa."""

from __future__ import annotations

from functools import partial

import mesa
import numpy as np
import pytest

from model import WorkforceModel
from model.core.rng import replication_seeds
from model.core.vocab import EXIT_REASONS
from model.experiments.experiment import run_one
from model.reporting.outputs import write_csv
from model.scenario.loading import load_scenario
from model.simulation.agents import Employee, Unit


@pytest.fixture(scope="module")
def run3(small_overrides):
    m = WorkforceModel(rng=11, **small_overrides)
    retired_late = []
    while m.running:
        m.step()
        E = m.employees
        # nobody is active in or after their retirement month
        retired_late.append(int(np.count_nonzero(E.active & (E.retire_at <= m.now))))
    return m, retired_late


def test_stock_flow_conservation_every_month(run3):
    m, _ = run3
    ts = m.timeseries()
    n = ts["n_active"].to_numpy()
    inflow = ts["new_recruits"].to_numpy()[1:]
    outflow = (ts["new_retirements"] + ts["new_exits"]).to_numpy()[1:]
    assert np.array_equal(n[1:], n[:-1] + inflow - outflow)
    assert ts["new_retirements"].sum() > 0 and ts["new_recruits"].sum() > 0
    assert ts["new_exits"].sum() > 0


def test_nobody_active_past_retirement(run3):
    m, late = run3
    assert late == [0] * len(late)
    E = m.employees
    retired = E.exit_reason == EXIT_REASONS.index("retirement")
    assert (E.exit_at[retired] == E.retire_at[retired]).all()
    # the retirement month is the first month after the BUP birthday month
    bup = m.world.bup_by_position[E.position[retired]]
    assert (E.retire_at[retired] == E.birth[retired] + bup * 12 + 1).all()


def test_agents_are_views_over_the_columns(run3):
    m, _ = run3
    employees = m.agents_by_type[Employee]
    units = m.agents_by_type[Unit]
    assert len(employees) == m.current["n_active"]
    assert len(units) == m.units.n
    e = next(iter(employees))
    assert e.active and e.unit.row == m.employees.unit[e.row]
    e.morale = 0.25
    assert m.employees.morale[e.row] == pytest.approx(0.25)
    assert e.occupation in ("teacher_primary", "teacher_secondary", "doctor", "nurse",
                            "midwife", "health_technician", "engineer", "transport_officer",
                            "finance_officer", "admin")
    assert 18 < e.age_years < 66


def test_structural_agent_attributes_are_read_only(run3):
    m, _ = run3
    e = next(iter(m.agents_by_type[Employee]))
    for name in ("unit_row", "role", "active", "productivity"):
        with pytest.raises(AttributeError):
            setattr(e, name, 0)


def test_large_regions_create_agents_lazily():
    m = WorkforceModel(**{"region.target_staff": 1500, "years": 1, "agent_views": "lazy"})
    assert m._employee_agents is None
    m.step()
    assert len(m.agents_by_type[Employee]) == m.current["n_active"]


def test_datacollector_exposes_monthly_metrics(run3):
    m, _ = run3
    df = m.datacollector.get_model_vars_dataframe()
    assert len(df) == m.world.horizon + 1
    assert {"n_active", "unmet_hours", "mean_productivity"} <= set(df.columns)


def test_the_datacollector_holds_what_its_reporters_would_have_collected():
    """The month keeps a record; Mesa's DataCollector is filled from the records when read.
    Its frame and collection times equal a DataCollector collected every month, also
    when it is read in the middle of a run (as the dashboard does)."""
    import mesa
    import pandas as pd

    from model.simulation import metrics
    from model.simulation.model import _report

    m = WorkforceModel("kotalama", **{"region.target_staff": 600, "years": 1})
    reporters = {k: partial(_report, key=k) for k in metrics.METRICS}
    every_month = mesa.DataCollector(model_reporters=reporters)
    every_month.collect(m)
    for month in range(12):
        m.step()
        every_month.collect(m)
        if month == 4:
            assert len(m.datacollector.get_model_vars_dataframe()) == 6  # read mid-run
    got = m.datacollector
    pd.testing.assert_frame_equal(got.get_model_vars_dataframe(),
                                  every_month.get_model_vars_dataframe())
    assert got._collection_steps == every_month._collection_steps
    assert m.timeseries()["month"].tolist() == list(range(13))



def test_the_kept_needs_maps_are_the_needs_tables_of_their_months():
    """A run keeps its yearly needs maps as numbers and names units and roles once at
    the end: the table equals the needs table read at month 0 and each year's end."""
    import pandas as pd

    m = WorkforceModel("kotalama", rng=5, **{"region.target_staff": 600, "years": 2})
    tables = [m.needs_table()]
    while m.running:
        m.step()
        if m.world.month % 12 == 0:
            tables.append(m.needs_table())
    assert len(m.unit_snapshots) == 3
    pd.testing.assert_frame_equal(m.needs_maps(), pd.concat(tables, ignore_index=True),
                                  check_exact=True)
    assert m.needs_maps()["month"].unique().tolist() == [0, 12, 24]
    quiet = WorkforceModel("kotalama", record_units=False, **{"region.target_staff": 600,
                                                              "years": 1}).run()
    empty = quiet.needs_maps()
    assert empty.empty and list(empty.columns) == list(tables[0].columns)

def _csv_bytes(tmp_path, seed: int, **overrides) -> bytes:
    scenario = load_scenario("default", {"region.target_staff": 1500, "years": 2, **overrides})
    res = run_one(scenario, 0, seed)
    path = tmp_path / f"ts-{seed}-{len(overrides)}.csv"
    write_csv(res.timeseries, path)
    return path.read_bytes()


def test_same_seed_gives_identical_files_and_different_seeds_differ(tmp_path):
    a = _csv_bytes(tmp_path, 3)
    b = _csv_bytes(tmp_path, 3)
    c = _csv_bytes(tmp_path, 4)
    assert a == b
    assert a != c


def _leavers(rate: float, seed: int = 5, years: int = 3):
    m = WorkforceModel(rng=seed, **{"region.target_staff": 1500, "years": years,
                                    "recruitment.replacement_rate": rate})
    n0 = m.employees.n
    m.run()
    E = m.employees
    reason = E.exit_reason[:n0]
    retired = set(np.flatnonzero(reason == EXIT_REASONS.index("retirement")).tolist())
    exited = set(np.flatnonzero(reason == EXIT_REASONS.index("exit")).tolist())
    return m, retired, exited


def test_common_random_numbers_across_recruitment_quotas():
    m_low, retired_low, exit_low = _leavers(0.3)
    m_high, retired_high, exit_high = _leavers(1.5)
    # the quotas really differ ...
    assert (m_high.timeseries()["new_recruits"].sum()
            > 2 * m_low.timeseries()["new_recruits"].sum())
    # ... yet the same employees retire (unless they left earlier in one of the runs),
    # and exits are almost the same people
    assert retired_low and (retired_low ^ retired_high) <= (exit_low | exit_high)
    assert len(retired_low ^ retired_high) < 0.02 * len(retired_low)
    overlap = len(exit_low & exit_high) / len(exit_low | exit_high)
    assert overlap > 0.7, overlap


def paired_runs(seed: int, years: int, key: str, low: float, high: float):
    """For 3 replication seeds, two runs that differ only in `key` (common random numbers)."""
    for rep_seed in replication_seeds(seed, 3):
        yield tuple(WorkforceModel(rng=rep_seed, **{"region.target_staff": 1500, "years": years,
                                                    key: value}).run().timeseries()
                    for value in (low, high))


def test_more_recruitment_means_fewer_unmet_hours_on_paired_seeds():
    for low, high in paired_runs(1, 3, "recruitment.replacement_rate", 0.5, 1.2):
        assert high["unmet_hours"].iloc[-12:].mean() < low["unmet_hours"].iloc[-12:].mean()


def test_longer_tau_means_more_adaptation_loss():
    for fast, slow in paired_runs(2, 2, "adaptation.tau_months", 2, 12):
        assert slow["adaptation_loss_fte"].sum() > fast["adaptation_loss_fte"].sum()


def test_mesa_batch_run_works_and_matches_direct_runs():
    results = mesa.batch_run(
        WorkforceModel,
        parameters={"region__target_staff": 800, "years": 1,
                    "recruitment__replacement_rate": [0.5, 1.0]},
        rng=[21, 22], max_steps=100, display_progress=False, number_processes=1,
    )
    assert len(results) == 4
    seeds = [21, 22]
    for row in results:
        direct = WorkforceModel(rng=seeds[row["iteration"]], **{
            "region.target_staff": 800, "years": 1,
            "recruitment.replacement_rate": row["recruitment__replacement_rate"]}).run()
        assert row["Step"] == 12
        assert row["n_active"] == direct.current["n_active"]
        assert row["unmet_hours"] == pytest.approx(direct.current["unmet_hours"])


def test_region_is_the_scenarios_whatever_the_replication_seed():
    a = WorkforceModel(rng=1, **{"region.target_staff": 800})
    b = WorkforceModel(rng=2, **{"region.target_staff": 800})
    assert np.array_equal(a.employees.birth, b.employees.birth)
    assert np.array_equal(a.units.demand, b.units.demand)


def test_default_region_matches_its_description():
    m = WorkforceModel()
    n, units = m.employees.n, m.units.n
    assert 7000 <= n <= 9000 and 250 <= units <= 350
    assert len(set(m.units.agency.tolist())) == 6
    assert len(set(m.units.area.tolist())) == 6
    ages = (m.now - m.employees.birth) / 12
    assert 0.25 < np.mean(ages > 50) < 0.40  # BKN 2023: 34% aged 51-60
    pppk = m.employees.employment.mean()
    assert 0.28 < pppk < 0.38  # BKN, January 2026: about a third of ASN are PPPK


def test_every_flow_a_process_books_is_a_declared_metric():
    """Flows are declared once, in METRICS, with the process that emits them."""
    from model.simulation.metrics import COST_KEYS, FLOW_KEYS, METRICS

    m = WorkforceModel("kotalama", policy="rotation", **{
        "region.target_staff": 800, "years": 1, "mutation.requests.rate_per_year": 0.1,
        "interventions.monitoring.enabled": True, "interventions.training.enabled": True})
    booked = set()
    while m.running:
        m.step()
        booked |= set(m.world.flows)
    assert booked <= set(FLOW_KEYS) | set(COST_KEYS), booked - set(FLOW_KEYS) - set(COST_KEYS)
    assert {"new_retirements", "new_moves", "cost_moves_idr"} <= booked
    assert all(METRICS[k].emitted_by for k in booked)


def test_every_emitter_named_by_a_metric_is_a_process_of_the_model():
    """`emitted_by` names processes the model steps (a renamed process cannot be missed)."""
    from model.simulation.metrics import METRICS

    m = WorkforceModel("kotalama", **{"region.target_staff": 300, "years": 1})
    names = {p.name for p in m.processes}
    emitters = {e.strip() for mt in METRICS.values() for e in mt.emitted_by.split(",") if e}
    assert emitters and emitters <= names, emitters - names


def test_the_drawn_region_is_built_once_and_each_run_gets_a_copy():
    from model.world.world import synthetic_region

    a = WorkforceModel("default", rng=1, years=1, **{"region.target_staff": 1500})
    template = synthetic_region(a.params)[0].demand.copy()
    a.run()
    assert (synthetic_region(a.params)[0].demand == template).all()  # the run changed a copy
    other = WorkforceModel("default", rng=1, years=1, seed=7, **{"region.target_staff": 1500})
    assert other.units.n != a.units.n or (other.units.demand_start != a.units.demand_start).any()
    again = WorkforceModel("default", rng=2, years=1, **{"region.target_staff": 1500})
    assert (again.units.demand_start == a.units.demand_start).all()


def test_runs_of_an_imported_region_in_one_process_do_not_drift(tmp_path):
    """The imported region's tables are templates: each run changes its own copies."""
    from model import cli

    assert cli.main(["init-region", str(tmp_path / "r"), "--no-excel"]) == 0
    path = next((tmp_path / "r").glob("*.yaml"))
    trend = {"demand.trend_per_year": {"guru_kelas": 0.3}}
    first = WorkforceModel(str(path), rng=1, years=2, **trend).run().current
    second = WorkforceModel(str(path), rng=1, years=2, **trend).run().current
    assert first == second
