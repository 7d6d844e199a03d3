"""``zenhire admin``: every sub-command and option explains itself; lists exist."""

from __future__ import annotations

import argparse

import pytest

from zenhire.entrypoints.cli import build_parser


def admin_commands() -> dict[str, argparse.ArgumentParser]:
    root = build_parser()
    (commands,) = (a for a in root._actions if isinstance(a, argparse._SubParsersAction))
    admin = commands.choices["admin"]
    (sub,) = (a for a in admin._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert all(helps.get(name) for name in sub.choices), helps
    return dict(sub.choices)


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]


def test_every_sub_command_and_option_has_help() -> None:
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, parser in admin_commands().items()
        for action in options(parser)
        if not (action.help and action.help.strip())
    ]
    assert missing == []


def test_options_that_repeat_say_so() -> None:
    repeating = [
        (name, action.option_strings[0])
        for name, parser in admin_commands().items()
        for action in options(parser)
        if isinstance(action, argparse._AppendAction)
    ]
    assert ("create-key", "--allowed-ip") in repeating
    assert ("create-client", "--permission") in repeating
    for name, option in repeating:
        (action,) = (a for a in options(admin_commands()[name]) if option in a.option_strings)
        assert "repeat" in (action.help or ""), (name, option)


def test_expires_at_names_its_format() -> None:
    (action,) = (
        a for a in options(admin_commands()["create-key"]) if "--expires-at" in a.option_strings
    )
    assert "ISO 8601" in (action.help or "")
    assert "2027-01-31T00:00:00Z" in (action.help or "")


def test_the_lists_of_the_admin_api_have_commands() -> None:
    assert {"list-clients", "list-projects", "list-keys", "ledger"} <= admin_commands().keys()


@pytest.mark.parametrize("name", ["list-clients", "list-projects", "list-keys", "ledger"])
def test_list_commands_page_like_the_api(name: str) -> None:
    flags = {o for a in options(admin_commands()[name]) for o in a.option_strings}
    assert {"--limit", "--cursor"} <= flags
