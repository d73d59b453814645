"""The whole Kaizen stack for end-to-end tests: started once per session by
scripts/stack.sh (the script behind `make run`) on its own RabbitMQ vhost, temp databases
and a free port, and stopped by PID at the end."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import jwt

from shared import clock
from shared.settings import ROOT
from tests.support.postgres import free_port

MGMT = f"http://127.0.0.1:{os.environ.get('KAIZEN_RABBIT_MGMT_PORT', '15672')}"
AMQP_HOST = f"127.0.0.1:{os.environ.get('KAIZEN_AMQP_PORT', '5672')}"


@dataclass
class Stack:
    url: str
    amqp_uri: str
    var_dir: Path
    env: dict

    def token(self, email: str) -> str:
        response = httpx.post(f"{self.url}/auth/dev-token", json={"email": email}, timeout=30)
        response.raise_for_status()
        return response.json()["token"]

    def graphql(self, query: str, variables: dict | None = None, token: str | None = None,
                headers: dict | None = None) -> httpx.Response:
        headers = dict(headers or {})
        if token:
            headers["authorization"] = f"Bearer {token}"
        return httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables},
                          headers=headers, timeout=60)

    def raw_graphql(self, body: bytes | str, token: str | None = None,
                    headers: dict | None = None) -> httpx.Response:
        """POSTs `body` as it is: JSON a client library would refuse (`NaN`), or no JSON."""
        headers = {"content-type": "application/json", **(headers or {})}
        if token:
            headers["authorization"] = f"Bearer {token}"
        return httpx.post(f"{self.url}/graphql", content=body, headers=headers, timeout=60)

    @property
    def issuer(self) -> str:
        """The embedded identity provider's URL (its keys are in var_dir/idp/keys.json)."""
        return f"http://127.0.0.1:{self.env['KAIZEN_IDP_PORT']}"

    def provider_token(self, **claims) -> str:
        """A token as the embedded provider signs it (its own key): an ID token for the
        portal unless `claims` say otherwise (aud, exp, ...)."""
        keys = json.loads((self.var_dir / "idp" / "keys.json").read_text())["keys"][0]
        now = int(time.time())
        base = {"iss": self.issuer, "aud": "kaizen-portal", "iat": now, "exp": now + 600,
                "email_verified": True}
        key = jwt.PyJWK(keys).key
        return jwt.encode({**base, **claims}, key, "RS256", headers={"kid": keys["kid"]})

    def advance_clock(self, delta: timedelta) -> None:
        """Moves the clock of every process of this stack forward (shared.clock), and returns
        once every process reads the new time: each re-reads the file at most every
        RECHECK_SECONDS, so a call made at once could still see the old time."""
        clock.advance(Path(self.env["KAIZEN_CLOCK_FILE"]), delta)
        time.sleep(2 * clock.RECHECK_SECONDS)

    def pid(self, name: str) -> int:
        """The PID scripts/stack.sh recorded for a service or the gateway."""
        return int((self.var_dir / "run" / f"{name}.pid").read_text())

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signals a service or the gateway and returns once the process is gone."""
        pid = self.pid(name)
        os.kill(pid, sig)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} ({pid}) did not stop")

    def start_process(self, name: str) -> None:
        """Starts a service or the gateway again, as scripts/stack.sh start does."""
        subprocess.run([str(ROOT / "scripts" / "stack.sh"), "start-one", name], env=self.env,
                       check=True, capture_output=True, text=True, timeout=60)

    def wait_healthy(self, timeout: float = 180) -> None:
        """Returns once the gateway's /healthz is 200: the broker and every service answer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=10).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the stack did not become healthy again\n" + logs(self.var_dir))

    def gql(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        """`data` of a successful GraphQL call; fails loudly on any GraphQL error."""
        response = self.graphql(query, variables, token)
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        return body["data"]


def create_vhost(name: str) -> None:
    auth = ("guest", "guest")
    httpx.put(f"{MGMT}/api/vhosts/{name}", auth=auth, timeout=10).raise_for_status()
    permissions = {"configure": ".*", "write": ".*", "read": ".*"}
    httpx.put(f"{MGMT}/api/permissions/{name}/guest", json=permissions, auth=auth,
              timeout=10).raise_for_status()


def delete_vhost(name: str) -> None:
    httpx.delete(f"{MGMT}/api/vhosts/{name}", auth=("guest", "guest"), timeout=10)


def start_stack(**extra_env: str) -> Stack:
    """`extra_env`: e.g. KAIZEN_SERVICES="career,ideas" for a smaller stack, or a service's
    KAIZEN_<SERVICE>_DB_URL for PostgreSQL."""
    vhost = f"kaizen-e2e-{uuid.uuid4().hex[:8]}"
    create_vhost(vhost)
    var_dir = Path(tempfile.mkdtemp(prefix="kaizen-e2e-"))
    port = free_port()
    env = {
        **os.environ,
        "AMQP_URI": f"amqp://guest:guest@{AMQP_HOST}/{vhost}",
        "KAIZEN_VAR_DIR": str(var_dir),
        "KAIZEN_PORT": str(port),
        "KAIZEN_DEV_LOGIN": "1",
        "KAIZEN_VHOST": vhost,
        "KAIZEN_CLOCK_FILE": str(var_dir / "clock"),
        "KAIZEN_IDP_PORT": str(free_port()),  # the embedded identity provider's
        "KAIZEN_SMTP_PORT": str(free_port()),
        "KAIZEN_WEBHOOK_ALLOW_PRIVATE": "1",
        "KAIZEN_MAIL_INTERVAL": "2",
        "KAIZEN_STUCK_CHECK_SECONDS": "2",  # career's stuck alerts and session reminders
        **extra_env,
    }
    stack = Stack(url=f"http://127.0.0.1:{port}", amqp_uri=env["AMQP_URI"], var_dir=var_dir,
                  env=env)
    failure = scripted_start(stack)
    if failure:
        stop_stack(stack)
        raise RuntimeError(f"stack did not start:\n{failure}")
    return stack


def scripted_start(stack: Stack, timeout: float = 600) -> str | None:
    """Runs scripts/stack.sh start with the stack's environment: None when it started, else
    its output and the processes' logs."""
    try:
        result = subprocess.run([str(ROOT / "scripts" / "stack.sh"), "start"], env=stack.env,
                                capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:  # what it launched runs on: the caller stops it
        return f"no start within {exc.timeout} s\n" + logs(stack.var_dir)
    if result.returncode == 0:
        return None
    return f"{result.stdout}\n{result.stderr}\n" + logs(stack.var_dir)


def logs(var_dir: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}"
                     for p in sorted((var_dir / "log").glob("*.log")))


def stop_stack(stack: Stack) -> None:
    subprocess.run([str(ROOT / "scripts" / "stack.sh"), "stop"], env=stack.env,
                   capture_output=True, text=True, timeout=120)
    delete_vhost(stack.env["KAIZEN_VHOST"])
