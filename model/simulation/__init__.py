"""The simulation on Mesa: `WorkforceModel`, its agent views, metrics and needs map.

`WorkforceModel` is imported on first use (PEP 562): the metrics table
(`simulation.metrics`), which the statistics and the report read, does not import Mesa.

Mesa's spatial modules are deferred. `import mesa` imports every part of Mesa, among
them its grids and networks (`mesa.discrete_space` and
`mesa.experimental.continuous_space`, which import scipy.spatial, and networkx, which
`mesa.space` imports): two thirds of Mesa's import time, for modules a run of this model
never uses (it has no space). While Mesa is first imported, `_DeferMesaSpace` puts those
three modules in `sys.modules` unexecuted (`_Deferred`); each is executed by its own
loader, as usual, the first time one of its names is read
(`mesa.discrete_space.OrthogonalMooreGrid`, `nx.Graph`). This is
`importlib.util.LazyLoader`'s idea, with two differences: reading a module's file name
or spec (as `inspect.getmodule` does for every module, and Mesa calls it while it is
imported) does not execute it, and a first use from two threads at once waits for one
execution. A module already imported stays as it is, a module that cannot be found is
left to the usual import, and the hook removes itself once Mesa is imported.
tests/test_perf_cli.py checks that the deferred modules work when used.
"""

from __future__ import annotations

import sys
import threading
import types
from importlib.machinery import PathFinder
from importlib.util import module_from_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import WorkforceModel

__all__ = ["WorkforceModel"]

# Mesa's modules that a model without space never uses, and their heavy imports
DEFERRED = ("networkx", "mesa.discrete_space", "mesa.experimental.continuous_space")
# what reading does not execute a deferred module: what the import system set on it
_METADATA = frozenset({"__name__", "__file__", "__spec__", "__loader__", "__package__",
                       "__cached__", "__class__"})
_EXECUTING = threading.RLock()


class _Deferred(types.ModuleType):
    """A module not executed yet: the first name read from it executes it (see above)."""

    def __getattribute__(self, attr: str):
        if attr in _METADATA:
            return super().__getattribute__(attr)
        with _EXECUTING:  # another thread reading it meanwhile waits for the execution
            if type(self) is _Deferred:
                state = super().__getattribute__("__dict__")
                if state.get("_deferred_executing"):  # its own code, while it executes
                    return super().__getattribute__(attr)
                state["_deferred_executing"] = True
                try:
                    super().__getattribute__("__spec__").loader.exec_module(self)
                finally:
                    del state["_deferred_executing"]
                self.__class__ = types.ModuleType
        return getattr(self, attr)


class _DeferMesaSpace:
    """An import hook that, as `mesa` is first imported, defers `DEFERRED` (see above)."""

    @classmethod
    def find_spec(cls, name: str, path=None, target=None) -> None:
        """On `import mesa`: defer the spatial modules, step aside (Mesa loads as usual)."""
        if name != "mesa":
            return None
        if cls in sys.meta_path:
            sys.meta_path.remove(cls)
        for module in DEFERRED:
            if module not in sys.modules:
                _defer(module)
        return None


def _defer(name: str) -> None:
    """Put module `name` in sys.modules unexecuted, without importing its parents."""
    path = None
    parts = name.split(".")
    for depth in range(1, len(parts)):  # the parents' folders, found but not imported
        spec = PathFinder.find_spec(".".join(parts[:depth]), path)
        if spec is None or not spec.submodule_search_locations:
            return
        path = spec.submodule_search_locations
    spec = PathFinder.find_spec(name, path)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    module = module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module


if "mesa" not in sys.modules and _DeferMesaSpace not in sys.meta_path:
    sys.meta_path.insert(0, _DeferMesaSpace)


def __getattr__(name: str):
    """`WorkforceModel`, imported from `simulation.model` on first use."""
    if name != "WorkforceModel":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .model import WorkforceModel

    return WorkforceModel
