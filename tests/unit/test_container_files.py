"""What can be checked of docker/ without a Docker engine."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

from tests.servers import free_port, zenhire_serve
from zenhire.entrypoints.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
COMPOSE_TEXT = (ROOT / "docker" / "compose.yaml").read_text()
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)
SECRET_NAME = re.compile(r"SECRET|TOKEN|PASSWORD|KEY")


def cli_commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def stages() -> list[tuple[str, str]]:
    return re.findall(r"^FROM\s+(\S+)\s+AS\s+(\S+)", DOCKERFILE, re.M)


def runtime_stage() -> str:
    return DOCKERFILE.split(" AS runtime", 1)[1].replace("\\\n", " ")


def interpolations(text: str) -> list[tuple[str, str, str]]:
    """``(name, operator, word)`` of every ``${NAME}``, ``${NAME:-word}``, ``${NAME:?word}``…"""
    return re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}", text)


def healthcheck_argv() -> list[str]:
    found = re.search(r"^HEALTHCHECK\b.*?\bCMD\s+(\[.*\])\s*$", runtime_stage(), re.M)
    assert found, "the runtime stage has an exec-form HEALTHCHECK"
    argv: list[str] = json.loads(found.group(1))
    return argv


class TestCompose:
    def test_services_and_volume(self) -> None:
        services = COMPOSE["services"]
        assert set(services) == {"db", "migrate", "api"}
        assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
        assert "pgdata" in COMPOSE["volumes"]

    def test_every_command_is_a_zenhire_subcommand(self) -> None:
        commands = cli_commands()
        for name in ("migrate", "api"):
            assert COMPOSE["services"][name]["command"][0] in commands

    def test_order_and_settings(self) -> None:
        services = COMPOSE["services"]
        assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
        api_dep = services["api"]["depends_on"]["migrate"]["condition"]
        assert api_dep == "service_completed_successfully"
        for name in ("migrate", "api"):
            env = services[name]["environment"]
            assert env["ZENHIRE_DATABASE_URL"].startswith("postgresql://")
            assert "ZENHIRE_S2S_SECRETS" in env

    def test_it_refuses_to_start_without_an_s2s_secret(self) -> None:
        for name in ("migrate", "api"):
            value = COMPOSE["services"][name]["environment"]["ZENHIRE_S2S_SECRETS"]
            assert re.fullmatch(r"\$\{ZENHIRE_S2S_SECRETS:\?.+\}", value), value

    def test_no_secret_has_a_default(self) -> None:
        """A secret is required (``:?``) or, if optional, empty by default (``:-``): never a
        value anyone can read here."""
        found = [entry for entry in interpolations(COMPOSE_TEXT) if SECRET_NAME.search(entry[0])]
        assert {name for name, _, _ in found} >= {"ZENHIRE_S2S_SECRETS", "ZENHIRE_ADMIN_TOKEN"}
        for name, operator, word in found:
            assert operator.endswith("?") or (operator.endswith("-") and word == ""), name
        for service in COMPOSE["services"].values():
            for name, value in (service.get("environment") or {}).items():
                if SECRET_NAME.search(name) and name != "POSTGRES_PASSWORD":
                    assert str(value).startswith("${"), f"{name} is written into the file"

    def test_the_published_port_and_the_service_follow_zenhire_port(self) -> None:
        api = COMPOSE["services"]["api"]
        assert api["environment"]["ZENHIRE_PORT"] == "${ZENHIRE_PORT:-8000}"
        assert api["ports"] == ["${ZENHIRE_PORT:-8000}:${ZENHIRE_PORT:-8000}"]

    def test_build_points_at_this_dockerfile(self) -> None:
        build = COMPOSE["services"]["migrate"]["build"]
        assert (ROOT / "docker" / build["context"] / build["dockerfile"]).resolve() == (
            ROOT / "docker" / "Dockerfile"
        ).resolve()


class TestDockerfile:
    def test_stages_share_one_base_and_copy_from_defined_stages(self) -> None:
        found = stages()
        assert [name for _, name in found] == ["build", "runtime"]
        assert {image for image, _ in found} == {"${PYTHON_IMAGE}"}
        assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11", DOCKERFILE, re.M)
        copied_from = re.findall(r"COPY --from=(\S+)", DOCKERFILE)
        assert copied_from
        assert set(copied_from) <= {name for _, name in found}

    def test_runtime_is_lean_non_root_and_checked(self) -> None:
        runtime = DOCKERFILE.split(" AS runtime", 1)[1]
        assert re.search(r"^USER (?!root)\S+", runtime, re.M)
        assert "HEALTHCHECK" in runtime
        assert "/api/v1/health" in runtime
        for tool in ("gcc", "build-essential", "apt-get install", "pip install", "uv "):
            assert tool not in runtime

    def test_user_is_numeric_and_not_root(self) -> None:
        """Kubernetes' runAsNonRoot can only verify a numeric USER; it refuses a name."""
        runtime = runtime_stage()
        (user,) = re.findall(r"^USER\s+(\S+)\s*$", runtime, re.M)
        uid, _, gid = user.partition(":")
        assert uid.isdigit(), user
        assert int(uid) != 0
        assert not gid or (gid.isdigit() and int(gid) != 0), user
        assert re.search(rf"useradd\b[^\n]*--uid {uid}\b", runtime)
        if gid:
            assert re.search(rf"groupadd\b[^\n]*--gid {gid}\b", runtime)

    def test_healthcheck_asks_the_port_in_zenhire_port(self, tmp_path: Path) -> None:
        """The image's health check, run as written (its ``python`` is this interpreter),
        passes against a server on ZENHIRE_PORT and fails when nothing serves that port."""
        argv = healthcheck_argv()
        assert argv[0] == "python"
        command = [sys.executable, *argv[1:]]
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
        with zenhire_serve(tmp_path) as served:
            port = served.url.rsplit(":", 1)[1]
            up = subprocess.run(command, env={**env, "ZENHIRE_PORT": port}, timeout=30)
            down = subprocess.run(
                command,
                env={**env, "ZENHIRE_PORT": str(free_port())},
                capture_output=True,
                timeout=30,
            )
        assert up.returncode == 0
        assert down.returncode != 0

    def test_entrypoint_is_the_packaged_command(self) -> None:
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
        assert 'ENTRYPOINT ["zenhire"]' in DOCKERFILE
        assert "zenhire" in scripts
        assert re.search(r'^CMD \["serve"\]', DOCKERFILE, re.M)
        assert "serve" in cli_commands()

    def test_requirements_it_copies_exist(self) -> None:
        for path in re.findall(r"^COPY (?!--from)(\S+)", DOCKERFILE, re.M):
            assert (ROOT / path).exists(), path
