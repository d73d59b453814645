"""Notifications through the gateway on the running stack: a comment reaches the idea's
author in the inbox, over a live subscription and in the next digest in the catcher's
var/mail; a team's webhook gets a signed delivery of a new idea; bad tokens and unknown
subjects are refused at subscription time."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from websockets.sync.client import connect

from tests.support.receivers import HttpReceiver, read_mail

ANA = "ana.silva@kaizen.example"  # Assembly
BEN = "ben.okafor@kaizen.example"  # reviewer
DEV = "dev.patel@kaizen.example"  # admin
SUBMIT = """mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
  ... on Idea { id title } } }"""
COMMENT = """mutation($id: ID!, $body: String!) { commentOnIdea(id: $id, body: $body) {
  __typename } }"""
INBOX = """query($unread: Boolean!) { unreadNotificationCount
  notifications(first: 20, unreadOnly: $unread) { totalCount edges { node {
  id kind title body subjectType subjectId readAt } } } }"""
AHEAD = timedelta(days=90)  # beyond any time other tests move the shared clock to
WAIT = 20  # seconds: how long a test waits for an asynchronous outcome before failing


def eventually(check, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def live(stack, token: str):
    ws = connect(stack.url.replace("http", "ws") + "/graphql",
                 subprotocols=["graphql-transport-ws"], open_timeout=10)
    ws.send(json.dumps({"type": "connection_init", "payload": {
        "authorization": f"Bearer {token}"}}))
    return ws


def subscribe(ws, query: str, variables: dict | None = None, op: str = "1") -> None:
    ws.send(json.dumps({"id": op, "type": "subscribe", "payload": {
        "query": query, "variables": variables or {}}}))


def next_message(ws) -> dict:
    return json.loads(ws.recv(timeout=WAIT))


def submit(stack, token: str, title: str) -> dict:
    return stack.gql(SUBMIT, {"input": {"title": title, "problem": "It is slow",
                                        "proposal": "Make it faster"}}, token)["submitIdea"]


def test_a_comment_reaches_the_author_in_the_inbox_live_and_in_the_digest(stack):
    # Earlier tests of this session's stack moved the clock ahead and back (mentoring goes 30
    # days ahead); the digests they sent meanwhile cover windows up to then, and a digest
    # never reopens a window it sent. So this test lives beyond them, and returns after.
    stack.advance_clock(AHEAD)
    try:
        _comment_reaches_the_author(stack)
    finally:
        stack.advance_clock(-AHEAD - timedelta(days=1))


def _comment_reaches_the_author(stack):
    ana, ben = stack.token(ANA), stack.token(BEN)
    idea = submit(stack, ana, "Kanban cards for the glue station")
    with live(stack, ana) as ws:
        assert next_message(ws)["type"] == "connection_ack"
        subscribe(ws, "subscription { notificationReceived { kind title subjectId } }")
        time.sleep(0.5)  # the subscription is registered before the comment is made
        stack.gql(COMMENT, {"id": idea["id"], "body": "We could colour-code them"}, ben)
        pushed = next_message(ws)
    assert pushed["type"] == "next"
    assert pushed["payload"]["data"]["notificationReceived"] == {
        "kind": "IDEA_COMMENTED", "title": "Ben Okafor commented on “Kanban cards for the "
        "glue station”", "subjectId": idea["id"]}
    inbox = stack.gql(INBOX, {"unread": True}, ana)
    comment = next(e["node"] for e in inbox["notifications"]["edges"]
                   if e["node"]["subjectId"] == idea["id"])
    assert comment["body"] == "We could colour-code them" and comment["readAt"] is None
    assert stack.gql(INBOX, {"unread": True}, ben)["unreadNotificationCount"] >= 1  # the idea
    marked = stack.gql("""mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) {
      ... on NotificationsMarkedRead { unreadCount } } }""", {"ids": [comment["id"]]}, ana)
    assert marked["markNotificationsRead"]["unreadCount"] == inbox["unreadNotificationCount"] - 1

    mail = stack.var_dir / "mail"
    earlier = len([m for m in read_mail(mail) if m["To"] == ANA])
    stack.advance_clock(timedelta(days=1))
    wanted = "Ben Okafor commented on “Kanban cards for the glue station”"
    digests = eventually(lambda: [
        m for m in [m for m in read_mail(mail) if m["To"] == ANA][earlier:]
        if wanted in m.get_body(("plain",)).get_content()])
    assert digests, f"no new digest for the author in var/mail says {wanted!r}"


def test_a_team_webhook_gets_a_signed_delivery_of_a_new_idea_of_that_team(stack):
    receiver = HttpReceiver()
    try:
        created = stack.gql("""mutation($input: CreateChatChannelInput!) {
          createChatChannel(input: $input) { __typename ... on ChatChannel { id secret } } }""",
                            {"input": {"kind": "WEBHOOK", "url": receiver.url,
                                       "teamIds": ["Assembly"], "kinds": ["IDEA_SUBMITTED"]}},
                            stack.token(DEV))["createChatChannel"]
        assert created["__typename"] == "ChatChannel"
        idea = submit(stack, stack.token(ANA), "Spare nozzles next to the glue gun")
        assert eventually(lambda: [r for r in receiver.requests
                                   if json.loads(r["body"])["subject_id"] == idea["id"]])
        request = next(r for r in receiver.requests
                       if json.loads(r["body"])["subject_id"] == idea["id"])
        stamp = request["headers"]["X-Kaizen-Timestamp"]
        mac = hmac.new(created["secret"].encode(), f"{stamp}.".encode() + request["body"],
                       hashlib.sha256).hexdigest()
        assert request["headers"]["X-Kaizen-Signature"] == f"v1={mac}"
        refused = stack.gql("""mutation($input: CreateChatChannelInput!) {
          createChatChannel(input: $input) { __typename } }""", {"input": {
            "kind": "WEBHOOK", "url": receiver.url, "kinds": ["IDEA_SUBMITTED"]}},
            stack.token(ANA))
        assert refused["createChatChannel"]["__typename"] == "PermissionDeniedError"
    finally:
        receiver.close()


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_a_subscription_with_a_bad_token_is_refused_at_connection_init(stack, token):
    with live(stack, token) as ws:
        with pytest.raises(Exception) as closed:
            ws.recv(timeout=WAIT)
    assert closed.value.rcvd.code == 4403


def test_nobody_subscribes_to_an_experiment_or_idea_they_cannot_read(stack):
    with live(stack, stack.token(ANA)) as ws:
        assert next_message(ws)["type"] == "connection_ack"
        subscribe(ws, "subscription($id: ID!) { runChartChanged(experimentId: $id) { id } }",
                  {"id": "00000000-0000-0000-0000-000000000000"})
        subscribe(ws, "subscription($id: ID!) { ideaChanged(id: $id) { id } }",
                  {"id": "00000000-0000-0000-0000-000000000000"}, op="2")
        answers: dict[str, dict] = {}
        while len(answers) < 2:
            message = next_message(ws)
            if message["type"] != "complete":
                answers[message["id"]] = message
    for message in answers.values():
        assert message["type"] in ("next", "error")
        errors = message["payload"]["errors"] if message["type"] == "next" else message[
            "payload"]
        assert "not found" in errors[0]["message"]


def test_an_idea_page_sees_votes_live(stack):
    ana, ben = stack.token(ANA), stack.token(BEN)
    idea = submit(stack, ana, "A second glue gun holder")
    with live(stack, ben) as ws:
        assert next_message(ws)["type"] == "connection_ack"
        subscribe(ws, "subscription($id: ID!) { ideaChanged(id: $id) { id voteCount } }",
                  {"id": idea["id"]})
        time.sleep(0.5)
        stack.gql("mutation($id: ID!) { voteIdea(id: $id) { __typename } }", {"id": idea["id"]},
                  ben)
        pushed = next_message(ws)
    assert pushed["payload"]["data"]["ideaChanged"] == {"id": idea["id"], "voteCount": 1}
