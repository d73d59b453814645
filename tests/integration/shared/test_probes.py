"""A real service's pod probes on its metrics port (shared.probes): /readyz is 200 once its
container runs with the broker and its database answering, and names the database when it
does not answer; /livez needs neither."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

from services.ideas.service import IdeasService
from shared import metrics, probes
from tests.support.postgres import free_port


def get(path: str) -> tuple[int, dict]:
    assert metrics.SERVER.port, "the first started container serves the metrics port"
    url = f"http://127.0.0.1:{metrics.SERVER.port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_running_service_is_ready_and_live(start_service):
    start_service(IdeasService)
    assert get("/readyz") == (200, {"status": "ok"})
    assert get("/livez") == (200, {"status": "ok"})


def test_a_service_whose_database_does_not_answer_is_live_but_not_ready(start_service):
    nowhere = f"postgresql+psycopg://kaizen@127.0.0.1:{free_port()}/ideas"
    start_service(IdeasService, db_url=nowhere)
    assert get("/readyz") == (503, {"status": "down", "down": ["ideas.database"]})
    assert get("/livez") == (200, {"status": "ok"})


def test_a_killed_container_leaves_no_check_behind(start_service):
    # nameko's test teardown kills containers; a check left behind would report a broker
    # vhost or database that is gone and hold /readyz at 503 for every later container
    start_service(IdeasService).kill()
    assert [name for name in probes.CHECKS if name.startswith("ideas.")] == []
