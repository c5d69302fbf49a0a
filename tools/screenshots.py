"""Take the README's screenshots: the dashboard and a report, in headless Chromium.

    python tools/screenshots.py [RESULTS_DIR]   # e.g. the folder `make run` wrote

Writes docs/img/dashboard.png, and docs/img/report.png when a results folder is given
(Debian's chromium and the playwright client are needed, as for the browser tests).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def main(results: Path | None) -> None:
    """Serve the dashboard, drive it through a year and a comparison, shoot both pages."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "run_sim.py", "dashboard", "--port", str(port)],
                            cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(url, timeout=60_000)
            page.get_by_text("Angka utama").wait_for(timeout=60_000)
            page.get_by_label("Kebijakan mutasi").click(force=True)
            page.get_by_role("option", name="penyeimbangan beban", exact=True).click()
            page.get_by_role("button", name="Mulai ulang").click()
            page.locator("tr", has_text="Kebijakan").get_by_text(
                "penyeimbangan beban").wait_for(timeout=30_000)
            for year in (2027, 2028):
                page.get_by_role("button", name="Maju 1 tahun").click()
                page.locator("tr", has_text="Bulan simulasi").get_by_text(
                    f"{year}-12").wait_for(timeout=60_000)
            page.get_by_role("button", name="Bandingkan dengan status quo").click()
            page.get_by_text("Selisih pengaturan saat ini terhadap status quo").wait_for(
                timeout=180_000)
            page.wait_for_function("() => [...document.querySelectorAll('.mutasi-panel img')]"
                                   ".every(i => i.complete && i.naturalWidth > 0)")
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs/img/dashboard.png"))
            shots = ["docs/img/dashboard.png"]
            if results is not None:
                page = browser.new_page(viewport={"width": 1000, "height": 1300})
                page.goto((results / "report.html").resolve().as_uri())
                page.screenshot(path=str(ROOT / "docs/img/report.png"))
                shots.append("docs/img/report.png")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(20)
    print(", ".join(shots))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
