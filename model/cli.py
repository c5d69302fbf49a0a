"""Command line: `python run_sim.py COMMAND ...` (`python run_sim.py -h` lists them).

This module only dispatches: each command declares its options and its handler in
`model.commands`, prints its sentences from `reporting.console` and raises catalogue
messages. Every mistake in the input (scenario, option, folder) is reported as one
clear message on stderr, in the reader's language, with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from .cli_parser import Parser
from .commands import COMMANDS
from .commands.messages import CommandMsg
from .core.errors import UserError
from .core.text import LANGS
from .reporting.console import ERROR_PREFIX, Console, say

BY_NAME = {command.name: command for command in COMMANDS}


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The argument parser of `run_sim.py`, its errors in `lang`.

    Args:
        lang: The reader's language of argparse's messages and the option types'.
    """
    parser = Parser(prog="run_sim.py", lang=lang,
                    description="Mutasi: simulate civil-service transfer policies for a region.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return parser


def _lang_of(argv: list[str]) -> str:
    """The --lang of a command line (Indonesian unless it says en), before parsing it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "id"


def _check_lang(args: argparse.Namespace) -> None:
    """Refuse an unknown --lang before the command starts."""
    lang = getattr(args, "lang", "id")
    if lang not in LANGS:
        raise UserError(CommandMsg.unknown_lang(given=lang, known=", ".join(LANGS)))


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for user errors).

    Args:
        argv: The command line without the program name (`sys.argv[1:]` by default).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _lang_of(argv)
    args = build_parser(lang).parse_args(argv)
    if getattr(args, "lang", None) in LANGS:  # as parsed (e.g. an abbreviated --la en)
        lang = args.lang
    try:
        _check_lang(args)
        return BY_NAME[args.command].run(args)
    except UserError as exc:
        print(f"{ERROR_PREFIX}: {exc.render(lang)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        say(Console.interrupted, lang, stream=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
