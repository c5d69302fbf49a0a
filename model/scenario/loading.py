"""Load a scenario: YAML file or built-in name, `extends:` chains, `--set` overrides.

A scenario file is data. `extends: default` starts from a built-in scenario (found
from any folder); `extends: ../other.yaml` is relative to the file. The child's
mappings are merged key by key into the parent's; lists and scalars replace.
The merged mapping is validated against the declarations in `model.scenario.params`; every
problem is reported with the file, the key path, the line, the bad value and what is
expected.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..core.errors import ScenarioError
from .params import Scenario, defaults_tree, merge_rules

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
            raise ScenarioError(
                f"scenario file not found: {text}\n"
                f"  expected: a readable YAML file, or one of the built-in names: "
                f"{', '.join(builtin_scenarios())}"
            )
        return path
    known = builtin_scenarios()
    if text not in known:
        raise ScenarioError(
            f"unknown scenario {text!r}\n  known scenarios: {', '.join(known) or '(none)'}\n"
            "  fix: use one of these names or give the path of a YAML file"
        )
    return known[text]


# libyaml's safe loader where PyYAML was built with it (the wheels are): same results,
# about ten times faster than the pure-Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[tuple, int]]:
    """Parse one YAML file; return the mapping and a {key path: line} index."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{path}: not a UTF-8 text file (byte {exc.start}); "
                            "save the scenario as UTF-8 YAML") from None
    try:
        _check_depth(text, path)  # before composing: libyaml recurses in C and can crash
        node = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(
            f"{path}:{where}: broken YAML: {problem}\n"
            "  fix: check indentation, colons and quotes around that line"
        ) from None
    if node is None:
        raise ScenarioError(
            f"{path}: the file is empty\n  expected: a YAML mapping, e.g. 'extends: default'"
        )
    lines: dict[tuple, int] = {}
    try:
        _index_lines(node, (), lines, path)
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a safe loader)
    except ScenarioError:
        raise
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # e.g. an impossible date (2027-02-30), a Python tag, a list used as a key
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark else ""
        raise ScenarioError(
            f"{path}:{where} a value cannot be read: {getattr(exc, 'problem', None) or exc}\n"
            "  fix: use plain numbers, text, lists and mappings (quote text that looks "
            "like a date)") from None
    if not isinstance(data, dict):
        raise ScenarioError(
            f"{path}: the top level must be a mapping of keys to values, "
            f"got {type(data).__name__}"
        )
    return data, lines


_KEY_READER = yaml.SafeLoader("")  # reads a scalar key node as YAML would


def _key_value(key: yaml.Node) -> Any:
    """A mapping key as the value YAML reads (scalars), or its text."""
    if isinstance(key, yaml.ScalarNode):
        try:
            value = _KEY_READER.construct_object(key)
            hash(value)
            return value
        except (yaml.YAMLError, ValueError, TypeError):
            pass
    return ("text", key.value)


MAX_DEPTH = 32  # a scenario nests a few levels (policy.balancing.x); deeper is a mistake
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
         yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_depth(text: str, path: Path) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the flat token stream (no recursion)."""
    depth = 0
    for token in yaml.scan(text, Loader=_SafeLoader):
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise ScenarioError(
                    f"{path}:{token.start_mark.line + 1}: nested more than {MAX_DEPTH} levels "
                    "deep; a scenario's keys nest a few levels (e.g. policy.balancing.share)\n"
                    "  fix: check the indentation and brackets around that line")
        elif isinstance(token, _CLOSE):
            depth -= 1


def _index_lines(node: yaml.Node, path: tuple, out: dict[tuple, int],
                 file: Path | None = None, seen_nodes: set[int] | None = None) -> None:
    """Index the line of every key; a key given twice in one mapping is an error.

    Anchors and aliases (`&a`, `*a`) are refused: a scenario is read by people, and
    a few hundred bytes of nested aliases can expand to billions of values. So is
    nesting deeper than MAX_DEPTH levels.
    """
    seen_nodes = set() if seen_nodes is None else seen_nodes
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        if id(node) in seen_nodes:
            dotted = ".".join(str(p) for p in path) or "the top level"
            raise ScenarioError(
                f"{file}:{node.start_mark.line + 1}: {dotted} repeats another part of the "
                "file through a YAML alias (*name); aliases and anchors (&name) are not "
                "allowed in a scenario\n  fix: write the values out, or use `extends:` to "
                "build on another scenario")
        seen_nodes.add(id(node))
        if len(path) >= MAX_DEPTH:
            raise ScenarioError(
                f"{file}:{node.start_mark.line + 1}: nested more than {MAX_DEPTH} levels "
                "deep; a scenario's keys nest a few levels (e.g. policy.balancing.share)\n"
                "  fix: check the indentation and brackets around that line")
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}  # keys as values: 18, 18.0 and 0x12 are one key
        for key, value in node.value:
            sub = (*path, key.value)
            line = key.start_mark.line + 1
            as_value = _key_value(key)
            if as_value in seen:
                dotted = ".".join(str(p) for p in sub)
                raise ScenarioError(
                    f"{file}:{line}: {dotted} is given twice (lines {seen[as_value]} and "
                    f"{line}); YAML would silently keep only the last one\n"
                    "  fix: delete one of the two lines, or merge them")
            seen[as_value] = line
            out[sub] = line
            _index_lines(value, sub, out, file, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            out[(*path, i)] = value.start_mark.line + 1
            _index_lines(value, (*path, i), out, file, seen_nodes)


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
        raise ScenarioError(f"{path}: extends forms a cycle: {chain}")
    data, lines = _read_yaml(path)
    _resolve_policy_files(data, path.parent)
    _resolve_region_files(data, path.parent)
    files = [(path, lines)]
    parent = data.get("extends")
    if parent is None:
        return data, files
    if not isinstance(parent, str):
        raise ScenarioError(
            f"{path}:{lines.get(('extends',), '?')}: extends = {parent!r}: "
            "expected a scenario name or a relative file path"
        )
    parent_ref = parent
    if parent.endswith((".yaml", ".yml")) or "/" in parent:
        parent_ref = str((path.parent / parent).resolve())
        if not Path(parent_ref).is_file():
            raise ScenarioError(
                f"{path}:{lines.get(('extends',), '?')}: extends = {parent!r}: "
                f"no such file ({parent_ref})\n  fix: the path is relative to {path.parent}"
            )
    elif parent not in builtin_scenarios():
        raise ScenarioError(
            f"{path}:{lines.get(('extends',), '?')}: extends = {parent!r}: unknown scenario\n"
            f"  known scenarios: {', '.join(builtin_scenarios())}"
        )
    parent_data, parent_files = load_raw(parent_ref, (*_seen, path))
    merged = deep_merge(parent_data, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = parent
    return merged, files + parent_files


def _resolve_policy_files(data: dict[str, Any], folder: Path) -> None:
    """Make a custom policy's `module: file.py` relative to the scenario file."""
    entries = data.get("policy")
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict) and str(entry.get("module", "")).endswith(".py"):
            module = Path(entry["module"])
            if not module.is_absolute():
                entry["module"] = str((folder / module).resolve())


