"""The dashboard: levers inside the declared ranges, the model, the paired comparison,
and the page driven in headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest
import solara
from conftest import ROOT, tiny_scenario

from model.dashboard.compare import SETTING, paired_compare
from model.dashboard.model import dashboard_model
from model.scenario.levers import LEVERS, declaration, overrides
from model.scenario.loading import load_scenario


def test_every_lever_value_a_control_can_take_is_valid():
    base = load_scenario("default")
    for lever in LEVERS:
        decl = declaration(lever.declared_path())
        assert decl["path"] == lever.declared_path()
        if lever.kind in ("int", "float"):
            lo, hi = lever.bounds()
            for value in (lo, hi, lever.default(base)):
                load_scenario(base, overrides({"policy": "balancing", lever.key: value}))
            with pytest.raises(ValueError, match="expected"):
                overrides({lever.key: hi + 10 * lever.step})
    for policy in ("none", "rotation", "balancing", "matching", "anticipation", "optimal"):
        load_scenario(base, overrides({"policy": policy, "share_per_round": 0.2,
                                       "socialization": True, "training": True,
                                       "allowance": True}))


def test_the_dashboard_model_takes_the_levers_as_mesa_checks_them():
    from mesa.visualization.solara_viz import _check_model_params

    from model.dashboard.page import model_params

    cls = dashboard_model(load_scenario("default"))
    model = cls(policy="balancing", training=True, seed_offset=1)
    _check_model_params(model, model_params("id"))  # raises on a keyword Mesa can't pass
    assert model.policy_name == "balancing" and model.params.interventions.training.enabled
    assert model.run_seed == model.params.seed + 1
    t0 = time.perf_counter()
    model.step()  # Step is a year
    assert time.perf_counter() - t0 < 1.0  # a year of the default region in under a second
    assert model.month == 12 and len(model.timeseries()) == 13  # monthly series kept


def test_panels_draw_the_default_and_an_imported_region(tmp_path):
    from model import cli
    from model.dashboard import panels

    assert cli.main(["init-region", str(tmp_path / "own"), "--no-excel"]) == 0
    for source in ("default", str(tmp_path / "own" / "region.yaml")):
        model = dashboard_model(load_scenario(source))(policy="balancing")
        model.step()
        for panel in (panels.Numbers, panels.Headcount, panels.UnmetNeed, panels.UnitMap,
                      panels.Moves, panels.Costs):

            @solara.component
            def Shown(panel=panel, model=model):  # noqa: N802 - a Solara component
                panel(model)

            box, rc = solara.render(Shown(), handle_error=False)  # raises if a panel fails
            rc.close()


def test_paired_comparison_of_identical_settings_is_exactly_zero():
    base = load_scenario(tiny_scenario())
    same = paired_compare(base, {}, replications=2, years=1)
    diffs = same[same["policy"] == SETTING]["diff_mean"].to_numpy()
    assert np.all(diffs == 0)  # common random numbers: the same seed, the same run
    steps = []
    moved = paired_compare(base, overrides({"policy": "balancing"}), 2, 1,
                           progress=lambda d, n: steps.append((d, n)))
    assert steps[-1] == (4, 4)
    assert set(moved["policy"]) == {"none", SETTING}


def test_any_valid_scenario_opens_and_is_compared_with_the_status_quo():
    # a composed policy and a value above the slider's usual range still open
    odd = load_scenario("salor", {"policy": ["anticipation", "balancing"],
                                  "recruitment.replacement_rate": 2.5})
    model = dashboard_model(odd)()
    assert model.policy_name == "anticipation+balancing"
    assert model.params.recruitment.replacement_rate == 2.5
    # the status quo is no planned transfer and no intervention, whatever the scenario runs
    base = load_scenario("default", {"policy": "balancing", "region.target_staff": 1800,
                                     "interventions.training.enabled": True})
    own = dashboard_model(base)()
    summary = paired_compare(base, own.scenario_overrides, 2, 1)
    moves = summary[(summary["policy"] == SETTING) & (summary["metric"] == "new_moves")]
    training = summary[(summary["policy"] == "none")
                       & (summary["metric"] == "cost_training_idr")]
    assert moves["diff_mean"].iloc[0] > 0 and training["mean"].iloc[0] == 0


def test_a_custom_policy_scenario_opens_with_its_own_policy(tmp_path):
    import textwrap

    from test_mutation import POLICY_FILE

    (tmp_path / "my_policy.py").write_text(POLICY_FILE)
    (tmp_path / "mine.yaml").write_text(textwrap.dedent("""
        extends: default
        policy: {module: my_policy.py, class: NearestSwap, params: {share: 0.05}}
        region: {target_staff: 1800}
    """))
    model = dashboard_model(load_scenario(tmp_path / "mine.yaml"))()
    assert model.policy_name == "nearest_swap"
    model.step()


def test_bad_dashboard_options_exit_2(capsys):
    from model import cli

    with pytest.raises(SystemExit) as info:
        cli.main(["dashboard", "--port", "70000"])
    assert info.value.code == 2 and "65535" in capsys.readouterr().err
    assert cli.main(["dashboard", "--lang", "fr"]) == 2
    assert "bahasa tidak dikenal" in capsys.readouterr().err


# ------------------------------------------------------------------ in the browser
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`run_sim.py dashboard` on a free local port, stopped after the tests."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "run_sim.py", "dashboard", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"the dashboard did not start: {proc.stdout.read().decode()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(10)


def _number(page, label: str) -> str:
    row = page.locator("tr", has_text=label).first
    return row.locator(".mutasi-value").inner_text()


def _charts(page) -> list[str]:
    return page.eval_on_selector_all("img", "els => els.map(e => e.src.slice(-200))")


def test_dashboard_in_chromium(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1500, "height": 1900})
    page.goto(server, timeout=60_000)
    page.get_by_text("Angka utama").wait_for(timeout=60_000)
    assert _number(page, "Bulan simulasi") == "2027-01 (awal)"
    page.screenshot(path=str(tmp_path / "dashboard-start.png"), full_page=True)
    charts_before = _charts(page)
    # change the policy, apply it (Reset), and step a year
    page.get_by_label("Kebijakan mutasi").click(force=True)
    page.get_by_role("option", name="balancing").click()
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("penyeimbangan beban").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Step").click()
    page.locator("tr", has_text="Bulan simulasi").get_by_text("2027-12").wait_for(
        timeout=30_000)
    moves = _number(page, "Mutasi dilaksanakan")
    assert int(moves.replace(".", "")) > 0  # balancing moved people in its first year
    page.wait_for_timeout(1500)
    assert _charts(page) != charts_before  # the charts were redrawn
    page.screenshot(path=str(tmp_path / "dashboard-year1.png"), full_page=True)
    # compare with the status quo in the background, with progress, then the result
    page.get_by_role("button", name="Bandingkan dengan status quo").click()
    page.get_by_text("Selisih pengaturan saat ini terhadap status quo").wait_for(
        timeout=180_000)
    assert page.locator(".mutasi-finding li").count() == 6  # one line per key metric
    page.screenshot(path=str(tmp_path / "dashboard-compare.png"), full_page=True)
    # English at once
    page.get_by_role("button", name="en", exact=True).click()
    page.get_by_text("Key numbers").wait_for(timeout=30_000)
    assert "Simulated month" in page.inner_text("body")
    page.close()
