"""`evaluate`: a planner's own list checked row by row, then run against the status quo.

The tests of issue 25, item 1: the tool's own plan evaluated back is exactly the
policy's draft; a deleted row changes only that person's move; a row breaking a rule
is refused unless marked, then runs and is flagged; every row read is run or refused
with its reason; nothing runnable exits 2; NIPs as the file held them.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest

from model.cli import main
from model.core.rng import RandomStreams, replication_seeds
from model.experiments.evaluate import check_list
from model.experiments.evaluation import evaluate
from model.policies.listed import ListedMoves
from model.scenario.loading import load_scenario
from model.simulation.metrics import METRICS
from model.simulation.model import WorkforceModel
from model.world.world import World

SMALL = {"years": 2, "replications": 2}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("default", SMALL)


@pytest.fixture(scope="module")
def people(scenario):
    """Rows of the default region by situation at the start, and a destination for each."""
    w = World.build(scenario, RandomStreams(replication_seeds(scenario.seed, 1)[0]))
    E, U = w.employees, w.units
    settled = np.flatnonzero(E.active & (w.now - E.moved_at > 60) & (E.retire_at > w.now + 60))
    recent = np.flatnonzero(E.active & (w.now - E.moved_at < 6) & (E.retire_at > w.now + 60))

    def dest(row):
        role = E.role[row]
        units = np.flatnonzero(U.demand[:, role] > 0)
        return int(units[units != E.unit[row]][0])

    return {"settled": settled, "recent": recent, "dest": dest, "world": w}


def _csv(path, rows):
    pd.DataFrame(rows, columns=["nip", "kode_unit_tujuan", "jabatan", "putaran",
                                "kecualikan"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def plan_book(scenario, tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan")
    path = folder / "plan.xlsx"
    assert main(["plan", "--policy", "balancing", "--out", str(path)]) == 0
    return path


def test_the_tools_own_plan_evaluated_back_is_exactly_its_draft(scenario, plan_book, tmp_path):
    found = evaluate(scenario, plan_book, tmp_path / "out", against="balancing")
    checked = found.checked
    plan = pd.read_excel(plan_book, sheet_name="usulan_mutasi", dtype=str, engine="calamine")
    assert len(checked.rows) == len(plan) == checked.n_run > 0 and checked.n_refused == 0
    ts = pd.read_parquet(tmp_path / "out" / "timeseries.parquet")
    mine = ts[ts["policy"] == "list"].reset_index(drop=True)
    draft = ts[ts["policy"] == "draft"].reset_index(drop=True)
    for key in METRICS:  # the paired difference is exactly 0 on every metric, every month
        assert (mine[key].to_numpy() == draft[key].to_numpy()).all(), key
    vs = found.versus_draft[found.versus_draft["policy"] == "list"]
    assert (vs["diff_mean"] == 0).all()
    # and the round did something against the status quo
    unmet = found.summary.set_index(["policy", "metric"]).loc[("list", "unmet_fte")]
    assert unmet["diff_ci_high"] < 0
    # each move that ran: its details at the round and its fate in every replication
    moves = found.moves
    assert len(moves) == len(plan)
    shares = moves[[c for c in moves if c.startswith("share_")]]
    assert np.allclose(shares.sum(axis=1), 1.0, atol=1e-3)
    assert moves["share_executed"].gt(0).any() and moves["share_refused"].gt(0).any()
    book = pd.read_excel(tmp_path / "out" / "evaluation.xlsx", sheet_name=None, dtype=str,
                         engine="calamine")
    assert list(book) == ["temuan", "ringkasan", "baris", "usulan_mutasi", "penjelasan",
                          "audit_keadilan", "asumsi"]
    explained = book["penjelasan"]
    assert len(explained) == len(plan)
    assert explained["Mengapa pegawai ini"].str.contains("minimum masa jabatan 24 bulan").all()
    assert explained["Mengapa unit ini"].str.contains(r"EJ \d,\d\d → ").all()
    assert (book["baris"]["Status"] == "dijalankan").all()
    assert book["ringkasan"]["Daftar − rancangan"].isin(["0", "+0,0 pp", "+0,00", "Rp 0",
                                                         "+0", "0,00"]).all()
    meta = json.loads((tmp_path / "out" / "meta.json").read_text())
    assert "evaluation.xlsx" in meta["files"] and meta["policies_compared"] == [
        "none", "list", "draft"]


def test_a_deleted_row_changes_only_that_persons_move(scenario, people):
    w = people["world"]
    rows = people["settled"][:12]
    units = np.array([people["dest"](r) for r in rows])
    roles = w.employees.role[rows]
    seed = replication_seeds(scenario.seed, 2)[1]

    def round_log(keep):
        listed = ListedMoves("list", np.ones(keep.sum(), np.int64), rows[keep], units[keep],
                             roles[keep])
        model = WorkforceModel(scenario, rng=seed, policy=listed, agent_views="lazy")
        model.step()  # January: the round
        log = model.transfer_log.frame(model.world)
        return log[log["policy"] == "list"].set_index("employee_id")

    full = round_log(np.ones(rows.size, bool))
    keep = np.ones(rows.size, bool)
    keep[5] = False
    less = round_log(keep)
    assert rows[5] in full.index and rows[5] not in less.index
    pd.testing.assert_frame_equal(full.drop(index=rows[5]), less)


def test_a_row_breaking_a_rule_runs_only_when_the_planner_marks_it(scenario, people,
                                                                     tmp_path):
    recent, dest = people["recent"][0], people["dest"]
    settled = people["settled"][0]
    plain = _csv(tmp_path / "plain.csv", [(settled, dest(settled), "", "", ""),
                                          (recent, dest(recent), "", "", "")])
    checked = check_list(scenario, plain)
    row = checked.rows.iloc[1]
    assert row["status"] == "refused" and "masa jabatan" in row["problem"].render("id")
    assert "override" in row["problem"].render("en")
    marked = _csv(tmp_path / "marked.csv", [(settled, dest(settled), "", "", ""),
                                            (recent, dest(recent), "", "", "ya")])
    found = evaluate(scenario, marked, tmp_path / "out")
    row = found.checked.rows.iloc[1]
    assert row["status"] == "run_override" and row["waived"] == "min_tenure"
    log = pd.read_parquet(tmp_path / "out" / "transfers.parquet")
    mine = log[(log["policy"] == "list") & (log["employee_id"] == recent)]
    assert len(mine) == SMALL["replications"]  # proposed in every replication
    assert (mine["reason"] == "listed_override").all()
    assert not mine["outcome"].str.startswith("blocked:min_tenure").any()
    # the report and the workbook say so
    report = (tmp_path / "out" / "report.html").read_text()
    assert "Dijalankan meski melanggar aturan" in report and "masa jabatan" in report
    moves = pd.read_excel(tmp_path / "out" / "evaluation.xlsx", sheet_name="usulan_mutasi",
                          dtype=str, engine="calamine")
    assert moves["Aturan yang dikecualikan"].fillna("").str.contains("masa jabatan").sum() == 1


def test_every_row_read_is_run_or_refused_with_its_reason(scenario, people, tmp_path):
    s, dest, w = people["settled"], people["dest"], people["world"]
    rows = [
        (s[0], dest(s[0]), "", "", ""),                       # 2 runs
        (999999, 3, "", "", ""),                              # 3 unknown person
        (s[0], dest(s[0]), "", "", ""),                       # 4 duplicate of row 2
        (s[1], "ZZZ", "", "", ""),                            # 5 unknown unit
        (s[2], dest(s[2]), "Bidan", "", ""),                  # 6 not eligible
        (s[3], dest(s[3]), "Astronot", "", ""),               # 7 unknown position
        (s[4], dest(s[4]), "", "2045-01", ""),                # 8 outside the horizon
        (s[5], dest(s[5]), "", "januari", ""),                # 9 not YYYY-MM
        (s[6], dest(s[6]), "", "", "mungkin"),                # 10 override neither yes nor no
        ("rekrut-5", 3, "", "", ""),                          # 11 a simulated recruit
        ("", 3, "", "", ""),                                  # 12 no person
        (s[7], dest(s[7]), "", "2027-07", ""),                # 13 runs in July
        (s[8], w.employees.unit[s[8]], "", "", ""),           # 14 same position
    ]
    checked = check_list(scenario, _csv(tmp_path / "list.csv", rows), lang="en")
    r = checked.rows.set_index("file_row")
    assert len(r) == len(rows) == checked.n_run + checked.n_refused
    assert list(r.index[r["status"] == "run"]) == [2, 13]
    expect = {3: "does not exist", 4: "already proposed on row 2", 5: "unknown",
              6: "not eligible", 7: "Astronot is unknown", 8: "not a mutation round",
              9: "write YYYY-MM", 10: "neither 'yes' nor 'no'", 11: "recruit of the simulation",
              12: "empty", 14: "same position"}
    for row, words in expect.items():
        assert r.at[row, "status"] == "refused"
        assert words in r.at[row, "problem"].render("en"), (row, r.at[row, "problem"])
        assert r.at[row, "problem"].render("id") != r.at[row, "problem"].render("en")
    assert sorted(set(checked.listed.month.tolist())) == [1, 7]


def test_a_list_nothing_of_which_can_run_exits_2(people, tmp_path, capsys):
    bad = _csv(tmp_path / "bad.csv", [(999999, 3, "", "", ""), (people["settled"][0], "ZZZ",
                                                                "", "", "")])
    assert main(["evaluate", str(bad), "-r", "1", "--years", "1",
                 "--out", str(tmp_path / "o1")]) == 2
    err = capsys.readouterr().err
    assert "tidak ada baris yang dapat dijalankan" in err and "baris 2" in err \
        and "baris 3" in err and "Traceback" not in err
    assert not (tmp_path / "o1").exists()
    empty = tmp_path / "empty.csv"
    empty.write_text("nip,kode_unit_tujuan\n")
    assert main(["evaluate", str(empty), "--out", str(tmp_path / "o2"), "--lang", "en"]) == 2
    assert "no rows" in capsys.readouterr().err.lower()
    # a workbook without the moves sheet and more than one sheet
    book = openpyxl.Workbook()
    book.active.title = "lembar1"
    book.create_sheet("lembar2")
    book.save(tmp_path / "two.xlsx")
    assert main(["evaluate", str(tmp_path / "two.xlsx"), "--out", str(tmp_path / "o3")]) == 2
    err = capsys.readouterr().err
    assert "usulan_mutasi" in err and "lembar1" in err
    assert main(["evaluate", str(tmp_path / "nowhere.csv"), "--out", str(tmp_path / "o7")]) == 2
    assert "berkas daftar tidak ditemukan" in capsys.readouterr().err
    (tmp_path / "list.pdf").write_bytes(b"%PDF")
    assert main(["evaluate", str(tmp_path / "list.pdf"), "--out", str(tmp_path / "o4")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["evaluate", str(bad), "--against", "none", "--out", str(tmp_path / "o5")]) == 2
    assert main(["evaluate", str(bad), "--against", "nonexistent",
                 "--out", str(tmp_path / "o6")]) == 2
    capsys.readouterr()


def test_an_edited_plan_of_an_imported_roster_by_nip(example, tmp_path, capsys):
    """A planner deletes a row, changes a destination, adds people in the plan workbook."""
    scenario = str(example / "region.yaml")
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", scenario, "--policy", "balancing", "--out", str(plan)]) == 0
    book = openpyxl.load_workbook(plan)
    sheet = book["usulan_mutasi"]
    header = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    n = sheet.max_row - 1
    assert n >= 3
    deleted = sheet.cell(row=3, column=col["NIP / pegawai"]).value
    sheet.delete_rows(3)
    roster = pd.read_csv(example / "employees.csv", dtype=str)
    listed = {sheet.cell(row=r, column=col["NIP / pegawai"]).value for r in range(2, n + 1)}
    units = pd.read_csv(example / "units.csv", dtype=str).set_index("unit_code")
    settled = roster[(roster["position_start"] < "2023-01-01") & (roster["employment"] == "PNS")
                     & ~roster["nip"].isin(listed | {deleted})]
    spare = settled["nip"].tolist()

    def elsewhere(nip):  # a unit of the same kind as the person's own, not theirs
        here = settled.set_index("nip").at[nip, "unit_code"]
        same = units.index[(units["kind"] == units.at[here, "kind"]) & (units.index != here)]
        return same[0]

    # a NIP written in groups (as letters print it) is read; one typed as a number is not
    grouped = f"{spare[0][:8]} {spare[0][8:14]} {spare[0][14]} {spare[0][15:]}"
    for nip, unit in ((grouped, elsewhere(spare[0])), (float(spare[1]), elsewhere(spare[1]))):
        r = sheet.max_row + 1
        sheet.cell(row=r, column=col["NIP / pegawai"], value=nip)
        sheet.cell(row=r, column=col["Kode unit tujuan"], value=unit)
    book.save(plan)
    out = tmp_path / "out"
    assert main(["evaluate", scenario, str(plan), "-r", "2", "--years", "1", "--out",
                 str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert f"{n + 1} baris dibaca" in printed
    rows = pd.read_excel(out / "evaluation.xlsx", sheet_name="baris", dtype=str,
                         engine="calamine")
    assert len(rows) == n + 1 and deleted not in set(rows["NIP / pegawai"])
    typed = rows.iloc[-1]
    assert typed["Status"] == "ditolak" and "tersimpan sebagai angka" in typed["Keterangan"]
    grouped_row = rows.iloc[-2]
    assert grouped_row["NIP / pegawai"] == grouped  # shown as written
    assert grouped_row["Status"] == "dijalankan", grouped_row.to_dict()
    log = pd.read_csv(out / "transfers.csv", dtype=str)
    mine = log[log["policy"] == "list"]
    assert spare[0] in set(mine["nip"]) and deleted not in set(mine["nip"])
    assert str(spare[1]) not in set(mine["nip"])


def test_evaluate_speaks_english_and_the_report_lists_the_list(scenario, plan_book, tmp_path):
    edited = tmp_path / "plan.xlsx"
    shutil.copy(plan_book, edited)
    found = evaluate(scenario, edited, tmp_path / "out", lang="en")
    assert found.checked.n_run > 0
    book = pd.read_excel(tmp_path / "out" / "evaluation.xlsx", sheet_name=None, dtype=str,
                         engine="calamine")
    assert list(book) == ["findings", "summary", "rows", "moves", "explanations",
                          "fairness_audit", "assumptions"]
    assert (book["rows"]["Status"] == "run").all()
    report = (tmp_path / "out" / "report-en.html").read_text()
    assert "The list tested" in report and "the planner&#39;s list" in report


def test_only_certain_departures_refuse_a_row(example, tmp_path):
    """A PPPK contract not renewed is a chance event of one draw: the row still runs.

    The example region's roster is the same whatever the seed (a drawn region is not),
    so the seeds change only the draws.
    """
    scenario = load_scenario(example / "region.yaml", SMALL)
    w = World.build(scenario, RandomStreams(replication_seeds(scenario.seed, 1)[0]))
    E, U = w.employees, w.units
    needed_in = (U.demand > 0).sum(axis=0)  # units needing each role
    ending = np.flatnonzero(E.active & (E.employment == 1) & (E.contract_end < w.now + 6)
                            & (w.now - E.moved_at > 30) & (needed_in[E.role] > 1))[:18]
    assert ending.size >= 5

    def dest(r):
        units = np.flatnonzero(U.demand[:, E.role[r]] > 0)
        return U.codes[units[units != E.unit[r]][0]]

    path = _csv(tmp_path / "pppk.csv", [(w.nip[r], dest(r), "", "2027-07", "") for r in ending])
    refused, chance = [], []
    for seed in (1, 2, 3):
        checked = check_list(load_scenario(example / "region.yaml", SMALL | {"seed": seed}),
                             path, lang="en")
        rows = checked.rows
        refused.append(set(rows.loc[rows["status"] == "refused", "file_row"]))
        said = [p.render("en") for p in rows["problem"] if p is not None]
        chance += [x for x in said if "chance event" in x]
        assert all("retired" in x or "rule" in x or "chance" in x for x in said), said
    assert refused[0] == refused[1] == refused[2]  # the same rows, whatever the draw
    assert chance  # some contract ended in some draw, and those rows ran


def test_an_overridden_move_names_every_rule_it_breaks_and_claims_none(people, tmp_path):
    near = load_scenario("default", SMALL | {"mutation.constraints.max_distance_km": 5.0})
    w, dest = people["world"], people["dest"]
    far = next(r for r in people["recent"]
               if w.unit_distance(np.array([w.employees.unit[r]]), np.array([dest(r)]))[0] > 5)
    path = _csv(tmp_path / "two.csv", [(far, dest(far), "", "", "ya")])
    checked = check_list(near, path, lang="en")
    note = checked.rows.iloc[0]["problem"].render("en")
    assert checked.rows.iloc[0]["status"] == "run_override"
    assert "below minimum tenure" in note and "too far" in note
    found = evaluate(near, path, tmp_path / "out", lang="en")
    passed = found.moves["checks_passed"].iloc[0]
    assert "in position >=" not in passed and "distance <=" not in passed
    assert "eligible for the role" in passed


def test_no_policy_but_a_planners_list_may_override_a_rule(scenario, people):
    """A custom policy that marks its moves `override` is still blocked by the rules."""
    from model.policies.base import Moves, Policy

    recent = people["recent"][:5]
    units = np.array([people["dest"](r) for r in recent])

    class Sneaky(Policy):
        name = "sneaky"

        def propose(self, view, rng):
            return Moves.build(recent, units, view.employees.role[recent], "x", 0.0, True)

    model = WorkforceModel(scenario, policy=Sneaky(), record_units=False)
    model.step()
    log = model.transfer_log.frame(model.world)
    mine = log[log["policy"] == "sneaky"]
    assert len(mine) == 5 and (mine["outcome"] == "blocked:min_tenure").all()


def test_a_post_the_destinations_abk_does_not_hold_needs_the_planners_mark(people, tmp_path,
                                                                          scenario):
    w = people["world"]
    E, U = w.employees, w.units
    row = people["settled"][0]
    empty = np.flatnonzero(U.demand[:, E.role[row]] == 0)[0]  # no such post there
    fine = people["settled"][1]
    plain = check_list(scenario, _csv(tmp_path / "a.csv", [
        (row, empty, "", "", ""), (fine, people["dest"](fine), "", "", "")]),
        lang="en").rows.iloc[0]
    assert plain["status"] == "refused" and "no need for this position" in \
        plain["problem"].render("en")
    marked = check_list(scenario, _csv(tmp_path / "b.csv", [(row, empty, "", "", "ya")]),
                        lang="en").rows.iloc[0]
    assert marked["status"] == "run_override" and "overridden" in marked["problem"].render("en")


def test_a_destination_whose_name_and_code_disagree_is_refused(scenario, plan_book, tmp_path):
    """A planner who renamed the destination but left its code: the row says which."""
    book = openpyxl.load_workbook(plan_book)
    sheet = book["usulan_mutasi"]
    col = {c.value: i + 1 for i, c in enumerate(sheet[1])}
    sheet.cell(row=3, column=col["Unit tujuan"]).value = "SD Negeri 999 Lain"
    sheet.cell(row=4, column=col["Unit tujuan"]).value = None  # an emptied name is fine
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    rows = check_list(scenario, edited, lang="en").rows.set_index("file_row")
    assert rows.at[3, "status"] == "refused"
    assert "does not match code" in rows.at[3, "problem"].render("en")
    assert rows.at[4, "status"] == "run" and (rows["status"] == "run").sum() == len(rows) - 1
