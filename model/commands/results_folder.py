"""`figures` and `report`: what is drawn and written again from a results folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import lang_option
from ..core.errors import UserError
from ..reporting.console import Console, say
from .base import Command
from .messages import CommandMsg


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
    p.add_argument("dir", help="a results folder of `run` or `compare`")
    lang_option(p, "id (Indonesian, default) or en")
    p.add_argument("--out", help="the HTML file (default RESULTS_DIR/report.html)")
    p.add_argument("--pdf", action="store_true", help="also print it to PDF (weasyprint)")


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


FIGURES = Command("figures", "redraw the figures of a results folder",
                  add_figures_arguments, figures)
REPORT = Command("report", "write the HTML report of a results folder",
                 add_report_arguments, report)
