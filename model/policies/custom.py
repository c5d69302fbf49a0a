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
from .messages import PolicyMsg


def load_custom(module: str, class_name: str, params: dict, name: str | None = None) -> Policy:
    """Import `class_name` from `module` and instantiate it with `params`.

    A custom policy is shown in tables, figures and the dashboard by its name (the
    scenario's `name:`, else the class's `name`, else the class name) and a generated
    summary ('own policy'): reporting reads results files and never sees the class, so
    a label declared on it would show in one process and not in another.
    """
    where = PolicyMsg.custom_where(cls=class_name, module=module)
    try:
        if module.endswith(".py"):
            path = Path(module)
            if not path.is_file():
                raise UserError(PolicyMsg.custom_no_file(where=where, path=path))
            spec = importlib.util.spec_from_file_location(f"mutasi_custom_{path.stem}", path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = mod  # lets worker processes unpickle the class
            spec.loader.exec_module(mod)
        else:
            mod = importlib.import_module(module)
    except UserError:
        raise
    except Exception as exc:  # any error in the user's module
        raise UserError(PolicyMsg.custom_import(where=where, error=f"{type(exc).__name__}: {exc}")
                        ) from None
    cls = getattr(mod, class_name, None)
    if cls is None:
        raise UserError(PolicyMsg.custom_no_class(where=where, cls=class_name))
    if not callable(getattr(cls, "propose", None)):
        raise UserError(PolicyMsg.custom_no_propose(where=where))
    try:
        policy = cls(**params)
    except TypeError as exc:
        raise UserError(PolicyMsg.custom_params(where=where, params=params, error=exc)) from None
    policy.name = name or getattr(policy, "name", None) or class_name
    if not hasattr(policy, "params"):
        policy.params = params
    return policy
