"""What can be checked of docker/ without a Docker engine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from zenhire.entrypoints.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())


def cli_commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def stages() -> list[tuple[str, str]]:
    return re.findall(r"^FROM\s+(\S+)\s+AS\s+(\S+)", DOCKERFILE, re.M)


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

    def test_entrypoint_is_the_packaged_command(self) -> None:
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
        assert 'ENTRYPOINT ["zenhire"]' in DOCKERFILE
        assert "zenhire" in scripts
        assert re.search(r'^CMD \["serve"\]', DOCKERFILE, re.M)
        assert "serve" in cli_commands()

    def test_requirements_it_copies_exist(self) -> None:
        for path in re.findall(r"^COPY (?!--from)(\S+)", DOCKERFILE, re.M):
            assert (ROOT / path).exists(), path
