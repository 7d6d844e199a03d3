"""A pg_dump after a full lifecycle holds no raw token or API key, in any encoding."""

from __future__ import annotations

import asyncio
import base64
import subprocess

import pytest

from tests.harness import World, token_of
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand

pytestmark = pytest.mark.postgres


def encodings(secret: str) -> set[bytes]:
    raw = secret.encode()
    # The random part after the public prefix (it may itself contain "_").
    body = secret.removeprefix("zh_api_").removeprefix("zht_").encode()
    return {
        raw,
        raw.hex().encode(),
        base64.b64encode(raw),
        base64.urlsafe_b64encode(raw),
        body,
        body.hex().encode(),
    }


async def test_dump_contains_no_raw_secret(pg_world: World, pg_url: str, pg_dump: str) -> None:
    w = pg_world
    tenant = await w.tenant(credits=50)
    extra = await w.run(CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id))
    canaries = [tenant.api_key, extra.raw]
    done = await w.start(tenant, candidate_ref="canary")
    canaries.append(token_of(done))
    await w.run(VerifyToken, VerifyTokenCommand(token_of(done)))
    await w.run(
        CompleteSession,
        CompleteSessionCommand(
            session_id=done.session.id,
            status=SessionStatus.COMPLETED,
            delivery_id="d",
            duration_sec=90,
        ),
    )
    expired = await w.start(tenant)
    canaries.append(token_of(expired))
    w.clock.advance(604_800)
    await w.run(CloseExpired)
    again = await w.run(
        ReInvite, ReInviteCommand(session_id=expired.session.id, client_id=tenant.client_id)
    )
    canaries.append(token_of(again))
    dump = (
        await asyncio.to_thread(
            subprocess.run,
            [pg_dump, "--data-only", pg_url],
            capture_output=True,
            check=True,
            timeout=120,
        )
    ).stdout
    assert b"canary" in dump  # the dump really holds this run's data
    for secret in canaries:
        for form in encodings(secret):
            assert form not in dump, f"a secret is stored in the clear ({form[:8]!r}…)"
