"""Bilingual text: one key, its Indonesian and English side by side (gettext's idea).

Everything a planner reads — an error message, a table header, a figure title, a
dashboard label, a sentence of the report — is a `Text`: its Indonesian and English
forms together, with the same named `{fields}`. Texts are declared in catalogues
(`Catalogue` subclasses or `words(...)` tables) beside the code that uses them, and every
catalogue registers its texts in `REGISTRY`, which the completeness test reads: a text
missing a language, or whose two forms name different fields, fails it.

A text is used in one of two ways:

    msg.scenario_not_found(path=p, known=k)   # a Message: rendered later, in any language
    TEXT["metric"].format("id")               # a string now, in one language

A `Message` keeps its fields and picks its language only when shown (`render(lang)`), so
model code raises errors without knowing who will read them; the command line and the
dashboard render them in the reader's language. `str(message)` is the English form (for
tracebacks and logs, never for planners). Templates are `str.format` templates: a literal
brace is written twice (`{{module: ...}}`).
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

LANGS = ("id", "en")  # Indonesian first: the default of every command, table and page

REGISTRY: dict[str, Text] = {}  # key -> text, over every catalogue (the completeness test)


def fields_of(template: str) -> frozenset[str]:
    """The named fields of a `str.format` template (`'{n:,} rows'` -> {'n'})."""
    return frozenset(name.split(".")[0].split("[")[0]
                     for _, name, _, _ in string.Formatter().parse(template) if name)


def render(value: Any, lang: str) -> str:
    """`value` as text in `lang`: a Message or Text is rendered, anything else is `str()`."""
    shown = getattr(value, "render", None)
    return shown(lang) if callable(shown) else str(value)


class Text:
    """One text in both languages, with the same named `{fields}` in each.

    Args:
        id: The Indonesian form (the default language).
        en: The English form.
        key: Its catalogue key; set by the catalogue that declares it.
    """

    __slots__ = ("en", "id", "key")

    def __init__(self, id: str, en: str, key: str = "") -> None:  # noqa: A002 (the language)
        self.id, self.en, self.key = id, en, key

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name  # the catalogue prefixes its area in __init_subclass__

    @property
    def fields(self) -> frozenset[str]:
        """The named fields of the text (the same in both languages; tested)."""
        return fields_of(self.id) | fields_of(self.en)

    def __call__(self, **fields: Any) -> Message:
        """This text with its fields filled: a Message, rendered when shown."""
        missing = self.fields - set(fields)
        if missing:  # (a field the text does not use is ignored; a test checks call sites)
            raise TypeError(f"text {self.key!r} takes the fields {sorted(self.fields)}, "
                            f"given {sorted(fields)}")
        return Message(self, fields)

    def __reduce__(self) -> tuple:
        # a registered text travels (to a worker process and back) as its key, and comes
        # back as the one registered instance; an unregistered one travels by value
        if self.key and REGISTRY.get(self.key) is self:
            return (_registered, (self.key, self.id, self.en))
        return (Text, (self.id, self.en, self.key))

    def format(self, lang: str = "id", **fields: Any) -> str:
        """The text in `lang` with its fields filled (values rendered in `lang` too).

        A number formatted for display (`{n:,}`, `{x:.1f}`) takes the language's
        separators: "1.250" and "0,5" in Indonesian. A number without a format spec is
        shown as written (a value echoed from a file or an option stays as typed).
        """
        template = self.en if lang == "en" else self.id
        shown = {k: _shown(v, lang) for k, v in fields.items()}
        return (_INDONESIAN if lang == "id" else _PLAIN).vformat(template, (), shown)

    def render(self, lang: str = "id") -> str:
        """The text in `lang` (a text without fields)."""
        return self.format(lang)

    def __getitem__(self, lang: str) -> str:
        """The raw template in `lang` (literal braces still doubled), to format later."""
        return self.en if lang == "en" else self.id

    def __repr__(self) -> str:
        return f"Text({self.key!r}: {self.id!r} / {self.en!r})"


class _Numbers(string.Formatter):
    """`str.format` whose display numbers use Indonesian separators (1.250,5)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        out = format(value, format_spec)
        if (isinstance(value, numbers.Number) and not isinstance(value, bool)
                and ("," in format_spec or "." in format_spec)):
            return out.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return out


