"""Results folders: Parquet for the large tables, CSV copies for small runs or on request."""

from __future__ import annotations

import pandas as pd
import pytest

from model import cli
from model.core.errors import UserError
from model.experiments.experiment import Experiment
from model.reporting.outputs import check_out_dir
from model.results.files import has_table, read_table
from model.results.run import CSV_MAX_RUNS, wants_csv


@pytest.fixture(scope="module")
def experiment():
    exp = Experiment({"extends": "default", "region": {"target_staff": 1500}},
                     ["none", "balancing"], replications=2, years=2)
    exp.run()
    return exp


def test_auto_writes_parquet_and_csv_copies_for_a_small_run(experiment, tmp_path):
    experiment.write(tmp_path / "a")
    for name in ("timeseries", "units", "transfers"):
        assert (tmp_path / "a" / f"{name}.parquet").is_file()
        assert (tmp_path / "a" / f"{name}.csv").is_file()
        pq, csv = read_table(tmp_path / "a", name), pd.read_csv(tmp_path / "a" / f"{name}.csv")
        assert list(pq.columns) == list(csv.columns) and len(pq) == len(csv) > 0
        # the same rows: numbers agree to the CSV's 12 significant digits
        num = pq.select_dtypes("number").columns
        pd.testing.assert_frame_equal(pq[num].reset_index(drop=True), csv[num],
                                      check_dtype=False, rtol=1e-11)


def test_large_runs_write_no_csv_copies():
    assert wants_csv("auto", CSV_MAX_RUNS) and not wants_csv("auto", CSV_MAX_RUNS + 1)
    assert wants_csv("csv", 10_000) and wants_csv("both", 10_000)
    assert not wants_csv("parquet", 1)


def test_the_format_can_be_chosen_and_every_reader_accepts_both(tmp_path, capsys):
    base = ["compare", "default", "--set", "region.target_staff=1500", "--years", "1",
            "-r", "2", "--policies", "none,balancing", "-q"]
    assert cli.main([*base, "--out", str(tmp_path / "pq"), "--format", "parquet"]) == 0
    assert cli.main([*base, "--out", str(tmp_path / "csv"), "--format", "csv"]) == 0
    assert sorted(p.name for p in (tmp_path / "pq").glob("*.csv")) == ["audit.csv", "summary.csv"]
    assert not list((tmp_path / "csv").glob("*.parquet"))
    for folder in ("pq", "csv"):
        d = tmp_path / folder
        assert has_table(d, "units") and has_table(d, "transfers")
        assert cli.main(["figures", str(d)]) == 0  # figures read either format
        assert cli.main(["report", str(d)]) == 0  # and so does the report
        assert "Kebijakan" in (d / "report.html").read_text(encoding="utf-8")
    a = read_table(tmp_path / "pq", "timeseries")
    b = read_table(tmp_path / "csv", "timeseries")
    pd.testing.assert_frame_equal(a.select_dtypes("number"), b.select_dtypes("number"),
                                  check_dtype=False, rtol=1e-11)


def test_same_seed_gives_identical_parquet_bytes(tmp_path):
    for name in ("a", "b"):
        exp = Experiment({"extends": "default", "region": {"target_staff": 1500}},
                         ["balancing"], replications=2, years=1)
        exp.run()
        exp.write(tmp_path / name)
    for table in ("timeseries", "units", "transfers"):
        assert ((tmp_path / "a" / f"{table}.parquet").read_bytes()
                == (tmp_path / "b" / f"{table}.parquet").read_bytes())


def test_a_bad_format_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["compare", "default", "--format", "xlsx", "--out", str(tmp_path / "x")])
    assert exc.value.code == 2
    assert "xlsx" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_folder_errors_speak_the_readers_language(tmp_path):
    with pytest.raises(UserError, match="results folder already exists") as exc:
        check_out_dir(tmp_path)
    assert exc.value.render("id").startswith(f"folder hasil sudah ada: {tmp_path}")


def test_a_run_that_moves_nobody_still_writes_parquet(tmp_path, capsys):
    """An empty transfer log has the columns and types of a full one."""
    args = ["compare", "default", "--set", "region.target_staff=300", "--set",
            "mutation.requests.rate_per_year=0", "--years", "1", "-r", "1",
            "--policies", "none,balancing", "--format", "parquet", "-q",
            "--out", str(tmp_path / "r")]
    assert cli.main(args) == 0
    log = read_table(tmp_path / "r", "transfers")
    assert set(log["run_policy"]) == {"balancing"}  # status quo: not one proposal


