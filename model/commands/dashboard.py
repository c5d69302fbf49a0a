"""`dashboard`: the workshop dashboard (a Solara page over the Mesa model) in the browser."""

from __future__ import annotations

import argparse

from ..cli_parser import scenario_options, whole_number
from .base import Command
from .common import scenario_from_args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `dashboard`."""
    scenario_options(p)
    p.add_argument("--port", type=whole_number("port", 1, 65535), default=8765,
                   help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a workshop LAN)")


def run(args: argparse.Namespace) -> int:
    """Start the workshop dashboard in the browser (serves until stopped)."""
    from ..dashboard.model import dashboard_model
    from ..dashboard.server import serve

    scenario = scenario_from_args(args)
    dashboard_model(scenario)()  # the page's first model: any problem is an error here
    return serve(scenario, args.scenario, host=args.host, port=args.port, lang=args.lang)


DASHBOARD = Command("dashboard", "the workshop dashboard in the browser (Solara)",
                    add_arguments, run)
