"""The console over HTTP on both stores: sign-in, every page, and console.md's security rules."""

from __future__ import annotations

import re

import pytest
from prometheus_client import REGISTRY

from tests.harness import World
from tests.http.console_client import PASSWORD, Visitor, add_person, forms_that_post, visitor
from zenhire.domain.console.model import Role
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.close_expired import CloseExpired

PAGES = [
    "/console/",
    "/console/live",
    "/console/sessions",
    "/console/playground",
    "/console/personas",
    "/console/keys",
    "/console/credits",
    "/console/webhooks",
    "/console/users",
    "/console/audit",
    "/console/password",
]
OWNER = "owner@acme.example"


async def signed_in(world: World, v: Visitor, email: str = OWNER, role: Role = Role.OWNER) -> None:
    tenant = await world.tenant()
    await add_person(world, tenant, email, role)
    response = await v.login(email)
    assert response.status_code == 303, response.text


class TestSignIn:
    async def test_cookie_is_httponly_lax_scoped_and_secure(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            response = await v.login(OWNER)
        cookie = response.headers["set-cookie"].split(", zh_console_form")[0]
        assert cookie.startswith("zh_console=")
        attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
        assert attributes == {"httponly", "path=/console", "samesite=lax", "secure"}
        value = cookie.split(";")[0].split("=", 1)[1]
        assert len(value) >= 43  # ≥ 256 bits, URL-safe base64

    async def test_secure_is_dropped_only_when_configured(self) -> None:
        world = World(console_secure_cookies=False)
        try:
            async with visitor(world, "http://test") as v:
                await signed_in(world, v)
                response = await v.login(OWNER)
            assert "secure" not in response.headers["set-cookie"].lower()
        finally:
            await world.close()

    async def test_pages_need_a_session(self, world: World) -> None:
        async with visitor(world) as v:
            for path in PAGES:
                response = await v.http.get(path)
                assert (response.status_code, response.headers["location"]) == (
                    303,
                    "/console/login",
                ), path

    async def test_unknown_email_and_wrong_password_look_the_same(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            await v.http.post("/console/logout", data={"csrf": await v.csrf()})
            unknown = await v.login("nobody@acme.example", PASSWORD)
            wrong = await v.login(OWNER, "not the password")
        assert unknown.status_code == wrong.status_code == 401
        strip = re.compile(r'value="[^"]*"')
        assert strip.sub("", unknown.text).replace("nobody@acme.example", "E") == strip.sub(
            "", wrong.text
        ).replace(OWNER, "E")

    async def test_five_failures_then_429_counted_in_metrics(self, world: World) -> None:
        before = (
            REGISTRY.get_sample_value("zenhire_console_login_throttled_total", {"rule": "email"})
            or 0.0
        )
        async with visitor(world) as v:
            await signed_in(world, v)
            for _ in range(5):
                assert (await v.login(OWNER, "not the password")).status_code == 401
            refused = await v.login(OWNER)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 0
        assert "Too many sign-in attempts" in refused.text
        after = REGISTRY.get_sample_value(
            "zenhire_console_login_throttled_total", {"rule": "email"}
        )
        assert after == before + 1

    async def test_per_ip_rule_applies_to_logins(self) -> None:
        world = World(failed_auth_limit_per_minute=3)
        try:
            async with visitor(world) as v:
                for n in range(3):
                    assert (
                        await v.login(f"x{n}@acme.example", "wrong password")
                    ).status_code == 401
                assert (await v.login("y@acme.example", "wrong password")).status_code == 429
        finally:
            await world.close()

    async def test_logout_ends_the_session(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            cookie = v.http.cookies.get("zh_console")
            assert (await v.post("/console/logout")).status_code == 303
            v.http.cookies.set("zh_console", cookie or "", domain="test", path="/console")
            assert (await v.http.get("/console/")).status_code == 303


class TestPages:
    async def test_every_page_renders_with_the_security_headers(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            for path in [*PAGES, "/console/static/console.css", "/console/nope"]:
                response = await v.http.get(path)
                assert response.status_code == (404 if path.endswith("nope") else 200), path
                csp = response.headers["content-security-policy"]
                assert "default-src 'self'" in csp, path
                assert "frame-ancestors 'none'" in csp, path
                assert response.headers["referrer-policy"] == "no-referrer", path
                assert "<script>" not in response.text
                assert " on" + "click=" not in response.text

    async def test_playground_session_is_listed_as_playground(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            page = (await v.http.get("/console/playground")).text
            persona = re.search(r'<option value="([0-9a-f-]{36})"', page)
            assert persona
            started = await v.post(
                "/console/playground",
                {
                    "persona_id": persona.group(1),
                    "consent_mode": "explicit",
                    "candidate_ref": "cand-42",
                    "tags": "eu, senior",
                    "project_id": "",
                },
            )
            assert started.status_code == 201, started.text
            assert started.headers["cache-control"] == "no-store"
            assert "#t=zht_" in started.text
            listed = (await v.http.get("/console/sessions?tag=senior")).text
        assert "cand-42" in listed
        assert ">playground<" in listed

    async def test_key_created_works_and_stops_when_revoked(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            created = await v.post("/console/keys", {"name": "ATS", "rate_limit_per_minute": "60"})
            assert created.status_code == 201
            assert created.headers["cache-control"] == "no-store"
            raw = re.search(r'value="(zh_api_[^"]+)"', created.text)
            assert raw
            headers = {"X-API-Key": raw.group(1)}
            assert (await v.http.get("/api/v1/credits", headers=headers)).status_code == 200
            keys_page = (await v.http.get("/console/keys")).text
            key_id = re.search(r"/console/keys/([0-9a-f-]{36})/revoke", keys_page)
            assert key_id
            assert (await v.post(f"/console/keys/{key_id.group(1)}/revoke")).status_code == 303
            assert (await v.http.get("/api/v1/credits", headers=headers)).status_code == 401

    async def test_failed_session_reinvite_shows_the_link_once(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            tenant_page = (await v.http.get("/console/playground")).text
            persona = re.search(r'<option value="([0-9a-f-]{36})"', tenant_page)
            assert persona
            await v.post(
                "/console/playground", {"persona_id": persona.group(1), "consent_mode": "explicit"}
            )
            world.clock.advance(days=8)
            await world.run(CloseExpired)
            await v.login(OWNER)  # the console session idled out meanwhile
            failed = (await v.http.get("/console/sessions?status=failed")).text
            sid = re.search(r"/console/sessions/([0-9a-f-]{36})", failed)
            assert sid
            detail = (await v.http.get(f"/console/sessions/{sid.group(1)}")).text
            assert "Re-invite" in detail
            assert "LINK_EXPIRED" in detail
            again = await v.post(f"/console/sessions/{sid.group(1)}/reinvite")
            assert again.status_code == 201
            assert again.headers["cache-control"] == "no-store"
            assert "#t=zht_" in again.text
            detail = (await v.http.get(f"/console/sessions/{sid.group(1)}")).text
        assert SessionStatus.INITIATED.value in detail
        assert "#t=" not in detail


class TestForgery:
    async def test_every_post_without_or_with_a_wrong_token_is_403(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            actions: set[str] = set()
            for path in PAGES:
                actions |= set(forms_that_post((await v.http.get(path)).text))
            actions |= {"/console/logout"}
            assert len(actions) >= 8, actions
            audit_before = (await v.http.get("/console/audit")).text.count("<tr>")
            keys_before = (await v.http.get("/console/keys")).text.count("<tr>")
            for action in sorted(actions):
                for data in ({}, {"csrf": "0" * 64}):
                    response = await v.http.post(action, data={**data, "name": "forged"})
                    assert response.status_code == 403, (action, data)
                    assert "Nothing was changed" in response.text
            assert (await v.http.get("/console/keys")).text.count("<tr>") == keys_before
            assert (await v.http.get("/console/audit")).text.count("<tr>") == audit_before
            assert (await v.http.get("/console/")).status_code == 200  # still signed in

    async def test_login_form_needs_its_token(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            response = await v.http.post(
                "/console/login", data={"email": OWNER, "password": PASSWORD}
            )
        assert response.status_code == 403


class TestViewer:
    async def test_viewer_sees_no_change_controls_and_gets_403(self, world: World) -> None:
        async with visitor(world) as v:
            await signed_in(world, v, "viewer@acme.example", Role.VIEWER)
            for path in [
                "/console/",
                "/console/sessions",
                "/console/playground",
                "/console/personas",
                "/console/keys",
                "/console/credits",
            ]:
                response = await v.http.get(path)
                assert response.status_code == 200, path
                assert forms_that_post(response.text) == [], path
            for path in ["/console/users", "/console/audit"]:
                assert (await v.http.get(path)).status_code == 403
            for action, data in [
                ("/console/keys", {"name": "x"}),
                ("/console/projects", {"name": "x"}),
                ("/console/personas", {"role_name": "x", "language": "en"}),
                ("/console/users", {"email": "z@acme.example", "role": "owner"}),
            ]:
                response = await v.post(action, data)
                assert response.status_code == 403, action
            keys = (await v.http.get("/console/keys")).text
        assert ">x<" not in keys


@pytest.fixture
def world(store_world: World) -> World:
    return store_world


class TestUsersPage:
    async def test_owner_invites_changes_role_removes_and_keeps_the_last_owner(
        self, world: World
    ) -> None:
        async with visitor(world) as v:
            await signed_in(world, v)
            invited = await v.post("/console/users", {"email": "new@acme.example", "role": "admin"})
            assert invited.status_code == 201
            assert invited.headers["cache-control"] == "no-store"
            link = re.search(r'value="(https://test/console/invite/[^"]+)"', invited.text)
            assert link
            page = (await v.http.get("/console/users")).text
            new_id = re.search(
                r'new@acme\.example.*?action="/console/users/([0-9a-f-]{36})"', page, re.S
            )
            own_id = re.search(
                r'owner@acme\.example.*?action="/console/users/([0-9a-f-]{36})"', page, re.S
            )
            assert new_id
            assert own_id
            demoted = await v.post(f"/console/users/{own_id.group(1)}", {"role": "viewer"})
            assert demoted.status_code == 409
            assert "last owner" in demoted.text
            changed = await v.post(f"/console/users/{new_id.group(1)}", {"role": "viewer"})
            assert changed.status_code == 303
            assert (
                await v.post(f"/console/users/{new_id.group(1)}", {"remove": "1"})
            ).status_code == 303
            page = (await v.http.get("/console/users")).text
        assert "new@acme.example" not in page
        assert "owner@acme.example" in page