def test_parallel_runs_write_the_same_parquet_bytes(tmp_path):
    base = ["compare", "default", "--set", "region.target_staff=1500", "--years", "1",
            "-r", "3", "--policies", "none,balancing", "-q", "--format", "parquet"]
    assert cli.main([*base, "--out", str(tmp_path / "serial")]) == 0
    assert cli.main([*base, "--out", str(tmp_path / "pool"), "--jobs", "2"]) == 0
    for name in ("timeseries", "units", "transfers"):
        assert ((tmp_path / "serial" / f"{name}.parquet").read_bytes()
                == (tmp_path / "pool" / f"{name}.parquet").read_bytes())


# --- dates, figures and console tables a planner reads (issue 22, Why 6) -----------------

def test_every_month_has_its_own_date(experiment, tmp_path):
    experiment.write(tmp_path / "d")
    ts = read_table(tmp_path / "d", "timeseries")
    for _, run in ts.groupby(["policy", "replication"]):
        assert run["date"].is_unique and run["date"].is_monotonic_increasing
    first = ts[(ts["replication"] == 0) & (ts["policy"] == "none")].set_index("month")["date"]
    assert first[0] == "2026-12-31"  # the starting state: the day before the first month
    assert first[1] == "2027-01-31" and first[2] == "2027-02-28" and first[24] == "2028-12-31"
    assert pd.to_datetime(ts["date"]).dt.is_month_end.all()


