"""The report: findings from the numbers, a self-contained page that Chromium renders."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import ROOT

from model import cli
from model.reporting.findings import comparison_findings
from model.reporting.formats import fmt_idr, fmt_share, fmt_value
from model.reporting.report import render_report

SMALL = ["--set", "region.target_staff=1200"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """A small comparison folder: status quo and balancing, 3 paired replications."""
    out = tmp_path_factory.mktemp("report") / "cmp"
    assert cli.main(["compare", "--policies", "none,balancing", "-r", "3", "--years", "2",
                     "--out", str(out), "-q", *SMALL]) == 0
    return out


def _summary_row(summary: pd.DataFrame, policy: str, metric: str) -> pd.Series:
    return summary[(summary["policy"] == policy) & (summary["metric"] == metric)].iloc[0]


def test_formats_for_indonesian_readers():
    assert fmt_idr(1.234e9) == "Rp 1,23 miliar" and fmt_idr(1.234e9, "en") == "IDR 1.23 billion"
    assert fmt_idr(350e6) == "Rp 350 juta" and fmt_idr(12_500) == "Rp 12.500"
    assert fmt_idr(2.5e12) == "Rp 2,5 triliun"
    assert fmt_share(0.856) == "85,6 %" and fmt_share(-0.012, signed=True) == "-1,2 pp"
    assert fmt_value(83.0, "orang") == "83" and fmt_value(7.5, "orang") == "7,5"
    # decimals are chosen after rounding
    assert fmt_idr(99.96e6) == "Rp 100 juta" and fmt_idr(1.996e6) == "Rp 2,0 juta"
    assert fmt_idr(999.6e6) == "Rp 1,00 miliar" and fmt_idr(999.4e6) == "Rp 999 juta"
    assert fmt_value(99.996, "FTE") == "100" and fmt_value(9.96, "orang") == "10"
    assert fmt_value(0.04, "orang", signed=True) == "0,0"


def test_fit_table_keeps_cut_headers_apart():
    from model.reporting.formats import fit_table

    df = pd.DataFrame({f"A very long header name {k} " + "x" * 40: ["a" * 60] for k in "12"})
    text = fit_table(df)
    assert max(map(len, text.splitlines())) <= 100


def _fake_summary(lo: float, hi: float) -> pd.DataFrame:
    from model.simulation.metrics import METRICS

    rows = []
    for policy in ("none", "balancing"):
        for key, m in METRICS.items():
            d = 0.0 if policy == "none" else (lo + hi) / 2
            rows.append({"policy": policy, "metric": key, "unit": m.unit, "mean": 100.0 + d,
                         "ci_low": 90.0, "ci_high": 110.0, "baseline": "none",
                         "diff_mean": d, "diff_ci_low": lo if policy != "none" else 0.0,
                         "diff_ci_high": hi if policy != "none" else 0.0,
                         "n_replications": 8})
    return pd.DataFrame(rows)


def test_findings_say_not_significant_exactly_when_the_interval_crosses_zero():
    sure = comparison_findings(_fake_summary(-30.0, -10.0), 10)
    text = " ".join(s for _, items in sure for s in items)
    assert "menurunkan kebutuhan tidak terpenuhi sebesar 20,00 FTE (95 %: 10,00 – 30,00)" \
        in text
    assert "tidak berbeda nyata" not in text
    unsure = comparison_findings(_fake_summary(-30.0, 5.0), 10)
    text = " ".join(s for _, items in unsure for s in items)
    assert "tidak berbeda nyata dari status quo dalam kebutuhan tidak terpenuhi" in text
    english = comparison_findings(_fake_summary(-30.0, 5.0), 10, "en")
    assert "not significantly different" in " ".join(s for _, i in english for s in i)


def test_report_is_self_contained_and_states_the_numbers(compared):
    html = (compared / "report.html").read_text(encoding="utf-8")  # written by compare
    assert html == render_report(compared, "id")  # the command renders the same page
    assert not re.search(r'(src|href)="https?://', html)  # nothing fetched from outside
    assert html.count("data:image/png;base64,") >= 5
    summary = pd.read_csv(compared / "summary.csv")
    r = _summary_row(summary, "balancing", "unmet_fte")
    verb = "menurunkan" if r["diff_mean"] < 0 else "meningkatkan"
    assert f"Kebijakan penyeimbangan beban {verb} kebutuhan tidak terpenuhi" in html
    assert fmt_value(abs(r["diff_mean"]), "FTE") in html
    assert "Ringkasan log mutasi" in html and "Batasan" in html and "Metode" in html


def test_report_renders_in_chromium_with_its_key_numbers(compared, browser, tmp_path):
    summary = pd.read_csv(compared / "summary.csv")
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto((compared / "report.html").as_uri())
    text = page.inner_text("body")
    base = _summary_row(summary, "none", "unmet_fte")
    diff = _summary_row(summary, "balancing", "unmet_fte")
    assert fmt_value(base["mean"], "FTE") in text
    assert fmt_value(diff["diff_mean"], "FTE", signed=True) in text
    assert "Temuan utama" in text and "Tabel utama" in text
    images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert len(images) >= 5 and min(images) > 100  # every figure decoded
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    page.close()


def test_report_command_english_and_pdf(compared, capsys):
    assert cli.main(["report", str(compared), "--lang", "en", "--pdf"]) == 0
    out = capsys.readouterr().out
    html = compared / "report-en.html"
    assert str(html) in out and "Key findings" in html.read_text(encoding="utf-8")
    assert "workload balancing" in html.read_text(encoding="utf-8")
    assert html.with_suffix(".pdf").read_bytes()[:4] == b"%PDF"


def test_report_of_a_folder_that_is_not_a_results_folder(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bukan folder hasil" in err and "Traceback" not in err
    assert cli.main(["report", str(tmp_path / "nothing")]) == 2
    assert "folder tidak ada" in capsys.readouterr().err


def test_report_of_a_damaged_results_folder(compared, tmp_path, capsys):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(compared, broken)
    (broken / "summary.csv").write_text("a,b\n1,2\n")
    assert cli.main(["report", str(broken)]) == 2
    (broken / "meta.json").write_text("{not json")
    assert cli.main(["report", str(broken), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "Traceback" not in err


def test_make_run_compares_three_policies():
    make = (ROOT / "Makefile").read_text()
    assert "compare default --policies none,balancing,optimal" in make
