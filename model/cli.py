"""Command line: `python run_sim.py COMMAND ...` (`python run_sim.py -h` lists them).

This module only dispatches: each command declares its options and its handler in
`model.commands`, prints its sentences from `reporting.console` and raises catalogue
messages. Every mistake in the input (scenario, option, folder) is reported as one
clear message on stderr, in the reader's language, with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from .cli_parser import OptionHelp, Parser
from .commands import COMMANDS
from .commands.messages import CommandMsg
from .core.errors import UserError
from .core.text import LANGS, render
from .reporting.console import ERROR_PREFIX, Console, say

BY_NAME = {command.name: command for command in COMMANDS}


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The argument parser of `run_sim.py`, its help and errors in `lang`.

    Args:
        lang: The reader's language of the help, argparse's messages and the option types'.
    """
    parser = Parser(prog="run_sim.py", lang=lang, description=render(OptionHelp.description, lang))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:  # each subparser in `lang` too: its -h is printed by itself
        command.add_arguments(sub.add_parser(command.name, help=render(command.help, lang),
                                             lang=lang))
    return parser


def _lang_of(argv: list[str]) -> str:
    """The --lang of a command line (Indonesian unless it says en), before parsing it.

    The help (`-h`) and the usage errors are printed while parsing, in this language; an
    abbreviation argparse accepts (`--la en`, `--lan=en`) counts too.
    """
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition("=")
        if len(name) < 3 or not "--lang".startswith(name):
            continue
        if eq:
            return "en" if value == "en" else "id"
        if i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
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
