"""Load a scenario: YAML file or built-in name, `extends:` chains, `--set` overrides.

A scenario file is data. `extends: default` starts from a built-in scenario (found
from any folder); `extends: ../other.yaml` is relative to the file. The child's
mappings are merged key by key into the parent's; lists and scalars replace.
The merged mapping is validated against the declarations (`par(...)` in each process's
section, read through `declarations.py`); every problem is reported with the file, the
key path, the line, the bad value and what is expected, in the reader's language
(`messages_loading.py`).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..core.errors import ScenarioError
from ..core.text import Lines, Text, render
from .declarations import defaults_tree, iter_parameters, merge_rules
from .messages_loading import PYDANTIC, REMOVED, LoadMsg
from .paths import resolve_paths
from .scenario import Scenario
from .yaml_file import read_yaml

SCENARIO_DIR = Path(os.environ.get("MUTASI_SCENARIOS",
                                   Path(__file__).resolve().parents[2] / "scenarios"))


def builtin_scenarios() -> dict[str, Path]:
    """Names and paths of the built-in scenarios (the YAML files in `scenarios/`)."""
    return {p.stem: p for p in sorted(SCENARIO_DIR.glob("*.yaml"))}


def resolve_name(name_or_path: str | os.PathLike) -> Path:
    """Turn a scenario name or a file path into an existing file path."""
    text = str(name_or_path)
    path = Path(text)
    if path.suffix in (".yaml", ".yml") or os.sep in text or "/" in text:
        if not path.is_file():
            raise ScenarioError(LoadMsg.file_not_found(
                path=text, known=", ".join(builtin_scenarios())))
        return path
    known = builtin_scenarios()
    if text not in known:
        raise ScenarioError(LoadMsg.unknown_scenario(
            name=repr(text), known=", ".join(known) or LoadMsg.none_known()))
    return known[text]


def deep_merge(parent: dict[str, Any], child: dict[str, Any], path: tuple = ()) -> dict[str, Any]:
    """Merge `child` into a copy of `parent`: mappings key by key, the rest replaced.

    A parameter declared with `merge="replace"` is replaced whole; with `merge="top"`
    its keys merge but each value is replaced (see `model.core.declare.par`).
    """
    rules = _merge_rules()
    out = dict(parent)
    for key, value in child.items():
        sub = (*path, key)
        rule = rules.get(sub, rules.get((*path[:-1], "*", key), "deep"))
        old = out.get(key)
        if not (isinstance(value, dict) and isinstance(old, dict)) or rule == "replace":
            out[key] = value
        elif rule == "top":
            out[key] = {**old, **value}
        else:
            out[key] = deep_merge(old, value, sub)
    return out


@functools.cache
def _merge_rules() -> dict[tuple, str]:
    return merge_rules()


def load_raw(source: str | os.PathLike, _seen: tuple[Path, ...] = ()) -> tuple[
    dict[str, Any], list[tuple[Path, dict[tuple, int]]]
]:
    """Read a scenario and its `extends:` chain into one merged mapping (not validated).

    Returns the mapping and, child first, each file with its key-line index.
    """
    path = resolve_name(source).resolve()
    if path in _seen:
        chain = " -> ".join(p.name for p in (*_seen, path))
        raise ScenarioError(LoadMsg.extends_cycle(path=path, chain=chain))
    data, lines = read_yaml(path)
    resolve_paths(data, path.parent)
    files = [(path, lines)]
    parent = data.get("extends")
    if parent is None:
        return data, files
    at = {"path": path, "line": lines.get(("extends",), "?"), "parent": repr(parent)}
    if not isinstance(parent, str):
        raise ScenarioError(LoadMsg.extends_not_text(**at))
    parent_ref = parent
    if parent.endswith((".yaml", ".yml")) or "/" in parent:
        parent_ref = str((path.parent / parent).resolve())
        if not Path(parent_ref).is_file():
            raise ScenarioError(LoadMsg.extends_no_file(file=parent_ref, folder=path.parent,
                                                        **at))
    elif parent not in builtin_scenarios():
        raise ScenarioError(LoadMsg.extends_unknown(known=", ".join(builtin_scenarios()),
                                                    **at))
    parent_data, parent_files = load_raw(parent_ref, (*_seen, path))
    merged = deep_merge(parent_data, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = parent
    return merged, files + parent_files


def _region_vocabulary(data: dict[str, Any]) -> None:
    """An imported region's occupations and agencies, read from its files."""
    from .vocab_files import read_agencies, read_occupations

    region = data.get("region")
    if not isinstance(region, dict):
        return
    if isinstance(region.get("occupations"), str):
        region["occupations"] = read_occupations(region["occupations"])
    units, workload = region.get("units"), region.get("workload")
    if (region.get("employees") and isinstance(units, str) and isinstance(workload, str)
            and isinstance(region.get("occupations"), dict)):
        occupations = {o: s if isinstance(s, dict) else {} for o, s in
                       region["occupations"].items()}
        if all(isinstance(s.get("family"), str) for s in occupations.values()):
            own = region.get("government")  # one government of a file of several
            agencies = (read_agencies(units, workload, occupations, own)
                        if isinstance(own, str) and own else {})
            # none (a government without units): the file's, its problems said on import
            region["agencies"] = agencies or read_agencies(units, workload, occupations)


