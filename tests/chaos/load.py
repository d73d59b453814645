"""The clients of the fault suite: `threads` people submit ideas through the gateway at
once. Each idea has its own Idempotency-Key; on any error (no answer, an HTTP error, a
GraphQL error, ServiceUnavailableError) the client waits and sends the same request with
the same key again, until the gateway acknowledges the idea or the deadline passes."""
from __future__ import annotations

import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx

SUBMIT = """mutation($input: SubmitIdeaInput!) {
  submitIdea(input: $input) { __typename ... on Idea { id title } ... on UserError { message } }
}"""


@dataclass
class Submission:
    title: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    idea_id: str | None = None
    attempts: int = 0
    answered_at: float | None = None  # monotonic, of the acknowledgement


class Load:
    def __init__(self, url: str, tokens: list[str], titles: list[str],
                 deadline_seconds: float = 600):
        self.url, self.tokens = url, tokens
        self.submissions = [Submission(title) for title in titles]
        self._next = itertools.count()  # thread-safe in CPython: each index goes to one
        self._deadline = time.monotonic() + deadline_seconds
        self._threads = [threading.Thread(target=self._client, args=(token,), daemon=True)
                         for token in tokens]

    def start(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def join(self) -> None:
        for thread in self._threads:
            thread.join()

    @property
    def acknowledged(self) -> list[Submission]:
        return [s for s in self.submissions if s.idea_id]

    def wait_acknowledged(self, count: int) -> None:
        while len(self.acknowledged) < count and any(t.is_alive() for t in self._threads):
            time.sleep(0.05)

    def _client(self, token: str) -> None:
        headers = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=self.url, timeout=30) as http:
            while (index := next(self._next)) < len(self.submissions):
                self._submit(http, headers, self.submissions[index])

    def _submit(self, http: httpx.Client, headers: dict, submission: Submission) -> None:
        body = {"query": SUBMIT, "variables": {"input": {
            "title": submission.title, "problem": "Found by the fault suite."}}}
        pause = 0.1
        while time.monotonic() < self._deadline:
            submission.attempts += 1
            idea = self._post(http, {**headers, "idempotency-key": submission.key}, body)
            if idea is not None:
                submission.idea_id, submission.answered_at = idea["id"], time.monotonic()
                return
            time.sleep(pause)
            pause = min(pause * 2, 2.0)

    @staticmethod
    def _post(http: httpx.Client, headers: dict, body: dict) -> dict | None:
        """The idea, or None for any error (the client retries)."""
        try:
            response = http.post("/graphql", json=body, headers=headers)
            answer = response.json()
        except (httpx.HTTPError, ValueError):
            return None
        result = (answer.get("data") or {}).get("submitIdea") or {}
        ok = response.status_code == 200 and result.get("__typename") == "Idea"
        return result if ok else None



class Recovery(threading.Thread):
    """Started when the component is down: asks the gateway for ideas (a read through the
    ideas service) every 0.2 s until it answers, and keeps how long that took."""

    QUERY = "{ ideas(first: 1) { totalCount } }"

    def __init__(self, url: str, token: str, timeout: float = 600):
        super().__init__(daemon=True)
        self.url, self.token, self.timeout = url, token, timeout
        self.started_at = time.monotonic()
        self.seconds = float("nan")

    def run(self) -> None:
        headers = {"authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.url, timeout=30) as http:
            while time.monotonic() - self.started_at < self.timeout:
                try:
                    body = http.post("/graphql", json={"query": self.QUERY},
                                     headers=headers).json()
                    if "errors" not in body and body.get("data"):
                        self.seconds = time.monotonic() - self.started_at
                        return
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.2)
