"""argparse in Dutch: its own words ("usage:", "options", "the following arguments are required" …) through a
translation of the strings it passes to gettext, active only while a DutchArgumentParser is built, parses or
writes its help, so other parsers in the same process (pytest's) are left as they are."""
from __future__ import annotations

import argparse
import contextlib
from typing import Any, Iterator, Sequence

# argparse's messages (Python 3.11 to 3.14) and their Dutch.
DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "positionele argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "subcommando's",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze opties ontbreken: %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "ignored explicit argument %r": "genegeerd argument %r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected %s argument": "verwacht %s waarde",
    "expected %s arguments": "verwacht %s waarden",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan zijn %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "ongeldige keuze: %(value)r; bedoelt u %(closest)r?",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekend commando %(parser_name)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "argument \"-\" with mode %r": "argument \"-\" met modus %r",
    "cannot have multiple subparser arguments": "meer dan één groep subcommando's is niet mogelijk",
    "default": "standaard",
}


def _(text: str) -> str:
    return DUTCH.get(text, text)


def _n(singular: str, plural: str, count: int) -> str:
    return _(singular if count == 1 else plural)


_depth = 0


@contextlib.contextmanager
def dutch() -> Iterator[None]:
    """argparse's own strings in Dutch for the duration (re-entrant: subparsers parse inside their parent)."""
    global _depth
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, _n  # type: ignore[attr-defined]
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and messages are in Dutch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with dutch():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        with dutch():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with dutch():
            return super().format_usage()

    def format_help(self) -> str:
        with dutch():
            return super().format_help()

    def add_subparsers(self, **kwargs: Any):  # type: ignore[no-untyped-def, override]
        with dutch():
            return super().add_subparsers(**kwargs)


def fill_in(parser: argparse.ArgumentParser, helps: dict[str, str], metavars: dict[str, str]) -> None:
    """Give every argument of `parser` and its sub-commands without a help text or shown name the Dutch one
    for its dest (`--year` → "JAAR", "het schooljaar, bijvoorbeeld 2016-2017").
    A key "COMMAND SUBCOMMAND:dest" (e.g. "export boards:output") goes before the plain dest."""
    command = parser.prog.partition(" ")[2]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in {id(p): p for p in action.choices.values()}.values():
                fill_in(sub, helps, metavars)
            continue
        key = f"{command}:{action.dest}"
        if action.help is None:
            action.help = helps.get(key, helps.get(action.dest))
        if action.metavar is None and action.nargs != 0 and not action.choices:
            action.metavar = metavars.get(key, metavars.get(action.dest))
