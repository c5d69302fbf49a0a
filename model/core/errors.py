"""The one exception type for mistakes a user can fix (bad scenario, bad option)."""

from __future__ import annotations

from typing import Any

from .text import render


class UserError(ValueError):
    """A mistake in the user's input; the CLI prints the message and exits with status 2.

    The message says what is wrong, where (file, key, line), what is expected and
    how to fix it. It never needs a traceback to be understood. It is a catalogue
    message (`core.text.Message`, or `Lines` of them), rendered in the reader's language
    by `render(lang)`; `str(exc)` is its English form.
    """

    def __init__(self, message: Any) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.message)

    def render(self, lang: str = "id") -> str:
        """The message in `lang` (Indonesian by default)."""
        return render(self.message, lang)


class ScenarioError(UserError):
    """A scenario file, override or name that cannot be used."""