_INDONESIAN, _PLAIN = _Numbers(), string.Formatter()


def _registered(key: str, id_: str, en: str) -> Text:
    """The registered text `key` (unpickling); its words if the catalogue lacks it."""
    held = REGISTRY.get(key)
    return held if held is not None else Text(id_, en, key)


def _shown(value: Any, lang: str) -> Any:
    """A field's value as the template receives it: a nested text rendered in `lang`."""
    return render(value, lang) if hasattr(value, "render") else value


class Message:
    """A text with its fields filled, shown in a language only when rendered."""

    __slots__ = ("fields", "text")

    def __init__(self, text: Text, fields: Mapping[str, Any]) -> None:
        self.text, self.fields = text, dict(fields)

    @property
    def key(self) -> str:
        """The catalogue key of the text (tests match messages by key, not by wording)."""
        return self.text.key

    def render(self, lang: str = "id") -> str:
        """The message in `lang`."""
        return self.text.format(lang, **self.fields)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Message) and other.key == self.key
                and (other.text.id, other.text.en) == (self.text.id, self.text.en)
                and other.fields == self.fields)

    def __hash__(self) -> int:
        return hash(self.key)


class Joined:
    """Parts shown side by side with a separator (e.g. a list of reasons)."""

    __slots__ = ("parts", "sep")

    def __init__(self, parts: Iterable[Any], sep: str = "; ") -> None:
        self.parts, self.sep = list(parts), sep

    def render(self, lang: str = "id") -> str:
        """Each part in `lang`, joined by the separator."""
        return self.sep.join(render(p, lang) for p in self.parts)

    def __str__(self) -> str:
        return self.render("en")


class Lines(Joined):
    """Several messages (or language-neutral strings), one per line; empty ones left out."""

    __slots__ = ()

    def __init__(self, *parts: Any) -> None:
        super().__init__((p for p in parts if p is not None and p != ""), "\n")


def in_language(table: Mapping[str, Text], lang: str) -> dict[str, str]:
    """A table of texts (e.g. from `words`) as its raw templates in `lang`."""
    return {key: text[lang] for key, text in table.items()}


def register(key: str, text: Text) -> Text:
    """Register `text` under `key` and return the registered text.

    A key already holding the same words returns that text (a declaration made twice,
    e.g. by a module reloaded in a test); a key holding other words is an error.
    """
    held = REGISTRY.get(key)
    if held is not None and held is not text:
        if (held.id, held.en) != (text.id, text.en):
            raise ValueError(f"two texts share the catalogue key {key!r}")
        return held
    text.key = key
    REGISTRY[key] = text
    return text


class Catalogue:
    """Base of a catalogue: a class whose `Text` attributes are its messages.

    `class msg(Catalogue, area="scenario"): not_found = Text("…", "…")` registers
    `scenario.not_found`; code raises `UserError(msg.not_found(path=…))`.
    """

    area: ClassVar[str] = ""

    def __init_subclass__(cls, area: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.area = area or cls.__module__.removeprefix("model.")
        for name, value in list(vars(cls).items()):
            if isinstance(value, Text):
                setattr(cls, name, register(f"{cls.area}.{name}", value))


def words(area: str, table: Mapping[str, tuple[str, str]]) -> dict[str, Text]:
    """A table of texts, `{key: (Indonesian, English)}`, registered under `area`.

    For words looked up by a key computed at run time (a policy, a column, an outcome);
    the returned dict maps each key to its `Text`.
    """
    out: dict[str, Text] = {}
    for key, (id_, en) in table.items():
        out[key] = register(f"{area}.{key}", Text(id_, en))
    return out
