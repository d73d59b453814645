"""/healthz names what is down; /livez needs nothing and /readyz only the broker; dev sign-in
does not exist unless switched on."""
from __future__ import annotations

import uuid

import pytest
from starlette.testclient import TestClient

from tests.support.postgres import free_port
from tests.support.stack import AMQP_HOST, create_vhost, delete_vhost


def client(monkeypatch, amqp_uri: str, dev_login: str = "0") -> TestClient:
    monkeypatch.setenv("AMQP_URI", amqp_uri)
    monkeypatch.setenv("KAIZEN_DEV_LOGIN", dev_login)
    monkeypatch.setenv("KAIZEN_SERVICES", "career,ideas")
    from gateway.app import create_app

    return TestClient(create_app())


def test_health_names_the_broker_when_it_is_unreachable(monkeypatch):
    dead = f"amqp://guest:guest@127.0.0.1:{free_port()}/"
    with client(monkeypatch, dead) as http:
        response = http.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "down": ["rabbitmq"]}


def test_without_a_broker_the_pod_is_live_but_not_ready(monkeypatch):
    dead = f"amqp://guest:guest@127.0.0.1:{free_port()}/"
    with client(monkeypatch, dead) as http:
        live, ready = http.get("/livez"), http.get("/readyz")
    assert (live.status_code, live.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (503, {"status": "down", "down": ["rabbitmq"]})


@pytest.fixture
def empty_vhost():
    name = f"kaizen-empty-{uuid.uuid4().hex[:8]}"
    create_vhost(name)
    yield f"amqp://guest:guest@{AMQP_HOST}/{name}"
    delete_vhost(name)


def test_health_names_every_service_that_does_not_answer(monkeypatch, empty_vhost):
    with client(monkeypatch, empty_vhost) as http:
        response = http.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "down": ["career", "ideas"]}


def test_the_pod_is_ready_with_the_broker_whatever_service_is_down(monkeypatch, empty_vhost):
    with client(monkeypatch, empty_vhost) as http:
        response = http.get("/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_dev_sign_in_is_404_unless_switched_on(monkeypatch, empty_vhost):
    with client(monkeypatch, empty_vhost, dev_login="0") as http:
        assert http.post("/auth/dev-token", json={"email": "a@b.example"}).status_code == 404
        assert http.get("/auth/dev-people").status_code == 404
