"""The parser of `run_sim.py`: the parser class, the shared option types and option groups.

Each command declares its own options (`model.commands`); what several commands share
is here: the option types (a whole number in a range, with a clear message), the
scenario, executor and experiment option groups, and `Parser`, which speaks the
reader's language. argparse's own messages ("the following arguments are required",
"invalid choice", ...) and help headings ("usage: ", "options") are translated
gettext-style: while a `Parser` is built, parses or formats its help, argparse's `_` looks
each message up by its msgid in the `Argparse` catalogue below. The help of an option (a
catalogue `Text`) is written in the parser's language when the option is added.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, NoReturn

from .core.text import Catalogue, Text, render
from .experiments.executors import EXECUTORS
from .reporting.console import ERROR_PREFIX
from .results.run import CSV_MAX_RUNS, FORMATS


class Argparse(Catalogue, area="cli.argparse"):
    """argparse's messages by msgid: the English form is argparse's own text, verbatim.

    These are %-templates (argparse fills them after the lookup), not `str.format` ones;
    a test checks that each msgid is still argparse's and both forms take the same fields.
    """

    argument = Text("argumen %(argument_name)s: %(message)s",
                    "argument %(argument_name)s: %(message)s")
    required = Text("argumen berikut wajib diisi: %s",
                    "the following arguments are required: %s")
    one_of_required = Text("salah satu argumen %s wajib diisi",
                           "one of the arguments %s is required")
    unrecognized = Text("argumen tidak dikenal: %s", "unrecognized arguments: %s")
    invalid_choice = Text("pilihan %(value)r tidak valid (pilih dari %(choices)s)",
                          "invalid choice: %(value)r (choose from %(choices)s)")
    invalid_value = Text("nilai %(type)s tidak valid: %(value)r",
                         "invalid %(type)s value: %(value)r")
    expected_one = Text("memerlukan satu nilai", "expected one argument")
    expected_at_most_one = Text("memerlukan paling banyak satu nilai",
                                "expected at most one argument")
    expected_at_least_one = Text("memerlukan sedikitnya satu nilai",
                                 "expected at least one argument")
    ambiguous = Text("opsi %(option)s bermakna ganda: bisa berarti %(matches)s",
                     "ambiguous option: %(option)s could match %(matches)s")
    not_allowed_with = Text("tidak boleh bersama argumen %s", "not allowed with argument %s")
    ignored_explicit = Text("argumen eksplisit %r diabaikan", "ignored explicit argument %r")
    # the headings of the help, and the help of -h
    usage = Text("penggunaan: ", "usage: ")
    positionals = Text("argumen posisi", "positional arguments")
    options = Text("opsi", "options")
    help = Text("tampilkan bantuan ini lalu keluar", "show this help message and exit")


class OptionHelp(Catalogue, area="cli.help"):
    """The help of the program and of the options several commands share."""

    description = Text("Mutasi: simulasi kebijakan mutasi ASN untuk suatu daerah.",
                       "Mutasi: simulate civil-service transfer policies for a region.")
    scenario = Text("nama skenario siap pakai atau berkas YAML (bawaan: default)",
                    "built-in scenario name or YAML file (default: default)")
    set = Text("ganti nilai sebuah parameter, mis. --set recruitment.replacement_rate=1",
               "override a parameter, e.g. --set recruitment.replacement_rate=1")
    lang = Text("id (bahasa Indonesia, bawaan) atau en (bahasa Inggris)",
                "id (Indonesian, default) or en")
    executor = Text("serial, pool (proses lokal, bawaan) atau dask",
                    "serial, pool (local processes, default) or dask")
    scheduler = Text("alamat scheduler Dask yang sedang berjalan (berarti --executor dask)",
                     "address of a running Dask scheduler (implies --executor dask)")
    scheduler_timeout = Text("berapa detik menunggu scheduler Dask (bawaan 10)",
                             "seconds to wait for the Dask scheduler (default 10)")
    years = Text("jangka waktu simulasi, dalam tahun", "horizon in years")
    jobs = Text("jumlah proses paralel (bawaan 1)", "parallel processes (default 1)")
    shards = Text("skenario beberapa pemerintah: jumlah shard (proses) yang menjalankan "
                  "pemerintah-pemerintahnya; hasil sama apa pun jumlahnya (bawaan: satu "
                  "per inti prosesor)",
                  "a scenario of several governments: the shards (processes) its "
                  "governments run on; the results are the same whatever the number "
                  "(default: one per core)")
    out = Text("folder hasil (bawaan {default})", "results folder (default {default})")
    format = Text("tabel besar sebagai Parquet, CSV atau keduanya (bawaan auto: Parquet, "
                  "ditambah salinan CSV hingga {max_runs} run)",
                  "large tables as Parquet, CSV or both (default auto: Parquet, plus CSV "
                  "copies up to {max_runs} runs)")
    overwrite = Text("timpa folder hasil jika sudah ada",
                     "replace the results folder if it exists")
    quiet = Text("tanpa bilah kemajuan atau tabel", "no progress bar or table")


class OptionMsg(Catalogue, area="cli.option"):
    """The messages of the shared option types."""

    whole_number = Text("{what} harus bilangan bulat >= {minimum}, diberikan {value!r}",
                        "{what} must be a whole number >= {minimum}, got {value!r}")
    at_least = Text("{what} harus >= {minimum}, diberikan {value}",
                    "{what} must be >= {minimum}, got {value}")
    at_most = Text("{what} harus <= {maximum}, diberikan {value}",
                   "{what} must be <= {maximum}, got {value}")


_MSGIDS = {text.en: text for text in vars(Argparse).values() if isinstance(text, Text)}
_LANG: ContextVar[str] = ContextVar("cli_lang", default="en")  # the language being parsed


def gettext(msgid: str) -> str:
    """The message `msgid` of argparse in the language being parsed (as written if unknown)."""
    text = _MSGIDS.get(msgid)
    return text[_LANG.get()] if text is not None else msgid


@contextlib.contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """While parsing: argparse's messages and the option types' errors in `lang`."""
    token, before = _LANG.set(lang), argparse._
    argparse._ = gettext  # argparse looks `_` up when it raises, as gettext intends
    try:
        yield
    finally:
        argparse._ = before
        _LANG.reset(token)


class OptionValueError(argparse.ArgumentTypeError):
    """A bad option value: a catalogue message, shown in the language being parsed."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return render(self.message, _LANG.get())


