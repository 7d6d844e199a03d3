"""Settings read from ``ZENHIRE_*`` environment variables (api.md §8).

``load_settings`` refuses, with a ``SettingsError`` whose one-line message names the variable,
everything the settings alone decide: an unknown ``ZENHIRE_*`` name, a malformed value, a
database URL that is not PostgreSQL, and (outside the in-memory demo) a weak secret.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
from collections.abc import Mapping
from typing import Annotated, Final, Literal

import msgspec

from zenhire.domain.policy import Policy
from zenhire.entrypoints.secret_checks import GENERATE_SECRET, refuse_weak_secrets
from zenhire.entrypoints.setting_checks import PREFIX, SettingsError, check_database_url

# Read by the project's own tools, not by the service; known names all the same.
TOOL_VARIABLES: Final = frozenset(
    {
        "ZENHIRE_TEST_DATABASE_URL",  # tests/pg.py, bench/roundtrips.py
        "ZENHIRE_BENCH_ADMIN_URL",  # bench/run.py
        "ZENHIRE_BENCH_PORT",  # bench/run.py
    }
)
Positive = Annotated[int, msgspec.Meta(ge=1)]
NonNegative = Annotated[int, msgspec.Meta(ge=0)]


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=False):
    database_url: str | None = None
    admin_token: str | None = None
    candidate_link_base: str = "https://interview.zenhire.ai/"
    link_ttl_seconds: Positive = 604_800
    max_interview_seconds: Positive = 3_600
    interview_credits_per_minute: NonNegative = 1
    min_credits_to_start: NonNegative = 1
    default_max_concurrent_interviews: Positive = 8
    s2s_secrets: tuple[str, ...] = ()
    sweep_interval_seconds: Annotated[float, msgspec.Meta(gt=0)] = 15.0
    sweep_batch_size: Positive = 500
    queue_retry_after_seconds: Positive = 5
    log_format: Literal["json", "console"] = "json"
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=0, le=65_535)] = 8_000
    workers: Positive = 1
    artifact_dir: str = "./artifacts"
    api_key_cache_seconds: Annotated[float, msgspec.Meta(ge=0, le=60)] = 5.0
    db_pool_size: Positive = 20
    db_max_overflow: NonNegative = 0
    db_pool_timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 5.0
    db_statement_timeout_ms: Positive = 5_000
    db_lock_timeout_ms: Positive = 2_000
    db_idle_in_transaction_timeout_ms: Positive = 10_000
    s2s_require_v2: bool = False
    admin_port: Annotated[int, msgspec.Meta(ge=1, le=65_535)] | None = None
    admin_host: str = "127.0.0.1"
    max_active_personas: Positive = 1_000
    failed_auth_limit_per_minute: NonNegative = 30
    trusted_proxies: tuple[str, ...] = ()
    keepalive_seconds: Annotated[float, msgspec.Meta(gt=0)] = 75.0
    webhook_timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 10.0
    webhook_retry_base_seconds: Annotated[float, msgspec.Meta(gt=0)] = 5.0
    webhook_max_age_seconds: Annotated[float, msgspec.Meta(gt=0)] = 259_200.0
    webhook_allow_insecure: bool = False
    webhook_allow_private: bool = False
    console_secure_cookies: bool = True
    # Where people reach the console (invite links); unset: the address the request came to.
    console_url: str | None = None

    @property
    def in_memory(self) -> bool:
        return not self.database_url

    def policy(self) -> Policy:
        return Policy(
            candidate_link_base=self.candidate_link_base,
            link_ttl_seconds=self.link_ttl_seconds,
            max_interview_seconds=self.max_interview_seconds,
            interview_credits_per_minute=self.interview_credits_per_minute,
            min_credits_to_start=self.min_credits_to_start,
            default_max_concurrent_interviews=self.default_max_concurrent_interviews,
            queue_retry_after_seconds=self.queue_retry_after_seconds,
            sweep_batch_size=self.sweep_batch_size,
            max_active_personas=self.max_active_personas,
            failed_auth_limit_per_minute=self.failed_auth_limit_per_minute,
        )

    def check_serving(self) -> None:
        """Refuse configurations that cannot serve safely."""
        if self.in_memory and self.workers > 1:
            raise SettingsError(
                "ZENHIRE_WORKERS > 1 needs ZENHIRE_DATABASE_URL: the in-memory store lives in "
                "one process and cannot be shared between workers."
            )
        if self.admin_port is not None and self.admin_port == self.port:
            raise SettingsError(
                "ZENHIRE_ADMIN_PORT must differ from ZENHIRE_PORT: the admin API and /metrics "
                "are served on a listener of their own."
            )
        if not self.in_memory and not self.s2s_secrets:
            raise SettingsError("ZENHIRE_S2S_SECRETS is required with ZENHIRE_DATABASE_URL.")
        for entry in self.trusted_proxies:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise SettingsError(
                    f"invalid setting: ZENHIRE_TRUSTED_PROXIES: {entry!r} is not an IP address "
                    "or CIDR"
                ) from None


def known_variables() -> frozenset[str]:
    """Every ``ZENHIRE_*`` name a setting or one of the project's tools reads."""
    return frozenset(PREFIX + f.upper() for f in Settings.__struct_fields__) | TOOL_VARIABLES


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; empty variables count as unset.

    Raises ``SettingsError`` (one line, naming the variable, never echoing a secret) for an
    unknown ``ZENHIRE_*`` variable, a malformed value, a database URL that is not PostgreSQL,
    and, outside the in-memory demo, a weak ``ADMIN_TOKEN`` or ``S2S_SECRETS`` entry.
    """
    env = os.environ if environ is None else environ
    _refuse_unknown(env)
    fields = set(Settings.__struct_fields__)
    raw: dict[str, object] = {}
    for name, value in env.items():
        key = name[len(PREFIX) :].lower() if name.startswith(PREFIX) else None
        if key in fields and value.strip():
            raw[key] = value.strip()
    for listed in ("s2s_secrets", "trusted_proxies"):
        if isinstance(text := raw.get(listed), str):
            raw[listed] = tuple(s.strip() for s in text.split(",") if s.strip())
    try:
        settings = msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"invalid setting: {_env_name(str(exc))}") from None
    if settings.database_url:
        check_database_url(settings.database_url)
        refuse_weak_secrets(settings.admin_token, settings.s2s_secrets)
    return settings


def _refuse_unknown(env: Mapping[str, str]) -> None:
    """A misspelt name must not silently fall back to a default (the in-memory store above
    all): every unknown ``ZENHIRE_*`` variable is named, with the closest known name."""
    known = known_variables()
    unknown = sorted(name for name in env if name.startswith(PREFIX) and name not in known)
    if not unknown:
        return
    # Compared without the prefix they all share, which would make any two names look close.
    suffixes = sorted(name[len(PREFIX) :] for name in known)
    named = []
    for name in unknown:
        close = difflib.get_close_matches(name[len(PREFIX) :], suffixes, n=1, cutoff=0.6)
        named.append(f"{name} (did you mean {PREFIX}{close[0]}?)" if close else name)
    several = len(unknown) > 1
    raise SettingsError(
        f"unknown setting{'s' if several else ''}: {', '.join(named)}; fix or unset "
        f"{'them' if several else 'it'} (README.md lists the settings)"
    )


def _env_name(message: str) -> str:
    """Rewrite msgspec's ``at `$.port``` into the variable's name."""
    text, _, where = message.partition(" - at `$.")
    return f"{PREFIX}{where.rstrip('`').upper()}: {text}" if where else message


__all__ = ["GENERATE_SECRET", "Settings", "SettingsError", "known_variables", "load_settings"]
