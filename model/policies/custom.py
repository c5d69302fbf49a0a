"""Load a user's policy class from a file or module named in a scenario.

    policy:
      module: my_policy.py     # a file (relative to the scenario file) or a dotted module
      class: ShuffleTeachers
      params: {share: 0.01}    # passed to the class as keyword arguments

The class must have `propose(view, rng) -> Moves` (subclassing `model.policies.Policy`
is easiest). Problems loading it are reported as errors naming the module and class.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from ..core.errors import UserError
from .base import Policy


def load_custom(module: str, class_name: str, params: dict, name: str | None = None) -> Policy:
    """Import `class_name` from `module` and instantiate it with `params`."""
    where = f"custom policy {class_name!r} from {module!r}"
    try:
        if module.endswith(".py"):
            path = Path(module)
            if not path.is_file():
                raise UserError(f"{where}: file not found ({path})\n"
                                "  fix: the path is relative to the scenario file")
            spec = importlib.util.spec_from_file_location(f"mutasi_custom_{path.stem}", path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = mod  # lets worker processes unpickle the class
            spec.loader.exec_module(mod)
        else:
            mod = importlib.import_module(module)
    except UserError:
        raise
    except Exception as exc:  # any error in the user's module
        raise UserError(f"{where}: cannot import it: {type(exc).__name__}: {exc}") from None
    cls = getattr(mod, class_name, None)
    if cls is None:
        raise UserError(f"{where}: the module has no class {class_name!r}")
    if not callable(getattr(cls, "propose", None)):
        raise UserError(f"{where}: the class has no propose(view, rng) method")
    try:
        policy = cls(**params)
    except TypeError as exc:
        raise UserError(f"{where}: cannot create it with params {params}: {exc}") from None
    policy.name = name or getattr(policy, "name", None) or class_name
    if not hasattr(policy, "params"):
        policy.params = params
    return policy
