"""The levers a planner pulls, declared once: dashboard controls, report assumptions.

Each lever names a scenario parameter by its dotted path; its range comes from that
parameter's declaration (`iter_parameters`), narrowed where the declared range is
far wider than any policy study needs (a slider up to Rp 10 billion a month moves in
useless steps). A narrowed range always lies inside the declared one, so no control
can produce a value the scenario would reject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..core.errors import UserError
from ..core.text import REGISTRY, Text, register
from ..policies import POLICIES
from .declarations import iter_parameters
from .messages_loading import LoadMsg
from .scenario import Scenario

POLICY_PARAM = "policies.{policy}.max_share_per_round"  # the lever follows the policy


@dataclass(frozen=True)
class Lever:
    """One control: a keyword of the dashboard model and the parameter it sets."""

    key: str
    path: str  # dotted scenario path; "{policy}" is the chosen policy
    label_id: str
    label_en: str
    kind: str  # select | bool | int | float
    step: float = 1
    ui_max: float | None = None  # narrower than the declared upper bound
    scale: float = 1.0  # shown value = parameter value / scale (e.g. IDR in millions)
    percent: bool = False  # a share, shown as a percentage (0.02 as "2,0 %")
    choices: tuple = ()  # kind "choice": the values a control offers (None: no limit)

    def __post_init__(self) -> None:
        # the label joins the one catalogue (`levers.<key>`, checked for both languages)
        register(f"levers.{self.key}", Text(self.label_id, self.label_en))

    def label(self, lang: str = "id") -> str:
        """The control's label in `lang`."""
        return self.text[lang]

    @property
    def text(self) -> Text:
        """The control's label in both languages (a message field shows it in either)."""
        return REGISTRY[f"levers.{self.key}"]

    def token(self, value: Any) -> str:
        """A choice as a control or an optimiser holds it ('none' for no limit).

        Else the number as text: a select reads null as 'nothing chosen'.
        """
        return "none" if value is None else str(int(value))

    def from_token(self, token: Any) -> int | None:
        """The choice of a `token`."""
        return None if str(token) == "none" else int(token)

    def declared_path(self) -> str:
        """The path whose declaration gives the range (any policy's, they share it)."""
        return self.path.format(policy="balancing")

    def bounds(self, scenario: Scenario | None = None) -> tuple[float, float]:
        """(min, max) of the control in shown units, inside the declared range.

        The narrowed upper bound widens to the scenario's own value when that is higher
        (a valid scenario always opens in the dashboard).
        """
        decl = declaration(self.declared_path())["bounds"]
        lo_op, lo = decl["lower"]
        hi_op, hi = decl["upper"]
        lo = lo + (self.step * self.scale if lo_op == "gt" else 0)
        hi = hi - (self.step * self.scale if hi_op == "lt" else 0)
        shown_hi = min(hi, self.ui_max) if self.ui_max is not None else hi
        if scenario is not None:
            shown_hi = min(hi, max(shown_hi, self.default(scenario) * self.scale))
        return lo / self.scale, shown_hi / self.scale

    def default(self, scenario: Scenario) -> Any:
        """The scenario's own value of this lever (shown units)."""
        if self.key == "policy":
            return scenario.policy_label
        value: Any = scenario
        for part in self.path.format(policy=_main_policy(scenario)).split("."):
            value = getattr(value, part)
        if self.kind == "int":
            return int(value)
        return value / self.scale if self.kind == "float" else value


