"""`swv-uren --help` and every sub-command's help in Dutch, argparse's own words included; its complaints too."""
from __future__ import annotations

import argparse
import re

import pytest

from tests.conftest import run_cli

ENGLISH = re.compile(r"usage:|options:|optional arguments|positional arguments|show this help|and exit|"
                     r"the following arguments|invalid choice|choose from|unrecognized|required|expected|"
                     r"error:|subcommands|default:|"
                     r"(?-i:\b(FILE|YEAR|BOARD|PROVIDER|OUTPUT|MONTH|HOURS|DATE|NUMBER|REASON|NOTE)\b)", re.IGNORECASE)


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    from desktop.cli import build_parser

    found, todo = [], [build_parser()]
    while todo:
        parser = todo.pop(0)
        found.append((parser.prog, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend({id(p): p for p in action.choices.values()}.values())
    return found


def test_every_help_is_dutch() -> None:
    parsers = _parsers()
    assert len(parsers) > 30
    for prog, parser in parsers:
        text = parser.format_help()
        assert text.startswith("gebruik: "), prog
        assert "opties:" in text, prog
        english = ENGLISH.findall(text.replace("positionele argumenten", ""))
        assert not english, f"{prog}: {english}\n{text}"


def test_every_sub_command_and_argument_has_help() -> None:
    for prog, parser in _parsers():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                described = {choice.dest for choice in action._choices_actions if choice.help}
                assert set(action.choices) == described, f"{prog}: {set(action.choices) - described}"
            else:
                assert action.help, f"{prog} {action.option_strings or action.dest}"


def test_argparse_is_left_in_english_for_others() -> None:
    _parsers()
    parser = argparse.ArgumentParser(prog="ander")
    assert parser.format_help().startswith("usage: ander")


def test_help_on_the_command_line() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: swv-uren") and "positionele argumenten:" in result.stdout
    result = run_cli("report", "alv", "--help")
    assert result.returncode == 0 and "toon deze hulp en stop" in result.stdout


@pytest.mark.parametrize("args, dutch", [
    (["allocation"], "deze opties ontbreken: --year"),
    (["report", "kaas"], "ongeldige keuze: 'kaas' (kies uit"),
    (["kaas"], "ongeldige keuze: 'kaas'"),
    (["check", "--onbekend"], "onbekende argumenten: --onbekend"),
    (["allocation", "--year"], "verwacht één waarde"),
])
def test_complaints_are_dutch_with_exit_code_2(args: list[str], dutch: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert dutch in result.stderr, result.stderr
    assert not ENGLISH.findall(result.stderr), result.stderr
