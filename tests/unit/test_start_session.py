"""StartSession: checks in contract order, truncation, limits, no charge, digest only."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from uuid import uuid4

import pytest

from tests.harness import World, token_of
from zenhire.domain import errors
from zenhire.domain.model.ids import PersonaId
from zenhire.domain.model.personas import PersonaStatus
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_clients import PostCredits, PostCreditsCommand
from zenhire.domain.use_cases.personas import ArchivePersona, PersonaRef


class TestStartSession:
    async def test_creates_initiated_session_with_secret_link(self, world: World) -> None:
        tenant = await world.tenant(credits=5)
        issued = await world.start(tenant, candidate_ref="cand-1")
        session = world.store.sessions[issued.session.id]
        assert session.status is SessionStatus.INITIATED
        assert issued.candidate_link.startswith("https://interview.zenhire.ai/#t=zht_")
        assert issued.expires_in == 604_800
        assert session.expires_at == world.clock.now() + timedelta(seconds=604_800)
        token = token_of(issued)
        assert len(token) >= 4 + 43  # prefix + 256 bits in URL-safe base64
        assert session.token_digest == hashlib.sha256(token.encode()).digest()
        assert token not in repr(session)
        assert world.balance(tenant.client_id) == 5  # nothing charged

    async def test_truncates_candidate_ref_to_256(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant, candidate_ref="x" * 300)
        assert issued.session.candidate_ref == "x" * 256

    async def test_unknown_persona_is_not_found(self, world: World) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.NotFoundError):
            await world.start(tenant, persona_id=PersonaId(uuid4()))

    async def test_foreign_persona_is_forbidden_before_archived_or_credits(
        self, world: World
    ) -> None:
        mine = await world.tenant(credits=0)
        theirs = await world.tenant()
        await world.run(ArchivePersona, PersonaRef(theirs.client_id, theirs.persona_id))
        with pytest.raises(errors.ResourceForbiddenError):
            await world.start(mine, persona_id=theirs.persona_id)

    async def test_archived_persona_is_refused_before_credits(self, world: World) -> None:
        tenant = await world.tenant(credits=0)
        archived = await world.run(ArchivePersona, PersonaRef(tenant.client_id, tenant.persona_id))
        assert archived.status is PersonaStatus.ARCHIVED
        with pytest.raises(errors.PersonaArchivedError):
            await world.start(tenant)

    async def test_insufficient_credits_reports_balance_and_minimum(self, world: World) -> None:
        tenant = await world.tenant(credits=0)
        with pytest.raises(errors.InsufficientCreditsError) as caught:
            await world.start(tenant)
        assert caught.value.details == {"balance": 0, "minimum": 1}
        assert world.store.sessions == {}

    async def test_invalid_body_is_reported_before_persona_lookup(self, world: World) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.InvalidInputError):
            await world.start(tenant, persona_id=PersonaId(uuid4()), tags=["a", "a"])

    async def test_minimum_is_inclusive(self, world: World) -> None:
        tenant = await world.tenant(credits=2)
        await world.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=-1, reason="fix")
        )
        issued = await world.start(tenant)  # balance 1 == minimum 1
        assert issued.session.status is SessionStatus.INITIATED


class TestMetadataAndTagLimits:
    @pytest.mark.parametrize("keys", [50])
    async def test_fifty_keys_accepted(self, world: World, keys: int) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant, metadata={f"k{i}": i for i in range(keys)})
        assert len(issued.session.metadata or {}) == keys

    async def test_fifty_one_keys_refused(self, world: World) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.InvalidInputError):
            await world.start(tenant, metadata={f"k{i}": i for i in range(51)})

    @pytest.mark.parametrize(("key_len", "ok"), [(1, True), (40, True), (41, False), (0, False)])
    async def test_key_length(self, world: World, key_len: int, ok: bool) -> None:
        tenant = await world.tenant()
        metadata = {"k" * key_len: "v"}
        if ok:
            assert (await world.start(tenant, metadata=metadata)).session.metadata == metadata
        else:
            with pytest.raises(errors.InvalidInputError):
                await world.start(tenant, metadata=metadata)

    @pytest.mark.parametrize(("size", "ok"), [(500, True), (501, False)])
    async def test_string_value_length(self, world: World, size: int, ok: bool) -> None:
        tenant = await world.tenant()
        if ok:
            await world.start(tenant, metadata={"k": "v" * size})
        else:
            with pytest.raises(errors.InvalidInputError):
                await world.start(tenant, metadata={"k": "v" * size})

    @pytest.mark.parametrize("value", [None, {"a": 1}, [1]])
    async def test_null_and_nested_values_refused(self, world: World, value: object) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.InvalidInputError):
            await world.start(tenant, metadata={"k": value})

    async def test_total_size_edge(self, world: World) -> None:
        tenant = await world.tenant()
        metadata = {f"k{i:02d}": "v" * 400 for i in range(20)}
        size = len(json.dumps(metadata, separators=(",", ":")))
        metadata["pad"] = "p" * (8192 - size - len(',"pad":""'))
        assert len(json.dumps(metadata, separators=(",", ":")).encode()) == 8192
        await world.start(tenant, metadata=metadata)
        metadata["pad"] += "p"
        with pytest.raises(errors.InvalidInputError):
            await world.start(tenant, metadata=metadata)

    async def test_types_are_preserved(self, world: World) -> None:
        tenant = await world.tenant()
        metadata = {"s": "3", "i": 3, "f": 1.5, "b": True}
        stored = (await world.start(tenant, metadata=metadata)).session.metadata
        assert stored == metadata
        assert stored is not None
        assert [type(v) for v in stored.values()] == [str, int, float, bool]

    @pytest.mark.parametrize(("count", "ok"), [(20, True), (21, False)])
    async def test_tag_count(self, world: World, count: int, ok: bool) -> None:
        tenant = await world.tenant()
        tags = [f"t{i}" for i in range(count)]
        if ok:
            assert (await world.start(tenant, tags=tags)).session.tags == tuple(tags)
        else:
            with pytest.raises(errors.InvalidInputError):
                await world.start(tenant, tags=tags)

    @pytest.mark.parametrize(("length", "ok"), [(1, True), (40, True), (41, False), (0, False)])
    async def test_tag_length(self, world: World, length: int, ok: bool) -> None:
        tenant = await world.tenant()
        if ok:
            await world.start(tenant, tags=["t" * length])
        else:
            with pytest.raises(errors.InvalidInputError):
                await world.start(tenant, tags=["t" * length])

    async def test_duplicate_tags_refused(self, world: World) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.InvalidInputError) as caught:
            await world.start(tenant, tags=["a", "b", "a"])
        assert caught.value.details == {
            "fields": [{"field": "tags", "problem": "tags must be distinct"}]
        }
