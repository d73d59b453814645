"""The built portal from the local gateway: navigation start to the load event, and to the
first ideas on the board and the first recommendation in the marketplace for a signed-in
person, each the median of 10 cold loads; with the browser's network log of each signed-in
load, how many /graphql requests the page sent before that first item showed and how many
of them ran one after another (a view drawn from one answer: 1)."""
from __future__ import annotations

import json
import os
import statistics
from dataclasses import dataclass, field

import httpx
from playwright.sync_api import Request, sync_playwright

from shared.settings import ROOT

ROUNDS = 10
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-dev-shm-usage"]
DIST = ROOT / "portal" / "dist"
LOAD_MS = "() => { const n = performance.getEntriesByType('navigation')[0];" \
          " return n.loadEventEnd - n.startTime; }"
# In the page, so the figures hold no Playwright polling (ms since navigation start): the
# first frame after an element matching the selector entered the document, and for each
# /graphql fetch when the page called it and when its answer reached the page. A request
# can wait on another's answer only if it was sent after the page had that answer.
IN_PAGE = """(selector) => {
  window.__firstShown = new Promise((resolve) => {
    const seen = () => document.querySelector(selector) &&
      (requestAnimationFrame(() => resolve(performance.now())), true);
    if (seen()) return;
    const watch = new MutationObserver(() => seen() && watch.disconnect());
    watch.observe(document, { childList: true, subtree: true });
  });
  const calls = (window.__graphql = []);
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    if (!String(input.url ?? input).endsWith("/graphql")) return fetch.call(this, input, init);
    const call = { sent: performance.now(), answered: null };
    calls.push(call);
    return fetch.call(this, input, init).then((response) => {
      call.answered = performance.now();
      return response;
    });
  };
}"""

BOARD = ("/#/ideas", ".cards > li")
RECOMMENDED = ("/#/marketplace", ".recommendation")


@dataclass
class Load:
    load_ms: float
    shown_ms: float = 0.0
    sent: list[str] = field(default_factory=list)  # the network log's /graphql operations
    calls: list[tuple[float, float]] = field(default_factory=list)  # (sent, answered) in page

    def in_sequence(self) -> int:
        """The longest chain of /graphql calls before the first item showed, each sent after
        the page had the answer of the one before: the round trips the view waited for."""
        calls = sorted(c for c in self.calls if c[0] < self.shown_ms)
        depth: list[int] = []
        for i, (sent, _) in enumerate(calls):
            depth.append(1 + max([depth[j] for j in range(i) if calls[j][1] <= sent],
                                 default=0))
        return max(depth, default=0)


def row(name: str, samples: list[float], **extra) -> dict:
    return {"name": name, "p50_ms": statistics.median(samples), "max_ms": max(samples),
            "n": len(samples), **extra}


def operation(request: Request) -> str:
    try:
        query = json.loads(request.post_data or "{}").get("query", "")
    except ValueError:
        return "?"
    head = query.split("{", 1)[0].split("(", 1)[0].split()
    return head[1] if len(head) > 1 else "anonymous"


def cold_load(browser, url: str, token: str | None, target: tuple[str, str] = BOARD) -> Load:
    """The load event and, signed in, when `target`'s first item showed and the /graphql
    requests sent until then (ms since navigation start), in a fresh context."""
    path, selector = target
    context = browser.new_context(base_url=url)
    try:
        if token:
            context.add_init_script(f"sessionStorage.setItem('kaizen.session', {token})")
            context.add_init_script(f"({IN_PAGE})({json.dumps(selector)})")
        page = context.new_page()
        sent: list[Request] = []
        page.on("request", lambda r: r.url.endswith("/graphql") and r.method == "POST"
                and sent.append(r))
        page.goto(path, wait_until="load")
        load = Load(page.evaluate(LOAD_MS))
        if not token:
            return load
        page.locator(selector).first.wait_for()
        load.shown_ms = page.evaluate("() => window.__firstShown")
        load.calls = [(c["sent"], c["answered"] or float("inf"))
                      for c in page.evaluate("() => window.__graphql")]
        origin = page.evaluate("() => performance.timeOrigin")
        load.sent = [operation(r) for r in sent  # timing.startTime: epoch ms
                     if r.timing["startTime"] - origin < load.shown_ms]
        return load
    finally:
        context.close()


def count(name: str, samples: list[int], **extra) -> dict:
    return {"name": name, "p50": statistics.median(samples), "max": max(samples),
            "unit": "requests", "n": len(samples), **extra}


def graphql_rows(view: str, loads: list[Load]) -> list[dict]:
    ops = sorted({op for load in loads for op in load.sent})
    return [count(f"portal signed in: {view}: /graphql requests sent before it shows",
                  [len(load.sent) for load in loads], ops=" ".join(ops)),
            count(f"portal signed in: {view}: /graphql round trips it waited for",
                  [load.in_sequence() for load in loads])]


def run(stack) -> list[dict]:
    if not (DIST / "index.html").exists():  # the gateway would answer 404 at /
        raise SystemExit(f"{DIST} is missing: run scripts/portal.sh build (make bench does)")
    session = httpx.post(f"{stack.url}/auth/dev-token",
                         json={"email": "ana.silva@kaizen.example"}, timeout=30).json()
    token = json.dumps(json.dumps({"token": session["token"], "person": session["person"]}))
    rounds = int(os.environ.get("KAIZEN_BENCH_PORTAL_ROUNDS", ROUNDS))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            cold_load(browser, stack.url, None)  # warm-up: gateway and disk caches
            loads = [cold_load(browser, stack.url, None) for _ in range(rounds)]
            board = [cold_load(browser, stack.url, token) for _ in range(rounds)]
            market = [cold_load(browser, stack.url, token, RECOMMENDED) for _ in range(rounds)]
        finally:
            browser.close()
    return [row("portal load (navigation → load event)", [s.load_ms for s in loads]),
            row("portal signed in: load event", [s.load_ms for s in board]),
            row("portal signed in: first ideas on the board", [s.shown_ms for s in board]),
            *graphql_rows("first ideas", board),
            row("portal signed in: first recommendation in the marketplace",
                [s.shown_ms for s in market],
                first_load_ms=market[0].shown_ms),  # it encodes the profile
            *graphql_rows("first recommendation", market)]
