"""The console in a real browser against a served app, on both stores (console.md "How it is
built and tested"): every page with data, screenshots, axe-core, nothing off-origin."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.contract.conftest import truncate
from tests.http.browser import Session, chromium, session
from tests.http.helpers import signed_post
from tests.servers import Served, zenhire_serve

PASSWORD = "a long enough passphrase"
TRANSCRIPT = {
    "turns": [
        {"speaker": "interviewer", "text": "Tell me about a system you designed."},
        {
            "speaker": "candidate",
            "text": "I built a billing ledger with per-client sequence numbers.",
        },
    ]
}


@pytest.fixture
async def served(http_store: dict[str, Any], tmp_path: Path) -> Iterator[Served]:
    store = {"database_url": http_store["database_url"]} if http_store else {}
    if store:
        await truncate(store["database_url"])
    with zenhire_serve(tmp_path, console_secure_cookies="false", **store) as server:
        yield server


class Tenant:
    """A client set up through the admin and integrator APIs, as an operator would."""

    def __init__(self, server: Served, http: httpx.AsyncClient) -> None:
        self.server = server
        self.http = http
        self.admin = {"Authorization": f"Bearer {server.admin_token}"}

    async def create(self) -> None:
        client = await self.http.post(
            "/api/v1/admin/clients",
            json={"name": "Acme Hiring", "credits": 1000},
            headers=self.admin,
        )
        self.client_id = client.json()["id"]
        key = await self.http.post(
            f"/api/v1/admin/clients/{self.client_id}/api-keys",
            json={"name": "ATS"},
            headers=self.admin,
        )
        self.api = {"X-API-Key": key.json()["key"]}
        persona = await self.http.post(
            "/api/v1/interview/personas",
            json={"role_name": "Backend Engineer", "language": "en"},
            headers=self.api,
        )
        self.persona_id = persona.json()["id"]
        for n in range(3):  # sessions of the API beside the console's
            await self.http.post(
                f"/api/v1/interview/personas/{self.persona_id}/sessions",
                json={"consent_mode": "explicit", "candidate_ref": f"api-{n}", "tags": ["eu"]},
                headers=self.api,
            )

    async def start_live(self) -> None:
        """A session of the API, verified by the backend: one live interview (with a key of
        its own: the console has rotated the first one by then)."""
        key = await self.http.post(
            f"/api/v1/admin/clients/{self.client_id}/api-keys", json={}, headers=self.admin
        )
        created = await self.http.post(
            f"/api/v1/interview/personas/{self.persona_id}/sessions",
            json={"consent_mode": "explicit", "candidate_ref": "live-now"},
            headers={"X-API-Key": key.json()["key"]},
        )
        assert created.status_code == 201, created.text
        token = created.json()["candidate_link"].split("#t=", 1)[1]
        verified = await signed_post(
            self.http,
            "/api/v1/interview/s2s/verify",
            {"token": token},
            secret=self.server.s2s_secret,
        )
        assert verified.status_code == 200, verified.text

    async def invite(self, email: str, role: str) -> str:
        answer = await self.http.post(
            f"/api/v1/admin/clients/{self.client_id}/users",
            json={"email": email, "role": role},
            headers=self.admin,
        )
        assert answer.status_code == 201, answer.text
        return str(answer.json()["invite_url"])

    async def interview(self, link: str, *, completed: bool, workdir: Path) -> str:
        """Verify the link and complete (or fail) the interview over S2S, as the backend."""
        token = link.split("#t=", 1)[1]
        verified = await signed_post(
            self.http,
            "/api/v1/interview/s2s/verify",
            {"token": token},
            secret=self.server.s2s_secret,
        )
        assert verified.status_code == 200, verified.text
        sid = verified.json()["session_id"]
        body: dict[str, Any] = {
            "status": "completed" if completed else "failed",
            "delivery_id": f"d-{sid}",
        }
        if completed:
            artifacts = workdir / "artifacts" / sid
            artifacts.mkdir(parents=True)
            (artifacts / "t.json").write_text(json.dumps(TRANSCRIPT))
            (artifacts / "r.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28))
            body.update(
                duration_sec=754,
                transcript_s3_key=f"{sid}/t.json",
                recording_s3_key=f"{sid}/r.wav",
                feedback={"rating": 4, "comment": "Clear and structured."},
            )
        else:
            body["error_code"] = "INTERVIEW_FAILED"
        done = await signed_post(
            self.http,
            f"/api/v1/interview/s2s/sessions/{sid}/complete",
            body,
            secret=self.server.s2s_secret,
        )
        assert done.status_code == 200, done.text
        return sid


async def accept(page: Page, invite_url: str) -> None:
    await page.goto(invite_url)
    await page.fill("#password", PASSWORD)
    await page.fill("#confirm", PASSWORD)
    await page.click("button[type=submit]")
    await expect(page.locator("h1")).to_have_text("Sign in")


async def sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    await page.goto(f"{base}/console/login")
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("button[type=submit]")


async def start_playground(page: Page, s: Session, ref: str) -> str:
    await page.goto(f"{s.base}/console/playground")
    await page.fill("#ref", ref)
    await page.fill("#tags", "console, demo")
    await page.click("text=Start session and get the link")
    await expect(page.locator("h1")).to_have_text("Interview link")
    return await page.locator("#secret-value").input_value()


async def test_console_journey(served: Served, tmp_path: Path, http_store: dict[str, Any]) -> None:
    store = "postgres" if http_store else "memory"
    base = served.url
    async with httpx.AsyncClient(base_url=base) as http, chromium() as browser:
        tenant = Tenant(served, http)
        await tenant.create()
        owner_invite = await tenant.invite("owner@acme.example", "owner")
        viewer_invite = await tenant.invite("viewer@acme.example", "viewer")
        async with session(browser, base, store) as s:
            page = await s.page()
            await page.goto(owner_invite)
            await s.check(page, "invite")
            await accept(page, owner_invite)
            await sign_in(page, base, "owner@acme.example", "not the password")
            await expect(page.locator(".error")).to_contain_text("not right")
            await s.check(page, "login")
            await sign_in(page, base, "owner@acme.example")
            await expect(page.locator("h1")).to_have_text("Overview")

            # Personas, projects and keys.
            await page.goto(f"{base}/console/personas")
            await page.fill("#role", "Data Analyst")
            await page.click("text=Create persona")
            await expect(page.locator("td", has_text="Data Analyst")).to_be_visible()
            await s.check(page, "personas")
            await page.goto(f"{base}/console/keys")
            await page.fill("#project-name", "EMEA hiring")
            await page.click("text=Create project")
            await page.fill("#key-name", "Console key")
            await page.select_option("#key-project", label="EMEA hiring")
            await page.click("text=Create key")
            await expect(page.locator("h1")).to_have_text("New API key")
            await s.check(page, "key-created")
            raw = await page.locator("#secret-value").input_value()
            assert (
                await http.get("/api/v1/credits", headers={"X-API-Key": raw})
            ).status_code == 200
            await page.goto(f"{base}/console/keys")
            await s.check(page, "keys")
            await page.click("button[aria-label^='Revoke zh_api_'] >> nth=0")
            assert (
                await http.get("/api/v1/credits", headers={"X-API-Key": raw})
            ).status_code == 401
            await page.click("a[aria-label^='Rotate'] >> nth=0")
            await s.check(page, "rotate-confirm")
            await page.click("text=Yes, rotate the key")
            await expect(page.locator("h1")).to_have_text("New API key")

            # Playground: one interview completed, one failed and re-invited.
            link = await start_playground(page, s, "cand-completed")
            await s.check(page, "playground-link")
            completed = await tenant.interview(link, completed=True, workdir=tmp_path)
            failed = await tenant.interview(
                await start_playground(page, s, "cand-failed"), completed=False, workdir=tmp_path
            )
            await page.goto(f"{base}/console/playground")
            await s.check(page, "playground")
            await page.goto(f"{base}/console/sessions")
            await expect(page.locator("tr", has_text="cand-completed")).to_contain_text("completed")
            await expect(page.locator("tr", has_text="cand-completed")).to_contain_text(
                "playground"
            )
            await s.check(page, "sessions")
            await page.goto(f"{base}/console/sessions?status=completed&tag=console")
            await expect(page.locator("tbody tr")).to_have_count(1)
            await page.goto(f"{base}/console/sessions/{completed}")
            await expect(page.locator(".turns li")).to_have_count(2)
            await expect(page.locator(".turns")).to_contain_text("billing ledger")
            await expect(page.locator("audio")).to_have_attribute(
                "src", f"/console/sessions/{completed}/recording"
            )
            audio = await page.request.get(f"{base}/console/sessions/{completed}/recording")
            assert audio.headers["content-type"] == "audio/wav"
            await s.check(page, "session-completed")
            await page.goto(f"{base}/console/sessions/{failed}")
            await s.check(page, "session-failed")
            await page.click("button:text('Re-invite')")
            await expect(page.locator("h1")).to_have_text("New interview link")
            assert "#t=zht_" in await page.locator("#secret-value").input_value()
            await s.check(page, "reinvite-link")

            # Overview, credits, users, audit.
            await page.goto(f"{base}/console/")
            await expect(page.locator("#live")).to_contain_text("Live interviews")
            await s.check(page, "overview")
            # An interview starts elsewhere: the live figure follows without a reload.
            await expect(page.locator("#live dd").first).to_contain_text("0 of")
            await tenant.start_live()
            await expect(page.locator("#live dd").first).to_contain_text("1 of", timeout=15_000)
            await page.goto(f"{base}/console/credits")
            await expect(page.locator("td", has_text="Interview charged")).to_have_count(1)
            await s.check(page, "credits")
            await page.goto(f"{base}/console/users")
            await page.fill("#invite-email", "admin@acme.example")
            await page.select_option("#invite-role", "admin")
            await page.click("text=Create invite link")
            await s.check(page, "user-invite-link")
            await page.goto(f"{base}/console/users")
            await s.check(page, "users")
            await page.goto(f"{base}/console/audit")
            for action in ("Key created", "Key revoked", "Key rotated", "Session reinvited"):
                await expect(page.locator("td", has_text=action)).to_have_count(1)
            await expect(page.locator("td", has_text="Playground session")).to_have_count(2)
            await expect(page.locator("td", has_text="Login failed")).to_have_count(1)
            await s.check(page, "audit")
            await page.goto(f"{base}/console/password")
            await s.check(page, "password")
            await page.goto(f"{base}/console/webhooks")
            await page.fill("#wh-url", "https://hooks.acme.example/zenhire")
            await page.fill("#wh-desc", "ATS events")
            await page.click("text=Create endpoint")
            await s.check(page, "webhook-secret")
            await page.click("text=View the endpoint")
            await page.click("text=Send a test event")
            await expect(page.locator("td", has_text="ping")).to_have_count(1)
            await s.check(page, "webhook")
            await page.goto(f"{base}/console/webhooks")
            await s.check(page, "webhooks")

            # A forged form (wrong CSRF token) changes nothing.
            await page.goto(f"{base}/console/keys")
            rows = await page.locator("tbody tr").count()
            await page.fill("#key-name", "forged")
            await page.locator("form[action='/console/keys'] input[name=csrf]").evaluate(
                "e => e.value = 'forged'"
            )
            await page.click("text=Create key")
            await expect(page.locator("h1")).to_have_text("Form expired")
            await s.check(page, "csrf-refused")
            await page.goto(f"{base}/console/keys")
            await expect(page.locator("tbody tr")).to_have_count(rows)
            assert s.foreign == []
            assert s.violations == {}, s.violations

        # A viewer reads and changes nothing.
        async with session(browser, base, store) as s:
            page = await s.page()
            await accept(page, viewer_invite)
            await sign_in(page, base, "viewer@acme.example")
            await page.goto(f"{base}/console/keys")
            await expect(page.locator("form[method=post]")).to_have_count(1)  # sign out only
            await s.check(page, "viewer-keys")
            status = await page.evaluate(
                """async () => {
                    const csrf = document.querySelector("input[name=csrf]").value;
                    const body = new URLSearchParams({csrf, name: "by a viewer"});
                    return (await fetch("/console/keys", {method: "POST", body})).status;
                }"""
            )
            assert status == 403
            await page.goto(f"{base}/console/users")
            await expect(page.locator("h1")).to_have_text("Not allowed")
            assert s.foreign == []
            assert s.violations == {}, s.violations

        # Five failed sign-ins for one email, then the throttled page.
        async with session(browser, base, store) as s:
            page = await s.page()
            for _ in range(5):
                await sign_in(page, base, "owner@acme.example", "wrong wrong wrong")
            await sign_in(page, base, "owner@acme.example")
            await expect(page.locator("h1")).to_have_text("Too many sign-in attempts")
            await s.check(page, "throttled")
            assert s.violations == {}, s.violations
        metrics = (await http.get("/metrics")).text
    assert re.search(r'zenhire_console_login_throttled_total\{rule="email"\} [1-9]', metrics)
