"""``zenhire admin`` against Postgres: the API's operations and lists, the API's validation,
one JSON line out (or one error line and exit status 1)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.contract.conftest import truncate
from tests.harness import make_settings
from zenhire.entrypoints.admin import cli as admin_cli
from zenhire.entrypoints.cli import build_parser


class Cli:
    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.settings = make_settings(database_url=url)
        self.capsys = capsys

    def __call__(self, *argv: str, status: int = 0) -> Any:
        args = build_parser().parse_args(["admin", *argv])
        assert admin_cli.run(args, self.settings) == status
        out, err = self.capsys.readouterr()
        lines = (out if status == 0 else err).splitlines()
        assert len(lines) == 1, (out, err)
        return json.loads(lines[0])


@pytest.fixture
async def cli(pg_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    await truncate(pg_url)
    return Cli(pg_url, capsys)


def test_operations_and_lists(cli: Cli) -> None:
    client = cli("create-client", "--name", "Acme Hiring", "--credits", "100")
    cid = client["id"]
    cli("create-client", "--name", "Beta", "--inactive", "--no-permissions")
    grant = cli("credits", cid, "--amount", "50", "--reason", "invoice 7")
    assert (grant["kind"], grant["balance_after"], grant["seq"]) == ("grant", 150, 2)
    cli("credits", cid, "--amount", "-20", "--reason", "fix")
    page = cli("ledger", cid, "--limit", "2")
    assert [r["seq"] for r in page["data"]] == [3, 2]
    rest = cli("ledger", cid, "--cursor", page["next_cursor"])
    assert ([r["seq"] for r in rest["data"]], rest["next_cursor"]) == ([1], None)
    assert [r["seq"] for r in cli("ledger", cid, "--kind", "grant")["data"]] == [2, 1]
    listed = cli("list-clients", "--name-prefix", "Acme")["data"]
    assert [(c["id"], c["credits"]) for c in listed] == [(cid, 130)]
    assert [c["name"] for c in cli("list-clients", "--active", "false")["data"]] == ["Beta"]
    project = cli("create-project", cid, "--name", "Backend")
    assert cli("list-projects", cid)["data"] == [project]
    key = cli(
        "create-key",
        cid,
        "--project-id",
        project["id"],
        "--expires-at",
        "2099-01-31T09:00:00+09:00",
        "--allowed-ip",
        "10.0.0.1",
        "--allowed-ip",
        "192.168.0.0/16",
        "--name",
        "ci",
    )
    assert key["expires_at"] == "2099-01-31T00:00:00.000Z"
    assert key["allowed_ips"] == ["10.0.0.1/32", "192.168.0.0/16"]
    (row,) = cli("list-keys", cid)["data"]
    assert row == {k: v for k, v in key.items() if k != "key"}
    cli("revoke-key", key["id"])
    assert cli("list-keys", cid)["data"] == []
    assert [k["id"] for k in cli("list-keys", cid, "--include-revoked")["data"]] == [key["id"]]
    updated = cli("update-client", cid, "--active", "false", "--max-concurrent-interviews", "2")
    assert (updated["active"], updated["max_concurrent_interviews"], updated["name"]) == (
        False,
        2,
        "Acme Hiring",
    )


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (["create-client", "--name", ""], "INVALID_INPUT", "--name"),
        (["create-client", "--name", "A", "--credits", "-1"], "INVALID_INPUT", "--credits"),
        (["list-clients", "--limit", "0"], "INVALID_INPUT", "limit"),
        (["list-clients", "--cursor", "nope"], "INVALID_CURSOR", ""),
        (["get-client", "00000000-0000-4000-8000-000000000000"], "NOT_FOUND", ""),
        (["ledger", "00000000-0000-4000-8000-000000000000"], "NOT_FOUND", ""),
    ],
)
def test_refusals_are_one_error_line(cli: Cli, argv: list[str], code: str, names: str) -> None:
    error = cli(*argv, status=1)["error"]
    assert error["code"] == code
    assert names in error["message"] or names in json.dumps(error.get("details"))


def test_an_instant_without_offset_is_refused_with_the_option_named(cli: Cli) -> None:
    cid = cli("create-client", "--name", "A")["id"]
    error = cli("create-key", cid, "--expires-at", "2099-01-31T00:00:00", status=1)["error"]
    assert error["code"] == "INVALID_INPUT"
    assert error["message"].startswith("--expires-at: ")
    assert error["details"]["fields"][0]["field"] == "expires_at"
    assert cli("list-keys", cid)["data"] == []


def test_create_user_prints_a_one_time_invite_link(cli: Cli) -> None:
    cid = cli("create-client", "--name", "Console Co")["id"]
    user = cli("create-user", cid, "--email", "first@example.com", "--role", "owner")
    assert (user["email"], user["role"]) == ("first@example.com", "owner")
    assert user["invite_url"].startswith("http://127.0.0.1:8000/console/invite/")
    error = cli("create-user", cid, "--email", "nope", "--role", "owner", status=1)
    assert error["error"]["code"] == "INVALID_INPUT"
