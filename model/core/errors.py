"""The one exception type for mistakes a user can fix (bad scenario, bad option)."""

from __future__ import annotations


class UserError(ValueError):
    """A mistake in the user's input; the CLI prints the message and exits with status 2.

    The message says what is wrong, where (file, key, line), what is expected and
    how to fix it. It never needs a traceback to be understood.
    """


class ScenarioError(UserError):
    """A scenario file, override or name that cannot be used."""
