"""Entities for the port contracts, with every optional field set unless a test says not."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.ids import ApiKeyId, ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.model.sessions import ConsentMode, Feedback, Session, SessionStatus


def digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def client(at: datetime, **fields: Any) -> Client:
    built = Client(
        id=ClientId(uuid4()),
        name="Acme",
        active=True,
        permissions=("interview",),
        max_concurrent_interviews=2,
        created_at=at,
        balance=0,
    )
    return replace(built, **fields)


def project(client_id: ClientId, at: datetime, **fields: Any) -> Project:
    return replace(Project(ProjectId(uuid4()), client_id, "Hiring 2026", at), **fields)


def api_key(client_id: ClientId, at: datetime, **fields: Any) -> ApiKey:
    key_id = ApiKeyId(uuid4())
    built = ApiKey(
        id=key_id,
        client_id=client_id,
        project_id=None,
        digest=digest(f"key-{key_id}"),
        prefix="zh_api_abcdefgh",
        name="ci",
        expires_at=at + timedelta(days=30),
        allowed_ips=("10.0.0.0/8", "2001:db8::/32"),
        rate_limit_per_minute=120,
        created_at=at,
    )
    return replace(built, **fields)


def persona(client_id: ClientId, at: datetime, **fields: Any) -> Persona:
    built = Persona(
        id=PersonaId(uuid4()),
        client_id=client_id,
        role_name="Engineer",
        language="en",
        system_prompt="Ask one question at a time.",
        base_prompt_override="Be brief.",
        status=PersonaStatus.ACTIVE,
        created_at=at,
        updated_at=at,
    )
    return replace(built, **fields)


def session(client_id: ClientId, persona_id: PersonaId, at: datetime, **fields: Any) -> Session:
    session_id = SessionId(uuid4())
    built = Session(
        id=session_id,
        client_id=client_id,
        persona_id=persona_id,
        project_id=None,
        candidate_ref="cand-1",
        consent_mode=ConsentMode.EXPLICIT,
        tags=("backend", "senior"),
        metadata={"n": 3, "f": 1.5, "b": True, "s": "x"},
        token_digest=digest(f"token-{session_id}"),
        expires_at=at + timedelta(days=7),
        created_at=at,
    )
    return replace(built, **fields)


def ended(s: Session, at: datetime) -> Session:
    """``s`` as a completed session with every end-of-life field set."""
    return replace(
        s,
        status=SessionStatus.COMPLETED,
        started_at=at,
        deadline_at=at + timedelta(hours=1),
        ended_at=at + timedelta(minutes=20),
        completed_at=at + timedelta(minutes=20),
        duration_sec=1200,
        credit_charged=20,
        recording_s3_key="rec/1.wav",
        transcript_s3_key="tr/1.json",
        interview_svc_session_id="svc-1",
        feedback=Feedback(4, "clear questions"),
    )
