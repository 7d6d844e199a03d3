"""The in-memory demo seeds a console owner and prints how to sign in."""

from __future__ import annotations

import pytest

from tests.harness import World
from zenhire.domain.console.use_cases.login import Login, LoginCommand
from zenhire.entrypoints.demo import print_banner, seed_demo


async def test_demo_prints_a_console_owner_who_can_sign_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = World(console_secure_cookies=False)
    try:
        tenant = await seed_demo(world.container)
        print_banner(world.settings, tenant)
        exports = dict(
            line[len("export ") :].split("=", 1)
            for line in capsys.readouterr().out.splitlines()
            if line.startswith("export ")
        )
        assert exports["ZH_CONSOLE_URL"] == "http://127.0.0.1:8000/console/"
        signed = await world.run(
            Login,
            LoginCommand(
                email=exports["ZH_CONSOLE_EMAIL"], password=exports["ZH_CONSOLE_PASSWORD"]
            ),
        )
        assert signed.actor.client_id == tenant.client_id
        assert len(exports["ZH_CONSOLE_PASSWORD"]) >= 12
    finally:
        await world.close()