LEVERS: tuple[Lever, ...] = (
    Lever("policy", "policy", "Kebijakan mutasi", "Transfer policy", "select"),
    Lever("share_per_round", POLICY_PARAM, "Bagian pegawai diusulkan/putaran",
          "Share of staff proposed/round", "float", step=0.005, ui_max=0.2, percent=True),
    Lever("min_months_in_position", "mutation.constraints.min_months_in_position",
          "Masa jabatan min. (bulan)", "Min. months in post",
          "int", step=6, ui_max=120),
    Lever("socialization", "interventions.socialization.enabled", "Sosialisasi program",
          "Socialization", "bool"),
    Lever("training", "interventions.training.enabled", "Pelatihan pascamutasi",
          "Post-transfer training", "bool"),
    Lever("allowance", "interventions.remote_allowance.enabled",
          "Tunjangan daerah terpencil", "Remote-area allowance", "bool"),
    Lever("allowance_million", "interventions.remote_allowance.monthly_idr",
          "Tunjangan (juta Rp/bulan)", "Allowance (IDR m/month)", "float",
          step=0.5, ui_max=10e6, scale=1e6),
    Lever("replacement_rate", "recruitment.replacement_rate",
          "Kuota rekrutmen (x keluar)", "Recruitment (x departures)",
          "float", step=0.05, ui_max=2.0),
    # the annual move budget: the values the EMA adapter offered (None: no limit)
    Lever("move_budget", "mutation.constraints.max_moves_per_year",
          "Batas mutasi per tahun", "Transfers allowed a year", "choice",
          choices=(None, 50, 100, 200, 400)),
)
LEVER_BY_KEY = {lever.key: lever for lever in LEVERS}
# the status quo a setting is compared with: no planned transfers, no intervention
STATUS_QUO = {"policy": "none", "socialization": False, "training": False,
              "allowance": False}


@cache
def _declarations() -> dict[str, dict]:
    return {row["path"]: row for row in iter_parameters()}


def declaration(path: str) -> dict:
    """The declaration row of a parameter (`iter_parameters`), by its dotted path."""
    return _declarations()[path]


def idle_levers(values: Any) -> set[str]:
    """The levers that do nothing in a setting (a mapping or a row of lever values).

    The share per round under a policy that proposes no moves of its own (the status
    quo), the allowance's amount without the allowance.
    """
    idle = set()
    policy = str(values.get("policy", "none"))
    if not any(POLICIES[p].Params is not None for p in policy.split("+") if p in POLICIES):
        idle.add("share_per_round")
    if "allowance" in values and not values["allowance"]:
        idle.add("allowance_million")
    return idle


def policy_choices() -> list[str]:
    """The policies a control offers: every built-in one."""
    return list(POLICIES)


def _main_policy(scenario: Scenario) -> str:
    """The policy whose parameters the policy levers set (the first named one)."""
    names = [p for p in str(scenario.policy_label).split("+")
             if p in POLICIES and POLICIES[p].Params is not None]
    return names[0] if names else "balancing"


def overrides(values: dict[str, Any], scenario: Scenario | None = None) -> dict[str, Any]:
    """Scenario overrides (dotted path -> value) for lever values in shown units.

    Checks each value against the lever's range (for `scenario`, whose own values are
    always in range), so a bad value is a clear error, not a silently clipped one. A
    composed policy ('anticipation+balancing') becomes the list it stands for.
    """
    policy = values.get("policy", "none")
    out: dict[str, Any] = {}
    for key, value in values.items():
        lever = LEVER_BY_KEY.get(key)
        if lever is None:
            raise UserError(LoadMsg.unknown_lever(key=repr(key), known=", ".join(LEVER_BY_KEY)))
        if lever.kind == "choice":
            own = lever.default(scenario) if scenario is not None else None
            if value not in lever.choices and value != own:
                raise UserError(LoadMsg.lever_choice(
                    label=lever.text, value=value,
                    known=", ".join("-" if c is None else str(c) for c in lever.choices)))
            value = None if value is None else int(value)
        elif lever.kind in ("int", "float"):
            lo, hi = lever.bounds(scenario)
            if not lo <= value <= hi:
                raise UserError(LoadMsg.lever_range(label=lever.text, value=value, low=lo,
                                                    high=hi))
            value = int(value) if lever.kind == "int" else float(value) * lever.scale
        if lever.key == "policy":
            if scenario is None or value != scenario.policy_label:  # the scenario's own
                out["policy"] = value.split("+") if "+" in str(value) else value  # stays
        elif "{policy}" in lever.path:
            for name in str(policy).split("+"):
                if name in POLICIES and name != "none":
                    out[lever.path.format(policy=name)] = value
        else:
            out[lever.path] = value
    return out
