"""Read-only column views: how policies and estimators see the state without changing it."""

from __future__ import annotations

from typing import Any

import numpy as np


def readonly(a: np.ndarray) -> np.ndarray:
    """A view of `a` that cannot be written through."""
    v = a.view()
    v.flags.writeable = False
    return v


class Columns:
    """Read-only column views by attribute (e.g. `view.employees.unit`)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        for name, a in arrays.items():
            self.__dict__[name] = readonly(a)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("policy views are read-only")
