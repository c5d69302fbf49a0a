"""A command of `run_sim.py`: its name, its help, its options and its handler, together."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from ..core.text import Text


@dataclass(frozen=True)
class Command:
    """One command: `add_arguments(parser)` declares its options, `run(args)` acts.

    Attributes:
        name: The command's word (`run_sim.py NAME ...`).
        help: One line in `run_sim.py --help`, in both languages.
        add_arguments: Declares the command's options on its subparser.
        run: The handler; returns the exit status (0 done, 1 a finding failed, 2 an error).
    """

    name: str
    help: Text
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
