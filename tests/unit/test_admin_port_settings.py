"""ADMIN_PORT settings: a listener of its own, never the public one."""

from __future__ import annotations

import pytest

from zenhire.entrypoints.settings import SettingsError, load_settings


def test_admin_port_equal_to_port_refuses_to_serve() -> None:
    settings = load_settings({"ZENHIRE_PORT": "8100", "ZENHIRE_ADMIN_PORT": "8100"})
    with pytest.raises(SettingsError, match="ZENHIRE_ADMIN_PORT"):
        settings.check_serving()


def test_admin_port_defaults() -> None:
    settings = load_settings({})
    assert (settings.admin_port, settings.admin_host) == (None, "127.0.0.1")
    load_settings({"ZENHIRE_ADMIN_PORT": "8101"}).check_serving()
