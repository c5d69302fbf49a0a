"""The report: findings from the numbers, a self-contained page that Chromium renders."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from model import cli
from model.reporting.findings import comparison_findings
from model.reporting.formats import fmt_idr, fmt_share, fmt_value
from model.reporting.report import render_report

SMALL = ["--set", "region.target_staff=1200"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """A small comparison folder: status quo, balancing and optimisation, 3 replications."""
    out = tmp_path_factory.mktemp("report") / "cmp"
    assert cli.main(["compare", "--policies", "none,balancing,optimal", "-r", "3",
                     "--years", "2", "--out", str(out), "-q", *SMALL]) == 0
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


def test_both_ends_of_an_interval_have_one_precision():
    from model.reporting.formats import fmt_interval

    assert fmt_interval(0.562, 12.64, "FTE", "id", signed=True) == "[+0,56 ; +12,64]"
    assert fmt_interval(-6.7, 19, "orang", "id", signed=True) == "[-7 ; +19]"
    assert fmt_interval(1e9, 2.04e9, "IDR", "id", signed=True) == "[+Rp 1,0 ; +Rp 2,0 miliar]"
    assert fmt_interval(-3e8, 2.5e9, "IDR", "en") == "[-IDR 0.3 ; IDR 2.5 billion]"
    assert fmt_interval(-0.0001, 0.2, "skor", "en", signed=True) == "[0 ; +0.200]"


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


# --- the printed report (PDF, A4) -------------------------------------------------------

MARGIN_PT = 15 / 25.4 * 72  # the template's page margins (15 mm)


@pytest.fixture(scope="module")
def printed(compared):
    """The report of `compared` printed to PDF by the command, opened with pdfplumber."""
    pdfplumber = pytest.importorskip("pdfplumber")
    assert cli.main(["report", str(compared), "--pdf"]) == 0
    with pdfplumber.open(compared / "report.pdf") as pdf:
        yield pdf


def _page_with(pdf, text: str):
    return next(p for p in pdf.pages if text in (p.extract_text() or ""))


def test_pdf_pages_are_a4_and_no_word_leaves_the_text_area(printed):
    for page in printed.pages:
        w, h = sorted((page.width, page.height))
        assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1  # A4, either way up
        for word in page.extract_words():
            assert word["x0"] >= MARGIN_PT - 1 and word["x1"] <= page.width - MARGIN_PT + 1, \
                (page.page_number, word["text"])


def test_pdf_headline_table_inside_the_page_and_its_image_has_an_empty_margin(printed, tmp_path):
    page = _page_with(printed, "Tabel utama")
    words = page.extract_words()
    cost = [w for w in words if w["text"] == "juta"]  # the last row: a cost in each column
    assert len(cost) >= 3 and max(w["x1"] for w in cost) <= page.width - MARGIN_PT + 1
    summary = pd.read_csv(printed.stream.name.replace("report.pdf", "summary.csv"))
    r = _summary_row(summary, "optimal", "unmet_fte")  # the rightmost column, whole
    lo = fmt_value(r["diff_ci_low"], "FTE", signed=True)
    hi = fmt_value(r["diff_ci_high"], "FTE", signed=True)
    text = page.extract_text()
    assert f"[{lo} ;" in text and f"{hi}]" in text
    image = page.to_image(resolution=72).original.convert("L")  # 1 pixel per point
    shot = tmp_path / "headline.png"
    image.save(shot)
    right = image.crop((int(page.width - MARGIN_PT + 3), 0, image.width, image.height))
    assert right.getextrema()[0] > 245, "ink in the right margin"  # nothing printed there
    body = image.crop((0, 0, int(page.width - MARGIN_PT), image.height))
    assert body.getextrema()[0] < 100  # the page itself is not blank


def test_pdf_rows_are_never_split_from_their_labels(compared):
    weasyprint = pytest.importorskip("weasyprint")
    from weasyprint.formatting_structure import boxes

    html = render_report(compared, "id")
    doc = weasyprint.HTML(string=html, base_url=str(compared)).render()
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(doc.pages):
        for box in page._page_box.descendants():
            # a table's header row is repeated on each page the table spans: not a split
            if isinstance(box, boxes.TableRowGroupBox) and not box.is_header:
                for row in box.children:
                    pages_of.setdefault(id(row.element), set()).add(number)
    assert len(pages_of) > 20  # headline, transfers, policies, settings
    split = [n for n in pages_of.values() if len(n) > 1]
    assert not split, f"{len(split)} table rows printed across two pages"


def test_pdf_headings_and_notes_stay_with_what_they_introduce(compared):
    """A heading or a table's note never ends a page whose next page starts its table."""
    weasyprint = pytest.importorskip("weasyprint")
    from weasyprint.formatting_structure import boxes

    html = render_report(compared, "id")
    doc = weasyprint.HTML(string=html, base_url=str(compared)).render()
    for page in doc.pages:
        blocks = [b for b in page._page_box.descendants()
                  if isinstance(b, boxes.BlockBox | boxes.TableBox) and b.element_tag in (
                      "h1", "h2", "h3", "p", "li", "table", "figure", "pre")]
        if not blocks:
            continue
        last = blocks[-1]
        assert last.element_tag not in ("h2", "h3"), "a heading ends a page"
        if last.element_tag == "p" and "keep-next" in (last.element.get("class") or ""):
            raise AssertionError("a table's note ends a page without its table")