def parse_set(item: str) -> tuple[list[str], Any]:
    """Parse one `--set path.to.key=value` (value read as YAML: 3, 0.5, true, [1, 7])."""
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise ScenarioError(LoadMsg.set_form(
            item=repr(item), example="--set recruitment.replacement_rate=1"))
    try:
        parsed = yaml.safe_load(value) if value.strip() else ""
    except (yaml.YAMLError, ValueError, TypeError):
        parsed = value  # not readable as YAML: keep it as text; validation judges it
    keys = key.strip().replace("__", ".").split(".")
    if keys[0] == "extends":
        raise ScenarioError(LoadMsg.set_extends(item=repr(item)))
    return keys, parsed


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Return `data` with dotted-key overrides set (unknown keys are caught by validation).

    A number after a list selects its item: `region.districts.0.x_km=12`.
    """
    out = deep_merge(data, {})
    for dotted, value in overrides.items():
        keys: list[Any] = dotted.replace("__", ".").split(".")
        if keys[0] == "extends":
            raise ScenarioError(LoadMsg.override_extends())
        node: Any = out
        for i, k in enumerate(keys):
            if isinstance(node, list):
                if not (k.isdigit() and int(k) < len(node)):
                    raise ScenarioError(LoadMsg.set_not_an_item(
                        dotted=dotted, value=repr(value), path=".".join(map(str, keys[:i])),
                        n=len(node), key=repr(k), last=len(node) - 1))
                keys[i] = k = int(k)
            if i == len(keys) - 1:
                node[k] = value
                break
            child = node.get(k) if isinstance(node, dict) else node[k]
            if child is None:
                child = {}
            if not isinstance(child, dict | list):
                raise ScenarioError(LoadMsg.set_not_a_section(dotted=dotted, value=repr(value),
                                                              key=repr(k)))
            child = dict(child) if isinstance(child, dict) else list(child)
            node[k] = child
            node = child
    return out


@functools.cache
def _parameter_patterns() -> list[tuple[re.Pattern, dict[str, Any]]]:
    out = []
    for row in iter_parameters():
        pattern = re.escape(row["path"]).replace(r"\[\]", r"\.\d+").replace(r"\.\*", r"\.[^.]+")
        out.append((re.compile(pattern + "$"), row))
    return out


def expected_of(dotted: str) -> str:
    """What a parameter expects, for an error message: type, range, unit and meaning."""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        for pattern, row in _parameter_patterns():
            if pattern.match(key):
                said = [str(row["type"])]
                if row["range"]:
                    said.append(row["range"].replace("ge ", ">= ").replace("le ", "<= ")
                                .replace("gt ", "> ").replace("lt ", "< "))
                if row["unit"]:
                    said.append(str(row["unit"]))
                text = ", ".join(said)
                if row["description"]:
                    text += f" ({row['description']})"
                return text
    return ""


BOUND_ERRORS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "finite_number", "int_parsing", "float_parsing", "int_type", "float_type",
                "value_error", "int_from_float", "literal_error")


def _number(value: Any) -> Any:
    """A bound as pydantic writes it in its message (no exponent; 1.0 as 1)."""
    if isinstance(value, float) and not isinstance(value, bool):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return value


def describe_error(err: dict[str, Any]) -> Any:
    """What is wrong with one value, in both languages (a Message) where it can be.

    A validator's `ValueError(Message)` is shown as that message; pydantic's own
    complaints by their type (`PYDANTIC`), with the fields of their context. Anything
    else (a plain ValueError of a policy's parameters) is shown as written.
    """
    kind = err["type"]
    if kind == "value_error":
        reason = (err.get("ctx") or {}).get("error")
        said = reason.args[0] if reason is not None and reason.args else None
        return said if hasattr(said, "render") else err["msg"].replace("Value error, ", "")
    text = PYDANTIC.get(kind)
    if text is None:
        return err["msg"]
    ctx = {k: _number(v) for k, v in (err.get("ctx") or {}).items()}
    if isinstance(ctx.get("expected"), str):  # "'a', 'b' or 'c'": its "or" in both languages
        said = ctx["expected"].replace("{", "{{").replace("}", "}}")
        ctx["expected"] = Text(said.replace(" or ", " atau "), said)
    if not text.fields <= set(ctx):
        return err["msg"]
    message = text(**{f: ctx[f] for f in text.fields})
    if kind not in ("extra_forbidden", "missing") and str(message) != err["msg"]:
        return err["msg"]  # pydantic reworded it: its own words rather than a wrong bound
    return message


class _After:
    """A message without the key it starts with (`key: ...`), in any language."""

    __slots__ = ("message", "prefix")

    def __init__(self, message: Any, prefix: str) -> None:
        self.message, self.prefix = message, prefix

    def render(self, lang: str = "id") -> str:
        """The message in `lang`, its leading `key: ` taken off."""
        return render(self.message, lang).removeprefix(self.prefix)

    def __str__(self) -> str:
        return self.render("en")


def _known_keys(loc: tuple) -> str:
    """Names the keys allowed at the section where an unknown key was found."""
    from pydantic import BaseModel

    cls: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(cls, "model_fields", {}).get(part)
        if field is None:
            return ""
        ann = field.annotation
        args = getattr(ann, "__args__", ())
        candidates = [ann, *args, *[a for x in args for a in getattr(x, "__args__", ())]]
        nxt = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)),
                   None)
        if nxt is None:
            return ""
        cls = nxt
    return ", ".join(cls.model_fields)


def validate(
    data: dict[str, Any],
    files: list[tuple[Path, dict[tuple, int]]] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Scenario:
    """Validate a merged mapping into a `Scenario`; report every problem at once."""
    overrides = overrides or {}
    data = deep_merge(defaults_tree(), data)
    _region_vocabulary(data)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems: list[Any] = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            named = err["msg"].replace("Value error, ", "").split(":")[0].split(" ")[0]
            if not loc and "." in named:  # a cross-check names its key: find its line
                loc = tuple(named.split("."))
            dotted = ".".join(str(p) for p in loc) or "(top level)"
            where = "scenario"
            for path, lines in files or []:
                if loc in lines:
                    where = f"{path}:{lines[loc]}"
                    break
                if loc[:-1] in lines:
                    where = f"{path}:{lines[loc[:-1]]}"
                    break
            if any(dotted == k.replace("__", ".") or dotted.startswith(k.replace("__", ".") + ".")
                   or k.replace("__", ".").startswith(dotted + ".") for k in overrides):
                where = "--set"
            describe = describe_error(err)
            if str(describe).startswith(dotted + ": "):
                describe = _After(describe, dotted + ": ")
            value = err.get("input")
            # a check across several keys names them in its message; no section dump
            value = "" if err["type"] == "missing" or isinstance(value, dict | list) \
                else f" = {value!r}"
            key: Any = dotted if loc else LoadMsg.top_level()
            problems.append(LoadMsg.problem(where=where, key=key, value=value, what=describe))
            expected = expected_of(dotted) if err["type"] in BOUND_ERRORS else ""
            if expected:
                problems.append(LoadMsg.expected(expected=expected))
            if err["type"] == "extra_forbidden" and dotted in REMOVED:
                problems.append(LoadMsg.removed(why=REMOVED[dotted]))
            elif err["type"] == "extra_forbidden":
                known = _known_keys(loc)
                if known:
                    problems.append(LoadMsg.known_keys(known=known))
        count = sum(1 for p in problems if p.text is LoadMsg.problem)
        head = LoadMsg.invalid() if count == 1 else LoadMsg.problems(n=count)
        raise ScenarioError(Lines(head, *problems, LoadMsg.fix())) from None


# (scenario, overrides in their order) -> the validated result, for every replication of
# a comparison (~7 ms a run); each call gets a deep copy (~1 ms), so what a run changes
# (a custom policy's parameters) never reaches the next. Threads share it (the dashboard).
_DERIVED: dict[tuple[int, str], tuple[Scenario, Scenario]] = {}
_DERIVED_LOCK, DERIVED_KEPT = threading.Lock(), 32


def load_scenario(
    source: str | os.PathLike | dict | Scenario | None = None,
    overrides: dict[str, Any] | None = None,
) -> Scenario:
    """Load and validate a scenario.

    Args:
        source: a built-in name (`"default"`), a YAML path, a mapping, a `Scenario`,
            or None for the default scenario.
        overrides: dotted keys to set, e.g. `{"recruitment.replacement_rate": 1.0}`.
    """
    overrides = dict(overrides or {})
    if isinstance(source, Scenario):
        if not overrides:
            return source
        key = (id(source), repr(list(overrides.items())))
        derived = _DERIVED.get(key)
        if derived is None or derived[0] is not source:
            scenario = validate(apply_overrides(source.model_dump(), overrides), [],
                                overrides)
            with _DERIVED_LOCK:
                while len(_DERIVED) >= DERIVED_KEPT:
                    _DERIVED.pop(next(iter(_DERIVED)))
                _DERIVED[key] = derived = (source, scenario)
        return derived[1].model_copy(deep=True)
    elif isinstance(source, dict):
        data, files = source, []
        if "extends" in data:
            parent, parent_files = load_raw(data["extends"])
            data = deep_merge(parent, data)
            files = parent_files
    else:
        data, files = load_raw("default" if source is None else source)
    if overrides:
        data = apply_overrides(data, overrides)
    return validate(data, files, overrides)


def dump_scenario(scenario: Scenario) -> str:
    """The resolved scenario as YAML (what a run actually used)."""
    data = scenario.model_dump(mode="json")
    if data.get("governments") is None:  # one government: the file as it always was
        data.pop("governments", None)
    return yaml.safe_dump(data, sort_keys=False,
                          allow_unicode=True)
