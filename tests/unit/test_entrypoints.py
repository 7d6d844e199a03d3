"""Settings, the in-server sweeper, the close-expired command."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import World, token_of
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand
from zenhire.entrypoints.settings import SettingsError, load_settings
from zenhire.entrypoints.sweeper import Sweeper


class TestSettings:
    def test_defaults_match_the_contract(self) -> None:
        s = load_settings({})
        assert (s.link_ttl_seconds, s.max_interview_seconds, s.port, s.workers) == (
            604_800,
            3_600,
            8_000,
            1,
        )
        assert s.in_memory

    def test_reads_prefixed_variables(self) -> None:
        s = load_settings({"ZENHIRE_S2S_SECRETS": "a, b,", "ZENHIRE_PORT": "9001"})
        assert (s.s2s_secrets, s.port) == (("a", "b"), 9001)

    @pytest.mark.parametrize(("name", "value"), [("ZENHIRE_PORT", "x"), ("ZENHIRE_WORKERS", "0")])
    def test_bad_values_name_the_variable(self, name: str, value: str) -> None:
        with pytest.raises(SettingsError, match=name):
            load_settings({name: value})

    def test_memory_store_refuses_several_workers(self) -> None:
        with pytest.raises(SettingsError, match="ZENHIRE_WORKERS"):
            load_settings({"ZENHIRE_WORKERS": "2"}).check_serving()

    def test_trusted_proxies_must_be_networks(self) -> None:
        settings = load_settings({"ZENHIRE_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"})
        with pytest.raises(SettingsError, match=r"ZENHIRE_TRUSTED_PROXIES: 'proxy\.local'"):
            settings.check_serving()

    def test_database_needs_s2s_secrets(self) -> None:
        with pytest.raises(SettingsError, match="S2S_SECRETS"):
            load_settings({"ZENHIRE_DATABASE_URL": "postgresql://x/y"}).check_serving()


class TestSweeperLoop:
    async def test_runs_until_stopped(self) -> None:
        world = World()
        tenant = await world.tenant()
        issued = await world.start(tenant)
        await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        world.clock.advance(3600)
        sweeper = Sweeper(world.container, interval_seconds=0.01)
        sweeper.start()
        for _ in range(200):
            if world.store.sessions[issued.session.id].status is SessionStatus.FAILED:
                break
            await asyncio.sleep(0.01)
        await asyncio.wait_for(sweeper.stop(), timeout=5)
        assert world.store.sessions[issued.session.id].error_code == "SESSION_TIMEOUT"


def test_close_expired_command_prints_json() -> None:
    zenhire = Path(sys.executable).with_name("zenhire")
    out = subprocess.run(
        [str(zenhire), "close-expired"], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == {"timed_out": 0, "links_expired": 0, "waiters_dropped": 0}