def test_pdf_figures_print_at_a_legible_size(printed):
    from model.reporting.style import MIN_FONT_POINTS, SAVE

    images = [im for page in printed.pages for im in page.images]
    assert len(images) >= 5
    for im in images:
        drawn_in = im["srcsize"][0] / SAVE["dpi"]  # the figure's own width, inches
        printed_in = (im["x1"] - im["x0"]) / 72
        smallest = MIN_FONT_POINTS * printed_in / drawn_in
        assert smallest >= 6.5, f"type printed at {smallest:.1f} pt"
        assert im["srcsize"][0] / printed_in >= 150  # sharp on paper (pixels per inch)


@pytest.fixture(scope="module")
def five_policies(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "five"
    assert cli.main(["compare", "--policies", "none,balancing,optimal,rotation,matching",
                     "-r", "2", "--years", "1", "--out", str(out), "-q", *SMALL]) == 0
    return out


def test_pdf_a_wide_headline_table_gets_a_landscape_page(five_policies):
    pdfplumber = pytest.importorskip("pdfplumber")
    assert cli.main(["report", str(five_policies), "--pdf", "--lang", "en"]) == 0
    with pdfplumber.open(five_policies / "report-en.pdf") as pdf:
        page = _page_with(pdf, "Headline table")
        assert page.width > page.height  # landscape
        words = page.extract_words()
        assert max(w["x1"] for w in words) <= page.width - MARGIN_PT + 1
        assert "competence" in page.extract_text() and "Total cost" in page.extract_text()
        others = [p for p in pdf.pages if p.page_number != page.page_number]
        assert all(p.height > p.width for p in others)  # the rest stays portrait


# --- what a head of office stumbles on (issue 22, Why 6) -----------------------------------

def test_own_region_report_never_opens_with_the_template_description(tmp_path, capsys):
    from model.reporting.region_files import PLACEHOLDER_ID

    region = tmp_path / "own"
    assert cli.main(["init-region", str(region), "--no-excel"]) == 0
    out = capsys.readouterr().out
    assert "description" in out  # init-region says to edit it first
    scenario = region / "region.yaml"
    written = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    assert written["description_id"] == PLACEHOLDER_ID
    assert cli.main(["validate", str(scenario)]) == 0
    assert "peringatan: deskripsi skenario" in capsys.readouterr().out
    folder = tmp_path / "cmp"
    assert cli.main(["compare", str(scenario), "--policies", "none,balancing", "-r", "1",
                     "--years", "1", "--out", str(folder), "-q"]) == 0
    html = (folder / "report.html").read_text(encoding="utf-8")
    opening = html.split("<h2>")[0]
    assert "templat" not in opening and "sekitar 1.000 pegawai" not in opening
    assert "[UBAH DESKRIPSI INI]" not in html
    assert "masih teks contoh dari `init-region`" in opening  # the planner is told instead
    # once the planner writes a description, it opens the report and nobody warns
    written |= {"description_id": "Kabupaten Teladan, data SIASN Maret 2027.",
                "description": "Teladan regency, SIASN data of March 2027."}
    scenario.write_text(yaml.safe_dump(written, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["validate", str(scenario)]) == 0
    assert "deskripsi skenario" not in capsys.readouterr().out
    assert cli.main(["compare", str(scenario), "--policies", "none,balancing", "-r", "1",
                     "--years", "1", "--out", str(tmp_path / "cmp2"), "-q"]) == 0
    html = (tmp_path / "cmp2" / "report.html").read_text(encoding="utf-8")
    assert "Kabupaten Teladan, data SIASN Maret 2027." in html.split("<h2>")[0]


def _table(html: str, heading: str) -> list[list[str]]:
    """The cells of the first table after `heading` (header row first)."""
    part = html.split(heading, 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", part, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>",
                                                                   r, re.S)] for r in rows]


