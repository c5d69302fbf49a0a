"""Draw docs/img/age-profile.png: the default region's ages and retirements (issue 22).

    python tools/age_profile.py

Left: PNS by single year of age at the start; right: PNS reaching their BUP in each
year of the run (shares of PNS at the start) against the calibration target. "Before"
are the figures of commit 863d0d9 (the age sampler that fitted cells "age band x
reaching the BUP within ten years"), measured with this same code on that commit; "now"
is computed from the current model.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model import WorkforceModel  # noqa: E402
from model.experiments.calibration import load_targets  # noqa: E402

OUT = ROOT / "docs" / "img" / "age-profile.png"
AGES = range(20, 61)
# commit 863d0d9, `WorkforceModel("default")`: % of PNS at each age 20..60, and reaching
# their BUP in years 1..10
BEFORE_AGE = [0.85, 0.85, 0.78, 1.13, 0.76, 1.03, 1.07, 0.99, 0.72, 0.83, 0.81, 2.46, 2.29,
              2.5, 2.35, 2.23, 2.52, 2.56, 2.6, 2.7, 2.43, 4.15, 3.88, 3.61, 4.23, 3.9, 4.09,
              4.35, 2.48, 2.19, 0.43, 4.35, 4.07, 4.29, 3.98, 3.61, 3.38, 3.49, 2.64, 1.94,
              0.49]
BEFORE_DUE = [3.55, 3.51, 3.78, 3.73, 4.11, 3.78, 4.62, 2.62, 2.13, 0.27]


def profile() -> tuple[list[float], list[float]]:
    """% of PNS at each age 20..60 and % reaching their BUP in years 1..10, default region."""
    m = WorkforceModel("default")
    E = m.employees
    pns = E.active & (E.employment == 0)
    age = (m.world.start - E.birth[pns]) // 12
    retire = E.retire_at[pns] - m.world.start
    by_age = [100 * float(np.mean(age == a)) for a in AGES]
    due = [100 * float(np.mean((retire >= 12 * (k - 1)) & (retire < 12 * k)))
           for k in range(1, 11)]
    return by_age, due


def main() -> None:
    """Compute the current profile and write the figure."""
    by_age, due = profile()
    target = next(t for t in load_targets() if t.key == "retirement_year_1")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), dpi=130)
    left.plot(list(AGES), BEFORE_AGE, color="#b2182b", marker="o", ms=3, lw=1,
              label="before (863d0d9)")
    left.plot(list(AGES), by_age, color="#2166ac", marker="o", ms=3, lw=1.5, label="now")
    left.set(xlabel="age at the start (completed years)", ylabel="% of PNS",
             title="PNS by single year of age, default region")
    left.annotate("before, age 50: 0.4 %", (50, 0.43), (33, 0.3),
                  arrowprops={"arrowstyle": "->", "color": "#b2182b"}, color="#b2182b")
    left.set_ylim(0, 4.8)
    left.legend(frameon=False)
    years = np.arange(1, 11)
    low, high = 100 * (target.value - target.tolerance), 100 * (target.value + target.tolerance)
    right.axhspan(low, high, color="#dddddd", label=f"target {100 * target.value:.1f} "
                  f"± {100 * target.tolerance:.1f}")
    right.plot(years, BEFORE_DUE, color="#b2182b", marker="o", lw=1, label="before (863d0d9)")
    right.plot(years, due, color="#2166ac", marker="o", lw=1.5, label="now")
    right.set(xlabel="year of the run (1 = 2027)", ylabel="% of PNS at the start",
              title="PNS reaching their BUP, year by year", xticks=years, ylim=(0, 5))
    right.legend(frameon=False, loc="lower left")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout()
    fig.savefig(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
