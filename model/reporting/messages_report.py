"""Errors a planner reads from the report and the dashboard: Indonesian and English."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class ReportMsg(Catalogue, area="reporting.report"):
    """Errors of the reporting commands."""

    not_results = Text(
        "{dir}: bukan folder hasil (tidak ada {files})\n  perbaikan: berikan folder yang "
        "ditulis oleh `run` atau `compare`",
        "{dir}: not a results folder (missing {files})\n  fix: give a folder written by "
        "`run` or `compare`")
    unreadable = Text(
        "{dir}: berkas hasil tidak dapat dibaca ({error})\n  perbaikan: jalankan `run` atau "
        "`compare` lagi ke folder baru",
        "{dir}: a results file cannot be read ({error})\n  fix: run `run` or `compare` again "
        "into a new folder")
    not_as_written = Text(
        "{dir}: summary.csv, meta.json atau scenario.yaml tidak seperti yang ditulis `run`\n"
        "  perbaikan: jalankan `run` atau `compare` lagi ke folder baru",
        "{dir}: summary.csv, meta.json or scenario.yaml is not as `run` writes it\n  fix: run "
        "`run` or `compare` again into a new folder")
    cannot_write_report = Text("{out}: laporan tidak dapat ditulis ({why})",
                               "{out}: cannot write the report ({why})")
    no_weasyprint = Text(
        "--pdf memerlukan weasyprint dan pustaka sistemnya (pango): {error}\n  perbaikan: "
        "pip install weasyprint; di Debian apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        "--pdf needs weasyprint and its system libraries (pango): {error}\n  fix: pip install "
        "weasyprint; on Debian apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    cannot_write_pdf = Text("{pdf}: PDF tidak dapat ditulis ({error})",
                            "{pdf}: cannot write the PDF ({error})")
    cannot_listen = Text(
        "dasbor: tidak dapat membuka {addr} ({why})\n  perbaikan: pilih --port lain "
        "(misalnya {eg}) atau --host",
        "dashboard: cannot listen on {addr} ({why})\n  fix: choose another --port (e.g. {eg}) "
        "or --host")
