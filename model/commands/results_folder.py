"""`figures` and `report`: what is drawn and written again from a results folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import lang_option
from ..core.errors import UserError
from ..core.text import Catalogue, Text
from ..reporting.console import Console, say
from .base import Command
from .messages import CommandMsg


class ResultsHelp(Catalogue, area="cli.help.results_folder"):
    """The help of `figures` and `report` and of their options."""

    figures = Text("gambar ulang grafik dari folder hasil",
                   "redraw the figures of a results folder")
    report = Text("tulis laporan HTML dari folder hasil",
                  "write the HTML report of a results folder")
    dir = Text("folder hasil dari `run` atau `compare`", "a results folder of `run` or `compare`")
    out = Text("berkas HTML (bawaan RESULTS_DIR/report.html)",
               "the HTML file (default RESULTS_DIR/report.html)")
    pdf = Text("cetak juga ke PDF (weasyprint)", "also print it to PDF (weasyprint)")


def add_figures_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `figures`."""
    p.add_argument("dir")
    lang_option(p)


def figures(args: argparse.Namespace) -> int:
    """Redraw the figures of a results folder."""
    from ..reporting.figures import draw_all
    from ..results.files import has_table

    run_dir = Path(args.dir)
    if not has_table(run_dir, "timeseries") or not (run_dir / "summary.csv").is_file():
        raise UserError(CommandMsg.not_results_folder(dir=run_dir))
    for path in draw_all(run_dir, args.lang):
        print(path)
    return 0


def add_report_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `report`."""
    p.add_argument("dir", help=ResultsHelp.dir)
    lang_option(p, help=True)
    p.add_argument("--out", help=ResultsHelp.out)
    p.add_argument("--pdf", action="store_true", help=ResultsHelp.pdf)


def report(args: argparse.Namespace) -> int:
    """Write the HTML report of a results folder (and a PDF with --pdf)."""
    from ..reporting.report import write_pdf, write_report

    run_dir = Path(args.dir)
    if not run_dir.is_dir():
        raise UserError(CommandMsg.no_such_folder(dir=run_dir))
    out = Path(args.out) if args.out else None
    path = write_report(run_dir, args.lang, out)
    say(Console.report, args.lang, path=path)
    if args.pdf:
        print(f"PDF: {write_pdf(path)}")
    return 0


FIGURES = Command("figures", ResultsHelp.figures, add_figures_arguments, figures)
REPORT = Command("report", ResultsHelp.report, add_report_arguments, report)
