"""A form submission carries one Idempotency-Key and keeps it when it is sent again: after
a ServiceUnavailableError (shown with when to try again) or a lost answer the idea exists
once; the next submission has a key of its own."""
from __future__ import annotations

import os
import signal
import uuid

from playwright.sync_api import Page, Route, expect

from tests.portal.conftest import screenshot, sign_in

COUNT = "query($search: String) { ideas(filter: {search: $search}) { totalCount } }"
UNAVAILABLE = "The ideas service is unavailable right now: try again in 5 s."


def keys_sent(page: Page) -> list[str]:
    """The Idempotency-Key of every submitIdea request the page sends, in order."""
    keys: list[str] = []
    page.on("request", lambda r: "submitIdea" in (r.post_data or "")
            and keys.append(r.headers.get("idempotency-key")))
    return keys


def fill_idea(page: Page, title: str) -> None:
    page.goto("/#/ideas/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Problem").fill("The torque wrenches are never where they belong.")


def ideas_titled(portal, title: str) -> int:
    token = portal.token("ana.silva@kaizen.example")
    return portal.gql(COUNT, {"search": title}, token)["ideas"]["totalCount"]


def test_a_submission_sent_again_after_the_service_was_unavailable_makes_one_idea(
        open_page, portal):
    page = sign_in(open_page(), "Ana Silva")
    keys, title = keys_sent(page), f"Shadow board for wrenches {uuid.uuid4().hex[:6]}"
    fill_idea(page, title)
    ideas = int((portal.var_dir / "run" / "ideas.pid").read_text())
    os.kill(ideas, signal.SIGSTOP)  # it receives the request but answers after the timeout
    try:
        page.get_by_role("button", name="Submit idea").click()
        expect(page.get_by_text(UNAVAILABLE)).to_be_visible(timeout=40_000)
        screenshot(page, "idea-submit-unavailable")
    finally:
        os.kill(ideas, signal.SIGCONT)
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]
    assert ideas_titled(portal, title) == 1

    fill_idea(page, f"{title} again")
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_role("heading", name=f"{title} again")).to_be_visible()
    assert len(keys) == 3 and keys[2] != keys[0]


def test_a_submission_sent_again_after_its_answer_was_lost_makes_one_idea(
        open_page, portal, console):
    page = sign_in(open_page(), "Ana Silva")
    keys, title = keys_sent(page), f"Wrench check at shift end {uuid.uuid4().hex[:6]}"
    lost: list[str] = []

    def lose_the_first_answer(route: Route) -> None:
        if "submitIdea" in (route.request.post_data or "") and not lost:
            route.fetch()  # the server makes the idea; its answer never reaches the page
            lost.append(route.request.url)
            return route.abort("connectionreset")
        return route.continue_()

    page.route("**/graphql", lose_the_first_answer)
    fill_idea(page, title)
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert lost and len(keys) == 2 and keys[0] == keys[1]
    assert ideas_titled(portal, title) == 1
    # the browser reports the connection we reset; nothing else may fail
    console.errors[:] = [e for e in console.errors if "ERR_CONNECTION_RESET" not in e]
