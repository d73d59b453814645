"""A request the gateway gave up on never runs later: the service queue drops requests older
than the gateway's timeout (KAIZEN_RPC_TIMEOUT, its x-message-ttl). Here the ideas service
is down while the request waits, and starts after the caller timed out."""
from __future__ import annotations

import eventlet
import pytest
from nameko.exceptions import RpcTimeout
from nameko.standalone.rpc import ClusterRpcProxy

from services.ideas.models import Idea
from services.ideas.service import IdeasService
from shared import queues
from tests.support.identities import ANA
from tests.support.services import as_user, count


def test_an_abandoned_submission_is_never_stored(start_service, make_db, rabbit_config,
                                                 rabbit_manager, monkeypatch):
    monkeypatch.setenv("KAIZEN_RPC_TIMEOUT", "1")
    queues.declare(rabbit_config["AMQP_URI"], [queues.service_queue("ideas", rabbit_config)])
    with ClusterRpcProxy(rabbit_config, timeout=0.5,
                         context_data=as_user(ANA, "ideas")) as cluster:
        with pytest.raises(RpcTimeout):  # ideas is down: the caller gives up
            cluster.ideas.submit_idea({"title": "Shadow board for the forklift keys"})
    eventlet.sleep(1.5)  # past the queue's TTL
    url = make_db("ideas")
    container = start_service(IdeasService, db_url=url)
    eventlet.sleep(1)  # time enough for a waiting request to have been handled
    assert count(url, Idea.__table__) == 0
    queue = rabbit_manager.get_queue(rabbit_config["vhost"], "rpc-ideas")
    assert queue["arguments"]["x-message-ttl"] == 1000
    assert container.service_name == "ideas"