def test_transfer_log_summary_counts_whole_persons(compared):
    html = (compared / "report.html").read_text(encoding="utf-8")
    head, *rows = _table(html, "Ringkasan log mutasi")
    assert head[3] == "Jumlah orang (3 replikasi)"
    assert head[4] == "Rata-rata per replikasi (orang)"  # a mean, labelled with its unit
    assert rows and all(re.fullmatch(r"\d[\d.]*", r[3]) for r in rows)  # whole persons
    log = pd.read_csv(compared / "transfers.csv")
    assert sum(int(r[3].replace(".", "")) for r in rows) == len(log)
    from model.reporting.tables import transfers_table

    text = transfers_table(log, 3)
    assert "Jumlah: orang, di semua 3 replikasi" in text
    lines = text.splitlines()
    col = lines[2].index("Jumlah")
    assert all(ln[col:col + 6].strip().replace(".", "").isdigit() for ln in lines[3:])


def test_levers_in_words_and_every_compared_policy_named(compared):
    html = (compared / "report.html").read_text(encoding="utf-8")
    rows = dict((r[0], r[1]) for r in _table(html, "Skenario dan asumsinya")[1:])
    assert rows["Kebijakan mutasi yang dibandingkan"] == \
        "status quo, penyeimbangan beban, optimasi"
    assert "Kebijakan mutasi" not in rows  # never "status quo" alone in a comparison
    assert rows["Bagian pegawai yang boleh diusulkan pindah per putaran: optimasi"] == "2,0 %"
    assert rows["Masa minimal di jabatan sebelum boleh dipindah"].endswith(" bulan")
    settings = html.split("Skenario dan asumsinya", 1)[1].split("</table>")[0]
    for raw in ("interventions.", "mutation.", "recruitment.", "<policy>", "_", "{"):
        assert raw not in settings  # no parameter paths, only words


def _summary_with(key: str, diff: float, lo: float, hi: float) -> pd.DataFrame:
    summary = _fake_summary(-30.0, -10.0)
    summary.loc[summary["metric"] == "required_fte", "mean"] = 8000.0
    row = (summary["policy"] == "balancing") & (summary["metric"] == key)
    summary.loc[row, ["diff_mean", "diff_ci_low", "diff_ci_high"]] = (diff, lo, hi)
    return summary


