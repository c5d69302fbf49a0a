"""Read one scenario file: YAML parsed safely, every key's line indexed, bombs refused.

`read_yaml(path)` returns the file's mapping and a {key path: line} index that error
messages use to name the line of a bad value. It refuses, with a message that says
what and where, what YAML allows but a scenario must not hold: a key given twice
(YAML keeps the last silently), anchors and aliases (a few hundred bytes can expand
to billions of values), and nesting deeper than MAX_DEPTH (counted from the token
stream before composing, as libyaml's composer recurses in C and can crash).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..core.errors import ScenarioError
from .messages_loading import LoadMsg

# libyaml's safe loader where PyYAML was built with it (the wheels are): same results,
# about ten times faster than the pure-Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[dict[str, Any], dict[tuple, int]]:
    """Parse one YAML file; return the mapping and a {key path: line} index."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(LoadMsg.cannot_read(path=path, why=exc.strerror)) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(LoadMsg.not_utf8(path=path, byte=exc.start)) from None
    try:
        _check_depth(text, path)  # before composing: libyaml recurses in C and can crash
        node = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (LoadMsg.at_line_column(line=mark.line + 1, column=mark.column + 1)
                 if mark else "")
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(LoadMsg.broken_yaml(path=path, where=where, problem=problem)
                            ) from None
    if node is None:
        raise ScenarioError(LoadMsg.empty_file(path=path))
    lines: dict[tuple, int] = {}
    try:
        _index_lines(node, (), lines, path)
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a safe loader)
    except ScenarioError:
        raise
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # e.g. an impossible date (2027-02-30), a Python tag, a list used as a key
        mark = getattr(exc, "problem_mark", None)
        where = LoadMsg.at_line(line=mark.line + 1) if mark else ""
        raise ScenarioError(LoadMsg.unreadable_value(
            path=path, where=where, problem=getattr(exc, "problem", None) or exc)) from None
    if not isinstance(data, dict):
        raise ScenarioError(LoadMsg.not_a_mapping(path=path, kind=type(data).__name__))
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
                raise ScenarioError(LoadMsg.too_deep(path=path, line=token.start_mark.line + 1,
                                                     n=MAX_DEPTH))
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
            dotted = ".".join(str(p) for p in path) or LoadMsg.the_top_level()
            raise ScenarioError(LoadMsg.alias(path=file, line=node.start_mark.line + 1,
                                              key=dotted))
        seen_nodes.add(id(node))
        if len(path) >= MAX_DEPTH:
            raise ScenarioError(LoadMsg.too_deep(path=file, line=node.start_mark.line + 1,
                                                 n=MAX_DEPTH))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}  # keys as values: 18, 18.0 and 0x12 are one key
        for key, value in node.value:
            sub = (*path, key.value)
            line = key.start_mark.line + 1
            as_value = _key_value(key)
            if as_value in seen:
                dotted = ".".join(str(p) for p in sub)
                raise ScenarioError(LoadMsg.given_twice(path=file, line=line, key=dotted,
                                                        first=seen[as_value]))
            seen[as_value] = line
            out[sub] = line
            _index_lines(value, sub, out, file, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            out[(*path, i)] = value.start_mark.line + 1
            _index_lines(value, (*path, i), out, file, seen_nodes)
