"""The command line: a smoke test through a subprocess, outputs, and bad input (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT

from model import cli

TIMESERIES_COLUMNS = ["replication", "policy", "month", "n_active", "new_retirements",
                      "new_exits", "new_recruits", "new_moves", "unmet_hours", "load_cv",
                      "p_units_overloaded", "mean_productivity"]
UNITS_COLUMNS = ["replication", "policy", "month", "unit_id", "unit_name", "agency", "role",
                 "staff", "capacity_fte", "required_fte", "gap_fte", "effective_load",
                 "ej_category"]
SMALL = ["--set", "region.target_staff=1200"]


def run_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run_sim.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("runs") / "smoke"
    proc = run_cli("run", "default", "--years", "2", "--replications", "3", "--jobs", "2",
                   "--seed", "9", "--out", str(out), *SMALL)
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_run_writes_every_output(results):
    out, proc = results
    assert "Jam kerja tidak terpenuhi" in proc.stdout  # Indonesian labels by default
    assert str(out) in proc.stdout
    for name in ("scenario.yaml", "meta.json", "timeseries.csv", "summary.csv", "units.csv"):
        assert (out / name).is_file(), name
    figs = sorted(p.name for p in (out / "figures").glob("*.png"))
    assert figs == ["headcount_flows.png", "load_by_agency.png", "load_by_area.png",
                    "unmet_need.png"]
    ts = pd.read_csv(out / "timeseries.csv")
    assert list(ts.columns[:2]) == ["replication", "policy"]
    assert set(TIMESERIES_COLUMNS) <= set(ts.columns)
    assert len(ts) == 3 * (2 * 12 + 1)
    units = pd.read_csv(out / "units.csv")
    assert set(UNITS_COLUMNS) <= set(units.columns)
    assert sorted(units["month"].unique()) == [0, 12, 24]
    assert (units["gap_fte"] - (units["capacity_fte"] - units["required_fte"])).abs().max() < 1e-2
    summary = pd.read_csv(out / "summary.csv")
    assert {"policy", "metric", "mean", "ci_low", "ci_high"} <= set(summary.columns)
    row = summary[summary.metric == "n_active"].iloc[0]
    final = ts[ts.month == 24]["n_active"]
    assert row["mean"] == pytest.approx(final.mean())
    assert row["ci_low"] < row["mean"] < row["ci_high"]
    meta = json.loads((out / "meta.json").read_text())
    assert meta["seed"] == 9 and "mesa" in meta["versions"] and "run" in meta["command"]
    assert meta["wall_seconds"] > 0


def test_parallel_and_serial_runs_give_identical_files(results, tmp_path):
    out, _ = results
    serial = tmp_path / "serial"
    proc = run_cli("run", "default", "--years", "2", "--replications", "3", "--jobs", "1",
                   "--seed", "9", "--out", str(serial), "--quiet", *SMALL)
    assert proc.returncode == 0, proc.stderr
    for name in ("timeseries.csv", "summary.csv", "units.csv", "scenario.yaml"):
        assert (serial / name).read_bytes() == (out / name).read_bytes(), name


def test_existing_results_folder_is_not_overwritten(results):
    out, _ = results
    before = (out / "timeseries.csv").read_bytes()
    proc = run_cli("run", "--years", "1", "--out", str(out), *SMALL)
    assert proc.returncode == 2
    assert "folder hasil sudah ada" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "timeseries.csv").read_bytes() == before


def test_english_labels(tmp_path):
    proc = run_cli("run", "--years", "1", "-r", "2", "--lang", "en", "--out",
                   str(tmp_path / "en"), *SMALL)
    assert proc.returncode == 0, proc.stderr
    assert "Unmet workload hours" in proc.stdout and "Results written to" in proc.stdout


def test_a_crash_leaves_no_finished_looking_folder(tmp_path, monkeypatch):
    import model.reporting.figures

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(model.reporting.figures, "draw_all", boom)
    out = tmp_path / "crash"
    with pytest.raises(RuntimeError):
        cli.main(["run", "--years", "1", "-r", "1", "--out", str(out), "-q", *SMALL])
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_list_validate_and_needs(capsys):
    assert cli.main(["list"]) == 0
    text = capsys.readouterr().out
    assert "default" in text and "none" in text and "unmet_hours" in text and "jam/bulan" in text
    assert cli.main(["list", "--params"]) == 0
    params_text = capsys.readouterr().out
    assert "PermenPAN-RB" in params_text and "NaN" not in params_text
    assert max(map(len, params_text.splitlines())) <= 100
    assert cli.main(["validate", str(ROOT / "scenarios" / "default.yaml")]) == 0
    assert "OK" in capsys.readouterr().out
    assert cli.main(["needs", "--top", "3"]) == 0
    text = capsys.readouterr().out
    assert "Analisis kebutuhan pegawai" in text and "Menurut dinas" in text
    assert "Pendidikan" in text and "Guru SD" in text and "Kurang" in text
    assert max(map(len, text.splitlines())) <= 100  # fits a terminal; --csv has every column


@pytest.mark.parametrize("args, expect", [
    (["run", "atlantis"], "skenario 'atlantis' tidak dikenal"),
    (["run", "missing.yaml"], "berkas skenario tidak ditemukan"),
    (["run", "--set", "recruitment.quota_size=3"], "kunci tidak dikenal"),
    (["run", "--set", "years=-3"], "years = -3"),
    (["run", "--set", "nokey"], "kunci.bertingkat=nilai"),
    (["needs", "--set", "region.pppk_share=2"], "nilai harus <= 1"),
    (["validate", "nothere.yaml"], "berkas skenario tidak ditemukan"),
    (["run", "--lang", "fr", "--years", "1", "--set", "region.target_staff=500"],
     "bahasa tidak dikenal"),
    (["run", "--set", "extends=foo"], "extends cannot be set"),
    (["needs", "--csv", "/nonexistent/dir/x.csv", "--set", "region.target_staff=300"],
     "tidak dapat ditulis"),
])
def test_bad_input_exits_2_with_one_clear_message(capsys, args, expect, tmp_path):
    assert cli.main([*args, "--out", str(tmp_path / "x")] if args[0] == "run" else args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expect in err and "Traceback" not in err


def test_bad_files_through_the_real_command(tmp_path):
    cases = {
        "empty.yaml": "",
        "broken.yaml": "extends: default\nyears: [1\n",
        "typo.yaml": "extends: default\nyaers: 3\n",
        "type.yaml": "extends: default\nseed: abc\n",
        "parent.yaml": "extends: nosuch\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        proc = run_cli("validate", str(tmp_path / name))
        assert proc.returncode == 2, (name, proc.stdout, proc.stderr)
        assert proc.stderr.startswith("error: ") and name in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr


def test_unwritable_out_is_refused_before_running(capsys):
    assert cli.main(["run", "--out", "/proc/no/such/dir", "--years", "1", "--lang", "en"]) == 2
    assert "cannot create the folder" in capsys.readouterr().err
    # a folder whose rights read writable but the system refuses: a message, not a traceback
    assert cli.main(["run", "--out", "/proc/x", "--years", "1", "--quiet",
                     "--set", "region.target_staff=500", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "cannot create the folder /proc/x" in err and "Traceback" not in err


def test_bad_option_values_exit_2():
    proc = run_cli("run", "--replications", "0")
    assert proc.returncode == 2 and "replications harus >= 1" in proc.stderr
    proc = run_cli("run", "--replications", "0", "--lang", "en")
    assert proc.returncode == 2 and "replications must be >= 1" in proc.stderr


@pytest.mark.parametrize("args, expect", [
    (["run", "atlantis"], "unknown scenario 'atlantis'"),
    (["run", "--set", "recruitment.quota_size=3"], "unknown key"),
    (["needs", "--set", "region.pppk_share=2"], "less than or equal to 1"),
])
def test_errors_are_english_with_lang_en(capsys, args, expect, tmp_path):
    assert cli.main([*args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expect in err


def test_the_messages_planners_meet_first_have_both_languages(capsys, tmp_path):
    """Each is printed in Indonesian by default and in English with --lang en, from one
    catalogue text (no English printed where Indonesian is asked for)."""
    cases = [["run", "atlantis"], ["run", "nothere.yaml"], ["report", str(tmp_path)],
             ["report", str(tmp_path / "no")], ["figures", str(tmp_path)],
             ["sweep", "--out", str(tmp_path / "s"), "--set", "years=2"],
             ["run", "--set", "years=abc"]]
    for args in cases:
        assert cli.main(args) == 2
        indonesian = capsys.readouterr().err.removeprefix("error: ").rstrip("\n")
        assert cli.main([*args, "--lang", "en"]) == 2
        english = capsys.readouterr().err.removeprefix("error: ").rstrip("\n")
        assert indonesian != english, args
        assert not {"fix:", "expected", "not found", "unknown"} & set(
            indonesian.replace("\n", " ").split(" ")), (args, indonesian)


def test_argparse_messages_are_translated_by_their_msgid():
    """Each msgid of the catalogue is still one argparse raises (a new Python that rewords
    one fails here), and both forms take the same %-fields."""
    import argparse
    import inspect
    import re

    from model.cli_parser import Argparse

    source = inspect.getsource(argparse)
    texts = [t for t in vars(Argparse).values() if hasattr(t, "en")]
    assert texts
    for text in texts:
        assert f"_({text.en!r})" in source or f'_("{text.en}")' in source, text.en
        fields = [re.findall(r"%(?:\((\w+)\))?[rsd]", form) for form in (text.id, text.en)]
        assert sorted(fields[0]) == sorted(fields[1]), text.key


@pytest.mark.parametrize("lang, expect", [
    ("id", ["argumen berikut wajib diisi: --policy, --out",
            "argumen --executor: pilihan 'foo' tidak valid (pilih dari 'serial', 'pool', "
            "'dask')",
            "argumen tidak dikenal: --bogus", "argumen --out: memerlukan satu nilai",
            "argumen --replications/-r: replications harus bilangan bulat >= 1, diberikan 'x'",
            "argumen --port: port harus <= 65535, diberikan 70000"]),
    ("en", ["the following arguments are required: --policy, --out",
            "argument --executor: invalid choice: 'foo' (choose from 'serial', 'pool', "
            "'dask')",
            "unrecognized arguments: --bogus", "argument --out: expected one argument",
            "argument --replications/-r: replications must be a whole number >= 1, got 'x'",
            "argument --port: port must be <= 65535, got 70000"]),
])
def test_usage_errors_speak_the_readers_language(capsys, lang, expect):
    import argparse

    before = argparse._
    cases = [["plan"], ["compare", "--executor", "foo"], ["run", "--bogus"],
             ["run", "--out"], ["run", "-r", "x"], ["dashboard", "--port", "70000"]]
    for args, want in zip(cases, expect, strict=True):
        with pytest.raises(SystemExit) as exit_:
            cli.main([*args, "--lang", lang] if args[-1] != "--out" else
                     ["run", "--lang", lang, "--out"])
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert err.endswith(f"\nerror: {want}\n"), err
    assert argparse._ is before  # argparse's own `_` is back after parsing


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_command_has_help(capsys, lang):
    import argparse

    from model.commands import COMMANDS

    before = argparse._
    usage = {"id": "penggunaan: run_sim.py", "en": "usage: run_sim.py"}[lang]
    for args in [[], *([c.name] for c in COMMANDS)]:
        with pytest.raises(SystemExit) as exit_:
            cli.main([*args, "--help", "--lang", lang])
        assert exit_.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith(usage) and "--help" in text
    assert cli.build_parser().format_help().startswith("penggunaan: run_sim.py")
    assert cli.build_parser("en").format_help().startswith("usage: run_sim.py")
    assert argparse._ is before  # argparse's own `_` is back after the help


def _help_of(capsys, *args: str) -> str:
    """The help `run_sim.py ARGS` prints, without its line breaks and spaces (argparse
    wraps it to the terminal's width)."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(list(args))
    assert exit_.value.code == 0
    return "".join(capsys.readouterr().out.split())


def _option_help(*areas: str) -> list:
    from model.core.text import REGISTRY

    return [t for key, t in REGISTRY.items() if key.rpartition(".")[0] in areas and t.id != t.en]


def test_help_is_indonesian_by_default_and_english_with_lang_en(capsys):
    from model.cli_parser import OptionHelp

    texts = _option_help("cli.help", "cli.help.experiment")
    assert len(texts) > 10
    indonesian = _help_of(capsys, "run", "-h")
    for heading in ("penggunaan:", "argumenposisi:", "opsi:", "tampilkanbantuaninilalukeluar"):
        assert heading in indonesian
    for english in ("usage:", "positionalarguments:", "options:", "showthishelpmessage"):
        assert english not in indonesian
    for text in texts:  # no English sentence of an option's help is left
        assert "".join(text.en.split()) not in indonesian, text.key
    assert "".join(OptionHelp.overwrite.id.split()) in indonesian
    for args in (["run", "-h", "--lang", "en"], ["run", "--lang=en", "-h"],
                 ["run", "-h", "--la", "en"]):
        english = _help_of(capsys, *args)
        assert english.startswith("usage:run_sim.pyrun") and "options:" in english
        assert "horizoninyears" in english and "replacetheresultsfolderifitexists" in english
        assert "built-inscenarionameorYAMLfile(default:default)" in english
        assert "bawaan" not in english and "opsi:" not in english
    top = _help_of(capsys, "-h")
    assert "Mutasi:simulasikebijakanmutasiASN" in top and "jalankanreplikasi" in top
    top = _help_of(capsys, "-h", "--lang", "en")
    assert "Mutasi:simulatecivil-servicetransferpolicies" in top
    assert "runreplicationsandwritearesultsfolder" in top


@pytest.mark.parametrize("command", ["compare", "sweep", "needs", "calibration", "sensitivity",
                                     "list", "validate", "init-region", "plan", "figures",
                                     "report", "dashboard", "bench"])
def test_every_commands_help_is_indonesian(capsys, command):
    area = "cli.help." + {"compare": "experiment", "list": "list", "figures": "results_folder",
                          "report": "results_folder"}.get(command, command.replace("-", "_"))
    indonesian = _help_of(capsys, command, "-h")
    assert "opsi:" in indonesian and "options:" not in indonesian
    for text in _option_help("cli.help", area):
        assert "".join(text.en.split()) not in indonesian, text.key


def test_console_sentences_in_both_languages(capsys, tmp_path):
    path = str(ROOT / "scenarios" / "default.yaml")
    assert cli.main(["validate", path, "--set", "region.target_staff=20"]) == 0
    out = capsys.readouterr().out
    assert "adalah skenario 'default' yang valid" in out and "sebelum penskalaan" in out
    assert cli.main(["validate", path, "--lang", "en"]) == 0
    assert "is a valid scenario 'default' (20 districts" in capsys.readouterr().out
    assert cli.main(["init-region", str(tmp_path / "r"), "--no-excel", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "files, " in out and "edit first: description" in out and "next: python" in out
    assert cli.main(["init-region", str(tmp_path / "s"), "--no-excel"]) == 0
    assert "berikutnya: python run_sim.py validate" in capsys.readouterr().out
    assert cli.main(["validate", str(tmp_path / "s" / "region.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("peringatan: deskripsi skenario")
    assert "yang valid dengan data daerah sendiri (" in out and "kebijakan status quo" in out


def test_numbers_use_the_separators_of_the_language():
    from model.reporting.formats import fmt_number

    assert fmt_number(6936.4, "id") == "6.936" and fmt_number(6936.4, "en") == "6,936"
    assert fmt_number(0.8561, "id") == "0,856" and fmt_number(0.8561, "en") == "0.856"
    assert fmt_number(12.345, "en") == "12.35" and fmt_number(float("nan")) == "-"


TRANSFER_COLUMNS = ["replication", "run_policy", "month", "employee_id", "from_unit", "to_unit",
                    "from_role", "to_role", "policy", "reason", "outcome", "cost_idr",
                    "prod_3m", "prod_6m", "prod_12m"]


@pytest.mark.parametrize("policy", ["rotation", "balancing", "matching", "anticipation",
                                    "optimal"])
def test_each_policy_runs_and_reports_its_transfers(policy, tmp_path):
    out = tmp_path / policy
    assert cli.main(["run", "--set", f"policy={policy}", "--years", "2", "-r", "2",
                     "--out", str(out), *SMALL]) == 0
    log = pd.read_csv(out / "transfers.csv")
    assert set(TRANSFER_COLUMNS) <= set(log.columns)
    assert (log.policy == policy).any() and set(log.run_policy) == {policy}
    ts = pd.read_csv(out / "timeseries.csv")
    assert log.outcome.isin(["executed", "forced"]).sum() == ts.new_moves.sum() > 0


def test_run_prints_what_was_moved_why_and_the_cost(capsys, tmp_path):
    assert cli.main(["run", "--set", "policy=balancing", "--years", "1", "-r", "2",
                     "--out", str(tmp_path / "b"), *SMALL]) == 0
    text = capsys.readouterr().out
    assert "Mutasi per replikasi" in text and "penyeimbangan beban kerja" in text
    assert "dilaksanakan" in text and "Biaya" in text and "Rp " in text
    assert max(map(len, text.splitlines())) <= 100 or "peringatan" in text


def test_bench_runs_a_tiny_size_against_the_reference(capsys):
    reference = ROOT.parent / "shared" / "reference" / "sol.py"
    if not reference.is_file():
        pytest.skip(f"the numpy reference is not at {reference} (../shared beside the project)")
    assert cli.main(["bench", "--sizes", "300", "--years", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (row,) = report["sizes"]
    assert row["employees"] > 0 and row["loop_seconds"] > 0 and row["ratio"] > 0
    assert row["round_seconds_optimal"] > 0
    assert row["kernels_start_seconds"] == 0  # a small region does not use them


def test_bench_starts_the_kernels_before_its_memory_baseline(capsys, monkeypatch):
    reference = ROOT.parent / "shared" / "reference" / "sol.py"
    if not reference.is_file():
        pytest.skip(f"the numpy reference is not at {reference} (../shared beside the project)")
    monkeypatch.setenv("MUTASI_COMPILED", "1")  # the child measuring the size inherits it
    assert cli.main(["bench", "--sizes", "300", "--years", "1", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["sizes"]
    assert row["kernels_start_seconds"] > 0 and row["loop_seconds"] > 0