def test_importing_the_package_and_drawing_leaves_the_backend_alone(tmp_path):
    """A notebook's own plots keep their backend: nothing of Mutasi calls matplotlib.use."""
    import subprocess
    import sys

    code = f"""
import matplotlib
matplotlib.use("svg")
import model
from model.reporting import figures, report, sensitivity, tables
from model.experiments.experiment import Experiment
exp = Experiment({{"extends": "default", "region": {{"target_staff": 600}}}},
                 ["none", "balancing"], replications=2, years=1)
exp.run()
exp.write(r"{tmp_path / 'r'}")
assert matplotlib.get_backend() == "svg", matplotlib.get_backend()
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1])
assert type(fig.canvas).__module__.endswith("backend_svg"), type(fig.canvas)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env={"MPLBACKEND": "", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-2000:]
    assert len(list((tmp_path / "r" / "figures").glob("*.png"))) == 5


def _fake_summary(policies: list[str], scale: float = 1.0) -> pd.DataFrame:
    from model.simulation.metrics import METRICS

    rows = []
    for i, policy in enumerate(policies):
        for key, m in METRICS.items():
            d = 0.0 if i == 0 else scale * (i + 0.37) * (-1) ** i
            rows.append({"policy": policy, "metric": key, "unit": m.unit, "mean": 100.0 + d,
                         "ci_low": 90.0, "ci_high": 110.0, "baseline": policies[0],
                         "diff_mean": d, "diff_ci_low": d - scale * 1.5,
                         "diff_ci_high": d + scale * 1.5, "n_replications": 8,
                         "p_better": 0.5})
    return pd.DataFrame(rows)


def _boxes(fig, renderer):
    """Visible tick labels of each axis of `fig`, as window extents with their text."""
    out = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [lb for lb in axis.get_ticklabels() if lb.get_visible() and lb.get_text()]
            out.append([(lb.get_text(), lb.get_window_extent(renderer)) for lb in labels])
    return out


def test_forest_ticks_never_run_together_and_type_is_print_sized():
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from model.reporting.figures import forest_figure
    from model.reporting.style import MIN_FONT_POINTS, PRINT_RC

    policies = ["none", "anticipation+balancing", "rotation+matching+balancing", "optimal",
                "balancing"]
    with rc_context(PRINT_RC):
        fig = forest_figure(_fake_summary(policies, scale=3.0), "id")
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
    for labels in _boxes(fig, renderer):
        for (a, box_a), (b, box_b) in zip(labels, labels[1:], strict=False):
            assert not box_a.overlaps(box_b), f"tick labels {a!r} and {b!r} overlap"
        decimals = {len(s.split(",")[1]) if "," in s else 0 for s, _ in labels
                    if any(ch.isdigit() for ch in s)}
        assert len(decimals) <= 1, [s for s, _ in labels]  # one number of decimals an axis
    sizes = [t_.get_fontsize() for t_ in fig.findobj(Text) if t_.get_text().strip()]
    assert min(sizes) >= MIN_FONT_POINTS
    assert fig.get_figwidth() <= 7.1  # drawn at the page's width: printed at its own size


def test_tick_labels_have_one_number_of_decimals():
    from model.reporting.figures import TickFormat

    for locs, expect in (([0, 80, 160], ["0", "80", "160"]),
                         ([0, 1.5, 3.0, 4.5], ["0,0", "1,5", "3,0", "4,5"]),
                         ([-0.18, -0.12, -0.06, 0.0], ["-0,18", "-0,12", "-0,06", "0,00"]),
                         ([0, 2000, 4000], ["0", "2.000", "4.000"])):
        f = TickFormat("id")
        f.set_locs(locs)
        assert [f(v) for v in locs] == expect


def test_box_plots_show_the_start_then_the_baseline_then_the_commands_order(tmp_path):
    from model.reporting.figures import UNIT_COLUMNS, load_by_group_figure
    from model.reporting.style import policy_color, policy_order

    out = tmp_path / "c"
    assert cli.main(["compare", "default", "--set", "region.target_staff=800", "--years", "1",
                     "-r", "1", "--policies", "none,rotation,balancing", "-q",
                     "--out", str(out)]) == 0
    summary = pd.read_csv(out / "summary.csv")
    order = policy_order(summary)
    assert order == ["none", "rotation", "balancing"]
    units = read_table(out, "units", UNIT_COLUMNS)
    units = units.sort_values("policy")  # alphabetical rows must not reorder the boxes
    fig = load_by_group_figure(units, "agency", 2027, "id", order)
    boxes = [p for p in fig.axes[0].patches if p.get_path().vertices.size]
    first = sorted(boxes, key=lambda p: p.get_path().vertices[:, 0].min())[:4]
    from matplotlib.colors import to_hex

    assert [to_hex(p.get_facecolor()) for p in first] == \
        ["#dddddd"] + [policy_color(p) for p in order]


def test_console_tables_never_cut_a_number_or_an_interval():
    from model.reporting.formats import fit_table
    from model.reporting.tables import ranked_table

    summary = _fake_summary(["none", "anticipation+balancing", "rotation+matching+balancing"])
    text = ranked_table(summary, "id")
    assert "…]" not in text and " p…" not in text
    for line in text.splitlines():
        if "[" in line:
            assert "]" in line and "…" not in line, line
    df = pd.DataFrame({"Kebijakan": ["x" * 60], "Selisih": ["+12,9 pp [+10,1 pp ; +15,7 pp]"],
                       "Biaya": ["Rp 1,25 miliar"]})
    cut = fit_table(df, width=80)
    assert "+12,9 pp [+10,1 pp ; +15,7 pp]" in cut and "Rp 1,25 miliar" in cut


def test_ej_of_a_unit_with_need_and_nobody_is_infinite_and_said_in_words():
    """One EJ convention (`core.measures.ej`): need and nobody is +inf, 'tanpa pegawai'."""
    import math

    from model.reporting.needs import needs_report
    from model.reporting.tables import needs_text

    table = pd.DataFrame({
        "unit_id": [0, 1, 2], "unit_name": ["A", "B", "C"], "agency": ["health"] * 3,
        "unit_kind": ["puskesmas"] * 3, "role": ["nurse"] * 3, "area_type": ["urban"] * 3,
        "staff": [2, 0, 0], "capacity_fte": [2.0, 0.0, 0.0], "required_fte": [3.0, 1.0, 0.0],
        "gap_fte": [-1.0, -1.0, 0.0]})
    report = needs_report(table)
    ej = report["over"].set_index("unit_name")["ej"]
    assert ej["A"] == 1.5 and ej["B"] == math.inf and math.isnan(ej["C"])
    assert "tanpa pegawai" in needs_text(report, {}, "id")
    assert "no staff" in needs_text(report, {}, "en")
