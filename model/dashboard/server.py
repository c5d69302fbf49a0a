"""`run_sim.py dashboard`: serve the page with Solara on a local address.

The scenario (with its --set overrides) is resolved by the CLI, written to a
temporary YAML file and handed to the page through the environment, so the page
shows exactly what `run` would run. Solara runs in production mode without version
checks or a browser window (workshop machines are often offline).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.errors import UserError
from ..core.text import words
from ..reporting.messages_report import ReportMsg
from ..scenario.loading import dump_scenario
from ..scenario.scenario import Scenario

# what the console says while it serves (the page's own words are in `state`, which
# imports Solara: the command line does not wait for it)
WORDS = words("dashboard.server", {
    "served": ("Dasbor ({name}): {url}", "Dashboard ({name}): {url}"),
    "stop": ("Ctrl+C: berhenti", "Ctrl+C: stop"),
})


def check_port(host: str, port: int) -> None:
    """A clear error when the address cannot be listened on (in use, or not this host's)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            s.bind((host, port))
        except OSError as exc:
            raise UserError(ReportMsg.cannot_listen(addr=f"{host}:{port}", why=exc.strerror or exc,
                                              eg=f"--port {port + 1}")) from None


def command(host: str, port: int) -> list[str]:
    """The Solara command that serves the page."""
    return [sys.executable, "-m", "solara", "run", "model.dashboard.page", "--host", host,
            "--port", str(port), "--production", "--no-open", "--no-check-version",
            "--log-level", "warning", "--log-level-uvicorn", "warning"]


def serve(scenario: Scenario, name: str, host: str = "127.0.0.1", port: int = 8765,
          lang: str = "id", front: Path | None = None) -> int:
    """Serve the dashboard until interrupted; return the exit status.

    `front`: a `search` folder whose front the page offers (the 'Search front' card).
    """
    check_port(host, port)
    with tempfile.TemporaryDirectory(prefix="mutasi-dashboard-") as tmp:
        path = Path(tmp) / "scenario.yaml"
        path.write_text(dump_scenario(scenario), encoding="utf-8")
        env = {**os.environ, "MUTASI_DASHBOARD_SCENARIO": str(path),
               "MUTASI_DASHBOARD_LANG": lang, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
               "SOLARA_THEME_SHOW_BANNER": "False"}  # its badge would sit on the charts
        if front is not None:
            env["MUTASI_DASHBOARD_FRONT"] = str(Path(front).resolve())
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        print(WORDS["served"].format(lang, name=name, url=f"http://{shown}:{port}"))
        print(WORDS["stop"][lang], flush=True)
        proc = subprocess.Popen(command(host, port), env=env,
                                cwd=Path(__file__).resolve().parents[2])

        def stop(signum, frame):  # SIGTERM stops the server too, never leaves it behind
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
