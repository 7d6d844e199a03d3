"""A real Chromium (Debian's, driven by Playwright) on a served console: every request is
checked to stay on the server's origin, every page gets a screenshot and an axe-core check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

CHROMIUM: Final = "/usr/bin/chromium"
# As the machine's notes advise: no background traffic, which a closed network refuses.
FLAGS: Final = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS: Final = Path(__file__).parents[2] / "screenshots"  # git-ignored
SERIOUS: Final = {"serious", "critical"}


class Session:
    """One browser context against ``base``; records requests to any other origin."""

    def __init__(self, context: BrowserContext, base: str, store: str) -> None:
        self.context = context
        self.base = base
        self.store = store
        self.foreign: list[str] = []
        self.axe = Axe()
        self.violations: dict[str, list[str]] = {}

    async def route(self, route: Route) -> None:
        if route.request.url.startswith(self.base + "/"):
            await route.continue_()
        else:
            self.foreign.append(route.request.url)
            await route.abort()

    async def page(self) -> Page:
        return await self.context.new_page()

    async def check(self, page: Page, name: str) -> None:
        """Screenshot the page and run axe-core on it, keeping serious/critical findings."""
        await page.wait_for_load_state("load")
        folder = SHOTS / self.store
        folder.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        results = await self.axe.run(page)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        if found:
            self.violations[name] = found


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def session(browser: Browser, base: str, store: str) -> AsyncIterator[Session]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    s = Session(context, base, store)
    await context.route("**/*", s.route)
    try:
        yield s
    finally:
        await context.close()


async def field_value(page: Page, selector: str) -> Any:
    return await page.locator(selector).input_value()