REGION_FILES = ("employees", "units", "workload", "occupations")


def _resolve_region_files(data: dict[str, Any], folder: Path) -> None:
    """Make the region's own file paths relative to the scenario file."""
    region = data.get("region")
    if not isinstance(region, dict):
        return
    for key in REGION_FILES:
        value = region.get(key)
        if isinstance(value, str) and value and not Path(value).is_absolute():
            region[key] = str((folder / value).resolve())


def _region_vocabulary(data: dict[str, Any]) -> None:
    """An imported region's occupations and agencies, read from its files."""
    from .roster import read_agencies, read_occupations

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
            region["agencies"] = read_agencies(units, workload, occupations)


def parse_set(item: str) -> tuple[list[str], Any]:
    """Parse one `--set path.to.key=value` (value read as YAML: 3, 0.5, true, [1, 7])."""
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise ScenarioError(
            f"--set {item!r}: expected path.to.key=value, e.g. --set recruitment.replacement_rate=1"
        )
    try:
        parsed = yaml.safe_load(value) if value.strip() else ""
    except (yaml.YAMLError, ValueError, TypeError):
        parsed = value  # not readable as YAML: keep it as text; validation judges it
    keys = key.strip().replace("__", ".").split(".")
    if keys[0] == "extends":
        raise ScenarioError(f"--set {item!r}: extends cannot be set from the command line; "
                            "write a scenario file with `extends:` instead")
    return keys, parsed


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Return `data` with dotted-key overrides set (unknown keys are caught by validation).

    A number after a list selects its item: `region.districts.0.x_km=12`.
    """
    out = deep_merge(data, {})
    for dotted, value in overrides.items():
        keys: list[Any] = dotted.replace("__", ".").split(".")
        if keys[0] == "extends":
            raise ScenarioError("extends cannot be overridden; write a scenario file with "
                                "`extends:` instead")
        node: Any = out
        for i, k in enumerate(keys):
            if isinstance(node, list):
                if not (k.isdigit() and int(k) < len(node)):
                    raise ScenarioError(
                        f"--set {dotted}={value!r}: {'.'.join(map(str, keys[:i]))} is a list of "
                        f"{len(node)}; {k!r} is not an item number (0 to {len(node) - 1})")
                keys[i] = k = int(k)
            if i == len(keys) - 1:
                node[k] = value
                break
            child = node.get(k) if isinstance(node, dict) else node[k]
            if child is None:
                child = {}
            if not isinstance(child, dict | list):
                raise ScenarioError(
                    f"--set {dotted}={value!r}: {k!r} is a value, not a section"
                )
            child = dict(child) if isinstance(child, dict) else list(child)
            node[k] = child
            node = child
    return out


@functools.cache
def _parameter_patterns() -> list[tuple[re.Pattern, dict[str, Any]]]:
    from .params import iter_parameters

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


# keys of earlier versions, with why they went (a results folder's scenario.yaml has them)
REMOVED = {
    "region.retiring_per_year": "retirements now follow from the smooth ages and the BUPs "
                                "(issue 22)",
}


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    return err["msg"].replace("Value error, ", "")


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
        problems = []
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
            describe = _describe(err)
            if describe.startswith(dotted + ": "):
                describe = describe[len(dotted) + 2:]
            value = err.get("input")
            # a check across several keys names them in its message; no section dump
            value = "" if err["type"] == "missing" or isinstance(value, dict | list) \
                else f" = {value!r}"
            msg = f"{where}: {dotted}{value}: {describe}"
            expected = expected_of(dotted) if err["type"] in BOUND_ERRORS else ""
            if expected:
                msg += f"\n    expected: {expected}"
            if err["type"] == "extra_forbidden" and dotted in REMOVED:
                msg += f"\n    removed: {REMOVED[dotted]}; delete the line"
            elif err["type"] == "extra_forbidden":
                known = _known_keys(loc)
                if known:
                    msg += f"\n    known keys here: {known}"
            problems.append(msg)
        head = "invalid scenario" if len(problems) == 1 else f"{len(problems)} problems in scenario"
        raise ScenarioError(
            f"{head}:\n  " + "\n  ".join(problems)
            + "\n  fix: correct the value(s) above; `python run_sim.py list --params` "
            "shows every parameter with its unit and range"
        ) from None


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
        data, files = source.model_dump(), []
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
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False,
                          allow_unicode=True)
