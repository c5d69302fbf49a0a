"""The simulation on Mesa: `WorkforceModel`, its agent views, metrics and needs map."""

from .model import WorkforceModel

__all__ = ["WorkforceModel"]
