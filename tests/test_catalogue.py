"""The bilingual catalogue: every text has both languages with the same fields."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import model
from model.core.errors import UserError
from model.core.text import REGISTRY, Catalogue, Lines, Text, fields_of, words


def _import_everything() -> None:
    """Import every module of the package, so that every catalogue registers its texts."""
    for info in pkgutil.walk_packages(model.__path__, "model."):
        if ".dashboard" in info.name:  # Solara pages import solara; their texts load below
            continue
        importlib.import_module(info.name)
    pytest.importorskip("solara")
    for info in pkgutil.walk_packages(model.dashboard.__path__, "model.dashboard."):
        importlib.import_module(info.name)


def test_every_text_has_both_languages_with_the_same_fields():
    _import_everything()
    bad = []
    for key, text in sorted(REGISTRY.items()):
        if not text.id.strip() or not text.en.strip():
            bad.append(f"{key}: a language is empty")
            continue
        try:
            if fields_of(text.id) != fields_of(text.en):
                bad.append(f"{key}: fields differ: {sorted(fields_of(text.id))} (id) vs "
                           f"{sorted(fields_of(text.en))} (en)")
        except ValueError as exc:  # a lone brace: not a str.format template
            bad.append(f"{key}: not a template ({exc})")
    assert not bad, "\n".join(bad)


def test_a_message_is_rendered_in_the_readers_language():
    class Local(Catalogue, area="test_catalogue"):
        hello = Text("{n:,} baris dibaca dari {path}", "{n:,} rows read from {path}")

    m = Local.hello(n=1250, path="pegawai.csv")
    assert m.key == "test_catalogue.hello"
    assert m.render("id") == "1.250 baris dibaca dari pegawai.csv"  # Indonesian separators
    assert m.render("en") == str(m) == "1,250 rows read from pegawai.csv"
    err = UserError(Lines(m, "  pegawai.csv"))
    assert err.render("id").splitlines() == ["1.250 baris dibaca dari pegawai.csv", "  pegawai.csv"]
    assert str(err).startswith("1,250 rows read")
    with pytest.raises(TypeError, match="takes the fields"):
        Local.hello(n=1)


def test_two_texts_cannot_share_a_key():
    words("test_catalogue_dupe", {"a": ("satu", "one")})
    with pytest.raises(ValueError, match="share the catalogue key"):
        words("test_catalogue_dupe", {"a": ("dua", "two")})


def test_an_error_travels_to_a_worker_and_back_as_its_catalogue_entry():
    """Experiments run in process pools and on Dask: a UserError survives pickling."""
    import pickle

    from model.experiments.messages import ExpMsg
    from model.scenario.readers import RegionDataError

    text = next(v for v in vars(ExpMsg).values() if isinstance(v, Text) and v.fields)
    m = text(**{f: f"<{f}>" for f in text.fields})
    err = UserError(Lines(m, "  pegawai.csv"))
    back = pickle.loads(pickle.dumps(err))
    assert back.render("id") == err.render("id") and back.render("en") == err.render("en")
    (again, path) = back.message.parts
    assert again == m and again.text is text and path == "  pegawai.csv"
    region = RegionDataError(m)
    region.problems = ["kept"]
    assert pickle.loads(pickle.dumps(region)).problems == ["kept"]


def test_every_call_of_a_catalogue_text_gives_exactly_its_fields():
    """`Msg.name(field=...)` at every call site in the package names the text's fields."""
    import ast
    from pathlib import Path

    _import_everything()
    catalogues = {cls.__name__: cls for cls in _subclasses(Catalogue)
                  if cls.__module__.startswith("model.")}
    wrong, seen = [], 0
    for path in sorted(Path("model").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            func = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name) and func.value.id in catalogues):
                continue
            text = getattr(catalogues[func.value.id], func.attr, None)
            if not isinstance(text, Text) or any(k.arg is None for k in node.keywords):
                continue  # not a text, or fields passed as **mapping
            seen += 1
            given = {k.arg for k in node.keywords}
            if given != set(text.fields):
                wrong.append(f"{path}:{node.lineno}: {text.key} takes {sorted(text.fields)}, "
                             f"given {sorted(given)}")
    assert seen > 200 and not wrong, "\n".join(wrong)
    assert fields_of("{a:,} {b!r} {c.x} {d[0]}") == {"a", "b", "c", "d"}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