class Parser(argparse.ArgumentParser):
    """argparse in the reader's language: its messages and ours; exit status 2 on an error.

    Args:
        *args: As `argparse.ArgumentParser`.
        lang: The reader's language; the top parser has it, its subparsers parse inside it.
        **kwargs: As `argparse.ArgumentParser`.
    """

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        self.lang = lang
        with self._language():  # argparse names its headings and -h's help here
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:  # noqa: D102
        if hasattr(kwargs.get("help"), "render"):  # a catalogue text: in the parser's language
            kwargs["help"] = render(kwargs["help"], self.lang or _LANG.get())
        return super().add_argument(*args, **kwargs)

    def format_usage(self) -> str:  # noqa: D102 - argparse's ("usage: " at format time)
        with self._language():
            return super().format_usage()

    def format_help(self) -> str:  # noqa: D102 - argparse's
        with self._language():
            return super().format_help()

    def parse_known_args(self, args=None, namespace=None):  # noqa: D102 - argparse's
        with self._language():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):  # noqa: D102 - argparse's
        with self._language():  # "unrecognized arguments" is raised here, after the above
            return super().parse_args(args, namespace)

    def _language(self) -> contextlib.AbstractContextManager:
        return _speaking(self.lang) if self.lang else contextlib.nullcontext()

    def error(self, message: str) -> NoReturn:  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        self.exit(2, f"{ERROR_PREFIX}: {message}\n")


# ---------------------------------------------------------------- option types
def whole_number(what: str, minimum: int = 1,
                 maximum: int | None = None) -> Callable[[str], int]:
    """Option type: a whole number >= minimum (<= maximum), refused with a clear message.

    Args:
        what: The option's name in the message (e.g. 'replications').
        minimum: The smallest value allowed.
        maximum: The largest value allowed (none by default).
    """
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise OptionValueError(OptionMsg.whole_number(
                what=what, minimum=minimum, value=text)) from None
        if value < minimum:
            raise OptionValueError(OptionMsg.at_least(what=what, minimum=minimum, value=value))
        if maximum is not None and value > maximum:
            raise OptionValueError(OptionMsg.at_most(what=what, maximum=maximum, value=value))
        return value
    return check


# ---------------------------------------------------------------- option groups
def lang_option(p: argparse.ArgumentParser, help: bool = False) -> None:  # noqa: A002
    """--lang: the reader's language of the output and messages (its help if `help`)."""
    p.add_argument("--lang", default="id", help=OptionHelp.lang if help else None)


def scenario_options(p: argparse.ArgumentParser) -> None:
    """The scenario (a name or a YAML file), its --set overrides and --lang."""
    p.add_argument("scenario", nargs="?", default="default",
                   help=OptionHelp.scenario)
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help=OptionHelp.set)
    lang_option(p, help=True)


def executor_options(p: argparse.ArgumentParser) -> None:
    """Where the runs are executed: --executor, --scheduler, --scheduler-timeout."""
    p.add_argument("--executor", default="pool", choices=EXECUTORS,
                   help=OptionHelp.executor)
    p.add_argument("--scheduler", help=OptionHelp.scheduler)
    p.add_argument("--scheduler-timeout", type=float, default=10.0,
                   help=OptionHelp.scheduler_timeout)


def experiment_options(p: argparse.ArgumentParser, default_out: str) -> None:
    """The options of an experiment (`run`, `compare`): scenario, sizes, executor, output."""
    scenario_options(p)
    p.add_argument("--years", type=whole_number("years"), help=OptionHelp.years)
    p.add_argument("--replications", "-r", type=whole_number("replications"))
    p.add_argument("--seed", type=whole_number("seed", 0))
    p.add_argument("--jobs", "-j", type=whole_number("jobs"), default=1,
                   help=OptionHelp.jobs)
    p.add_argument("--shards", type=whole_number("shards"), default=None,
                   help=OptionHelp.shards)
    executor_options(p)
    p.add_argument("--out", help=OptionHelp.out(default=default_out))
    p.add_argument("--format", default="auto", choices=FORMATS,
                   help=OptionHelp.format(max_runs=CSV_MAX_RUNS))
    p.add_argument("--overwrite", action="store_true", help=OptionHelp.overwrite)
    p.add_argument("--quiet", "-q", action="store_true", help=OptionHelp.quiet)
