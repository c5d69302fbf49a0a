"""`dashboard`: the workshop dashboard (a Solara page over the Mesa model) in the browser."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli_parser import scenario_options, whole_number
from ..core.text import Catalogue, Text
from .base import Command
from .common import scenario_from_args


class DashboardHelp(Catalogue, area="cli.help.dashboard"):
    """The help of `dashboard` and its options."""

    command = Text("dasbor lokakarya di peramban (Solara)",
                   "the workshop dashboard in the browser (Solara)")
    port = Text("port (bawaan 8765)", "port (default 8765)")
    host = Text("alamat yang didengarkan (bawaan 127.0.0.1; 0.0.0.0 untuk jaringan LAN "
                "lokakarya)",
                "address to listen on (default 127.0.0.1; 0.0.0.0 for a workshop LAN)")
    front = Text("folder hasil `search`: kartu front untuk memilih kandidat dan memakai "
                 "pengaturannya",
                 "a `search` folder: a front card to choose a candidate and use its settings")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `dashboard`."""
    scenario_options(p)
    p.add_argument("--port", type=whole_number("port", 1, 65535), default=8765,
                   help=DashboardHelp.port)
    p.add_argument("--host", default="127.0.0.1",
                   help=DashboardHelp.host)
    p.add_argument("--front", help=DashboardHelp.front)


def run(args: argparse.Namespace) -> int:
    """Start the workshop dashboard in the browser (serves until stopped)."""
    from ..dashboard.model import dashboard_model
    from ..dashboard.server import serve

    scenario = scenario_from_args(args)
    dashboard_model(scenario)()  # the page's first model: any problem is an error here
    front = None
    if args.front:
        from ..experiments.search_results import check_front

        check_front(Path(args.front), scenario, args.lang)  # an error here, not on the page
        front = Path(args.front)
    return serve(scenario, args.scenario, host=args.host, port=args.port, lang=args.lang,
                 front=front)


DASHBOARD = Command("dashboard", DashboardHelp.command, add_arguments, run)
