"""What the settings alone decide (api.md §8): unknown names, database URLs, weak secrets;
and the schema revision start-up expects."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
import yaml

from zenhire.entrypoints.settings import SettingsError, known_variables, load_settings

ROOT = Path(__file__).resolve().parents[2]
DB = "postgresql://zenhire:pw-in-url@db.internal:5432/zenhire"
STRONG = secrets.token_hex(32)


def with_db(**env: str) -> dict[str, str]:
    return {"ZENHIRE_DATABASE_URL": DB, "ZENHIRE_S2S_SECRETS": STRONG, **env}


class TestUnknownVariables:
    def test_a_misspelt_name_fails_naming_it_and_the_closest_known_one(self) -> None:
        with pytest.raises(SettingsError) as caught:
            load_settings({"ZENHIRE_DATABSE_URL": DB})
        message = str(caught.value)
        assert "ZENHIRE_DATABSE_URL (did you mean ZENHIRE_DATABASE_URL?)" in message
        assert "pw-in-url" not in message  # the value is never repeated
        assert "\n" not in message

    def test_every_unknown_name_is_named_even_when_empty(self) -> None:
        with pytest.raises(SettingsError) as caught:
            load_settings({"ZENHIRE_PROT": "1", "ZENHIRE_XYZZY": ""})
        assert "ZENHIRE_PROT (did you mean ZENHIRE_PORT?)" in str(caught.value)
        assert "ZENHIRE_XYZZY" in str(caught.value)
        assert "ZENHIRE_XYZZY (did you mean" not in str(caught.value)  # nothing is close

    def test_the_project_tools_names_are_known(self) -> None:
        env = {
            "ZENHIRE_TEST_DATABASE_URL": "postgresql://postgres@127.0.0.1/postgres",
            "ZENHIRE_BENCH_ADMIN_URL": "postgresql://postgres@127.0.0.1/postgres",
            "ZENHIRE_BENCH_PORT": "18741",
        }
        assert load_settings(env).in_memory

    def test_every_name_the_repository_reads_is_known(self) -> None:
        """The tools' own variables (bench, CI, containers, the test database) stay known
        names as they change, so a tool never trips the service's typo check."""
        sources = [
            *(ROOT / "bench").rglob("*.py"),
            *(ROOT / "docker").iterdir(),
            *(ROOT / ".ci").iterdir(),
            ROOT / "Makefile",
            ROOT / "tests" / "pg.py",
            ROOT / "tests" / "servers.py",
        ]
        names = {
            name
            for path in sources
            if path.is_file()
            for name in re.findall(r"\bZENHIRE_[A-Z0-9_]*[A-Z0-9]\b", path.read_text())
        }
        assert names, "found no ZENHIRE_ names at all: the scan is broken"
        assert names <= known_variables(), names - known_variables()


class TestDatabaseUrl:
    @pytest.mark.parametrize(
        "scheme", ["postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg"]
    )
    def test_postgres_schemes_are_accepted(self, scheme: str) -> None:
        url = f"{scheme}://u:p@h:5432/d"
        assert load_settings(with_db(ZENHIRE_DATABASE_URL=url)).database_url == url

    @pytest.mark.parametrize(
        ("url", "problem"),
        [
            ("mysql://zenhire:pw-in-url@db/zenhire", "got a mysql:// URL"),
            ("sqlite:///zenhire.db", "got a sqlite:// URL"),
            ("db.internal:5432/zenhire", "got no scheme"),
            ("postgresql://zenhire:pw-in-url@db:54x2/zenhire", "the port is not a number"),
            ("postgresql://zenhire:pw-in-url@db:99999/zenhire", "the port is not a number"),
            ("postgresql://zenhire:pw-in-url@db/zen hire", "white space"),
        ],
    )
    def test_anything_else_fails_with_one_line(self, url: str, problem: str) -> None:
        with pytest.raises(SettingsError) as caught:
            load_settings(with_db(ZENHIRE_DATABASE_URL=url))
        message = str(caught.value)
        assert message.startswith("invalid setting: ZENHIRE_DATABASE_URL: ")
        assert problem in message
        assert "pw-in-url" not in message
        assert "\n" not in message


def compose_examples() -> list[str]:
    """The secrets docker/compose.yaml writes or falls back to."""
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    found = []
    for service in compose["services"].values():
        for name, value in (service.get("environment") or {}).items():
            if name in {"ZENHIRE_ADMIN_TOKEN", "ZENHIRE_S2S_SECRETS"} and value:
                default = re.fullmatch(r"\$\{\w+:?-(.*)\}", str(value))
                literal = str(value) if "${" not in str(value) else ""
                found += [v for v in (default.group(1) if default else "", literal) if v]
    return sorted(set(found))


WEAK = [
    "a",
    "change-me",
    "change-me-too",
    "secret",
    "password",
    "x" * 31,
    "change-me-" + "0123456789abcdef" * 2,  # long, still a placeholder
    "Secret_" + "0123456789abcdef" * 2,
    "password-" + "0123456789abcdef" * 2,
    "ab" * 20,  # long, too few distinct characters
    *compose_examples(),
]


class TestSecrets:
    @pytest.mark.parametrize("weak", WEAK)
    def test_a_weak_admin_token_refuses_to_start(self, weak: str) -> None:
        with pytest.raises(SettingsError) as caught:
            load_settings(with_db(ZENHIRE_ADMIN_TOKEN=weak))
        message = str(caught.value)
        assert message.startswith("weak secret: ZENHIRE_ADMIN_TOKEN ")
        assert "openssl rand -hex 32" in message
        if len(weak) > 8:  # shorter ones are words any message may hold
            assert weak not in message

    @pytest.mark.parametrize("weak", WEAK)
    def test_any_weak_s2s_secret_refuses_to_start(self, weak: str) -> None:
        with pytest.raises(SettingsError, match=r"ZENHIRE_S2S_SECRETS: entry 2 of 2 "):
            load_settings(with_db(ZENHIRE_S2S_SECRETS=f"{STRONG},{weak}"))

    def test_generated_secrets_are_accepted(self) -> None:
        s = load_settings(
            with_db(ZENHIRE_ADMIN_TOKEN=secrets.token_hex(16), ZENHIRE_S2S_SECRETS=STRONG)
        )
        assert (len(s.admin_token or ""), s.s2s_secrets) == (32, (STRONG,))

    def test_the_in_memory_demo_takes_any_secret(self) -> None:
        s = load_settings({"ZENHIRE_ADMIN_TOKEN": "a", "ZENHIRE_S2S_SECRETS": "a"})
        assert s.in_memory
        assert (s.admin_token, s.s2s_secrets) == ("a", ("a",))


def test_the_shipped_revisions_are_alembics() -> None:
    """Start-up reads the migration scripts' revisions from their source (importing Alembic
    costs every command about a second); it must agree with Alembic's own reading."""
    from alembic.script import ScriptDirectory

    from zenhire.adapters.postgres.migrate import alembic_config
    from zenhire.adapters.postgres.schema import expected_revision, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert expected_revision() == scripts.get_current_head()
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}