def test_a_negligible_change_is_not_painted_as_a_win():
    from model.reporting.report import _headline, _thresholds

    summary = _summary_with("mean_morale", 0.018, 0.012, 0.024)  # sure, but tiny
    rows = {r["label"]: r["cells"] for r in _headline(summary, ["none", "balancing"], "id")}
    cell = rows["Rata-rata moral kerja (0-1)"][1]
    assert cell["cls"] == "ns" and cell["mark"] == "kecil"  # grey and marked, not green
    assert rows["Kebutuhan tidak terpenuhi (FTE)"][1]["cls"] == "good"  # -20 FTE: above 16
    text = " ".join(s for _, items in comparison_findings(summary, 10) for s in items)
    assert "moral kerja sebesar 0,018" in text and "perubahan kecil, di bawah ambang 0,03" in text
    assert "Rata-rata moral kerja: 0,03 (skala 0-1)" in _thresholds(summary, "id")
    big = _summary_with("mean_morale", 0.05, 0.04, 0.06)
    rows = {r["label"]: r["cells"] for r in _headline(big, ["none", "balancing"], "id")}
    assert rows["Rata-rata moral kerja (0-1)"][1]["cls"] == "good"


def test_the_report_states_its_thresholds(compared):
    html = (compared / "report.html").read_text(encoding="utf-8")
    assert "Ambang perubahan berarti" in html
    assert "Rata-rata moral kerja: 0,03 (skala 0-1)" in html
    assert re.search(r"Kebutuhan tidak terpenuhi: [\d,]+ FTE \(0,2 % dari kebutuhan", html)


@pytest.mark.parametrize("years", [0.3, 1.0, 2.0, 2.4, 5.0, 10.0])
def test_time_ticks_never_run_together_in_a_half_width_panel(years):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from model.reporting.figures import time_axis

    fig = Figure(figsize=(3.3, 2.4), dpi=200)  # half of the report's 7-inch width
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(2027, 2027 + years)
    time_axis(ax.xaxis, 2027, 2027 + years)
    fig.canvas.draw()
    labels = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
    lo, hi = ax.get_xlim()
    labels = [t for t in labels if lo - 1e-9 <= t.get_position()[0] <= hi + 1e-9]
    assert 2 <= len(labels) <= 6
    assert len({t.get_text() for t in labels}) == len(labels)
    boxes = sorted((t.get_window_extent() for t in labels), key=lambda b: b.x0)
    for left, right in zip(boxes, boxes[1:], strict=False):
        assert left.x1 < right.x0, [t.get_text() for t in labels]


def test_a_toy_metric_marked_headline_shows_in_every_headline_list(compared, tmp_path,
                                                                   monkeypatch):
    """One `headline` place on a Metric: the ranked table, the report's table and findings,
    the forest plot and the dashboard's comparison all show it (issue 23)."""
    import shutil

    from model.reporting.figures import forest_figure
    from model.reporting.report import render_report
    from model.reporting.tables import ranked_table
    from model.simulation import metrics
    from model.simulation.metrics import METRICS, Metric

    toy = Metric("toy_metric", "Indikator mainan", "Toy measure", "FTE", "mean", "down",
                 headline=99, formula=lambda m: 0.0)
    monkeypatch.setitem(METRICS, "toy_metric", toy)
    assert metrics.headline()[-1] == "toy_metric"
    folder = tmp_path / "cmp"
    shutil.copytree(compared, folder)
    summary = pd.read_csv(folder / "summary.csv")
    rows = summary[summary["metric"] == "unmet_fte"].assign(metric="toy_metric")
    summary = pd.concat([summary, rows], ignore_index=True)
    summary.to_csv(folder / "summary.csv", index=False)

    assert "Toy measure (FTE)" in ranked_table(summary, "en")
    html = render_report(folder, "en")
    assert "Toy measure (FTE)" in html  # the headline table
    assert "toy measure by" in html or "in toy measure" in html  # a finding
    fig = forest_figure(summary, "en")
    assert any(ax.get_title().startswith("Toy measure") for ax in fig.axes)
    pytest.importorskip("solara")
    from model.dashboard.compare import SETTING, difference_figure, summary_lines

    cmp = summary[summary["policy"].isin(["none", "balancing"])].copy()
    cmp["policy"] = cmp["policy"].replace({"balancing": SETTING})
    fig = difference_figure(cmp, "en")
    assert any(ax.get_title(loc="left").startswith("Toy measure") for ax in fig.axes)
    assert any(line.startswith("Toy measure:") for line in summary_lines(cmp, "en"))
