"""The built portal from the local gateway: navigation start to the load event, and to the
first ideas on the board and the first recommendation in the marketplace for a signed-in
person, each the median of 10 cold loads."""
from __future__ import annotations

import json
import statistics

import httpx
from playwright.sync_api import sync_playwright

ROUNDS = 10
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-dev-shm-usage"]
LOAD_MS = "() => { const n = performance.getEntriesByType('navigation')[0];" \
          " return n.loadEventEnd - n.startTime; }"
SINCE_START_MS = "() => performance.now()"


def row(name: str, samples: list[float]) -> dict:
    return {"name": name, "p50_ms": statistics.median(samples), "max_ms": max(samples),
            "n": len(samples)}


BOARD = ("/#/ideas", ".cards > li")
RECOMMENDED = ("/#/marketplace", ".recommendation")


def cold_load(browser, url: str, token: str | None,
              target: tuple[str, str] = BOARD) -> tuple[float, float | None]:
    """(load event ms, ms until `target`'s first item shows or None) in a fresh context."""
    path, selector = target
    context = browser.new_context(base_url=url)
    try:
        if token:
            context.add_init_script(f"sessionStorage.setItem('kaizen.session', {token})")
        page = context.new_page()
        page.goto(path, wait_until="load")
        load = page.evaluate(LOAD_MS)
        if not token:
            return load, None
        page.locator(selector).first.wait_for()
        return load, page.evaluate(SINCE_START_MS)
    finally:
        context.close()


def run(stack) -> list[dict]:
    session = httpx.post(f"{stack.url}/auth/dev-token",
                         json={"email": "ana.silva@kaizen.example"}, timeout=30).json()
    token = json.dumps(json.dumps({"token": session["token"], "person": session["person"]}))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            cold_load(browser, stack.url, None)  # warm-up: gateway and disk caches
            loads = [cold_load(browser, stack.url, None)[0] for _ in range(ROUNDS)]
            signed_in = [cold_load(browser, stack.url, token) for _ in range(ROUNDS)]
            market = [cold_load(browser, stack.url, token, RECOMMENDED) for _ in range(ROUNDS)]
        finally:
            browser.close()
    return [row("portal load (navigation → load event)", loads),
            row("portal signed in: load event", [s[0] for s in signed_in]),
            row("portal signed in: first ideas on the board", [s[1] for s in signed_in]),
            row("portal signed in: first recommendation in the marketplace",
                [m[1] for m in market])]
