"""Creates the broker users of shared.broker_users, with their permissions on a vhost,
through RabbitMQ's management API: ``python -m shared.broker_setup [VHOST]`` (the setup
step of make run, of compose's broker-users and of Kubernetes' broker-users Job), or
`kaizen-admin broker users`.

The management API is KAIZEN_RABBIT_MANAGEMENT_URL (http://user:password@host:15672, an
administrator; default guest on 127.0.0.1:$KAIZEN_RABBIT_MGMT_PORT). Each user's password is
KAIZEN_BROKER_PASSWORD_<NAME> (NAME: GATEWAY or the service), or a development default
(dev-only-broker-<name>)."""
from __future__ import annotations

import base64
import json
import os
import sys
import urllib.parse
import urllib.request

from shared.broker_users import Grant, grants, user_of
from shared.settings import amqp_uri


def password_of(name: str) -> str:
    return os.environ.get(f"KAIZEN_BROKER_PASSWORD_{name.upper()}", f"dev-only-broker-{name}")


def uri_for(name: str, base: str | None = None) -> str:
    parts = urllib.parse.urlsplit(base or amqp_uri())
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    login = f"{user_of(name)}:{urllib.parse.quote(password_of(name), safe='')}"
    return urllib.parse.urlunsplit((parts.scheme, f"{login}@{host}", parts.path, "", ""))


def vhost_of(uri: str) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(uri).path[1:]) or "/"


class Management:
    def __init__(self, url: str | None = None) -> None:
        port = os.environ.get("KAIZEN_RABBIT_MGMT_PORT", "15672")
        parts = urllib.parse.urlsplit(url or os.environ.get(
            "KAIZEN_RABBIT_MANAGEMENT_URL", f"http://guest:guest@127.0.0.1:{port}"))
        self.base = f"{parts.scheme}://{parts.hostname}:{parts.port or 15672}/api"
        login = f"{urllib.parse.unquote(parts.username or '')}:" \
                f"{urllib.parse.unquote(parts.password or '')}"
        self.auth = "Basic " + base64.b64encode(login.encode()).decode()

    def put(self, *path: str, body: dict) -> None:
        url = "/".join([self.base, *(urllib.parse.quote(p, safe="") for p in path)])
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="PUT",
                                         headers={"Authorization": self.auth,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10):
            pass

    def grant(self, grant: Grant, password: str, vhost: str) -> None:
        self.put("users", grant.user, body={"password": password, "tags": ""})
        self.put("permissions", vhost, grant.user, body={
            "configure": grant.configure, "write": grant.write, "read": grant.read})
        for exchange, (write, read) in grant.topics.items():
            self.put("topic-permissions", vhost, grant.user,
                     body={"exchange": exchange, "write": write, "read": read})


def apply(vhost: str | None = None, management: Management | None = None) -> str:
    vhost = vhost or vhost_of(amqp_uri())
    management = management or Management()
    for grant in grants():
        management.grant(grant, password_of(grant.user.removeprefix("kaizen-")), vhost)
    return vhost


if __name__ == "__main__":
    done = apply(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"broker users on vhost {done}: {', '.join(g.user for g in grants())}")
