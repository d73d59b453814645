"""psycopg's wait function under eventlet: ``wait_select``, which eventlet makes cooperative.

psycopg 3 picks its C wait function unless *gevent* has patched ``select``. That function
polls the socket in C, so under eventlet a query that waits 2 s pauses every greenthread of
the service for 2 s. psycopg reads ``PSYCOPG_WAIT_FUNC`` once, when ``psycopg.waiting`` is
first imported; this module sets it (an operator's own value wins) and, should psycopg be
imported already, points ``psycopg.waiting.wait`` at the same function (psycopg looks it up
there on every wait). Imported by ``shared.db`` before SQLAlchemy loads the driver.

``select.select`` is eventlet's green ``select`` in a service (``nameko run`` patches first),
which has no FD_SETSIZE limit; a process without eventlet (migrations, the admin CLI) keeps
few sockets open, far below it."""
from __future__ import annotations

import os
import sys

VARIABLE = "PSYCOPG_WAIT_FUNC"
COOPERATIVE = "wait_select"


def cooperate() -> str:
    """Makes psycopg wait through ``select``; returns the wait function's name."""
    name = os.environ.setdefault(VARIABLE, COOPERATIVE)
    waiting = sys.modules.get("psycopg.waiting")
    if waiting is not None:
        waiting.wait = getattr(waiting, name)
    return name


cooperate()
