"""`kaizen-admin events ...`: the events handlers gave up on, their replay, and the consumer
queues every service's handlers need.

  events failed [--service S]         the parked events waiting for a replay
  events replay ID | --all [--service S]
                                      sends a parked event (or all) to its handler's queue
                                      again, with fresh attempts
  events declare [--service S]        declares every consumer queue (durable, bound, with
                                      its retry and dead-letter queues) before producers publish

Each service's database (KAIZEN_<SERVICE>_DB_URL) holds its own `failed_events`; the broker
is AMQP_URI."""
from __future__ import annotations

import argparse
import importlib

from nameko.amqp.publish import Publisher, UndeliverableMessage
from sqlalchemy.exc import OperationalError, ProgrammingError

from shared import failed_events, queues, topology
from shared.db import make_engine
from shared.failed_events import FailedEvent
from shared.settings import ROOT, SERVICES, amqp_uri, db_url


def register(subparsers) -> None:
    group = subparsers.add_parser("events", help="failed events, their replay, queues")
    commands = group.add_subparsers(dest="command", required=True, metavar="COMMAND")
    failed = commands.add_parser("failed", help="list the parked events waiting for a replay")
    failed.add_argument("--service", action="append", choices=SERVICES)
    failed.set_defaults(func=list_failed)
    replay = commands.add_parser("replay", help="send parked events to their handlers again")
    which = replay.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="the ID `events failed` shows")
    which.add_argument("--all", action="store_true", help="every parked event")
    replay.add_argument("--service", action="append", choices=SERVICES)
    replay.set_defaults(func=replay_failed)
    declare = commands.add_parser("declare", help="declare every consumer queue")
    declare.add_argument("--service", action="append", choices=SERVICES)
    declare.set_defaults(func=declare_queues)
    write = commands.add_parser("topology", help="write shared/contracts/consumers.json "
                                "from the handlers the code defines")
    write.set_defaults(func=write_topology)


def deployed(chosen: list[str] | None) -> list[str]:
    return chosen or [s for s in SERVICES if (ROOT / "services" / s / "models.py").exists()]


def parked(service: str) -> list[FailedEvent]:
    table = importlib.import_module(f"services.{service}.models").FAILED_EVENTS
    engine = make_engine(db_url(service))
    try:
        return failed_events.waiting(engine, table)
    except (OperationalError, ProgrammingError) as exc:  # not migrated, or unreachable
        raise SystemExit(f"{service}: cannot read failed_events ({exc.orig}); "
                         f"run `python -m shared.migrate {service}`") from None
    finally:
        engine.dispose()


def list_failed(args: argparse.Namespace) -> int:
    rows = [(service, e) for service in deployed(args.service) for e in parked(service)]
    if not rows:
        print("no failed events")
        return 0
    print(f"{'ID':36}  {'HANDLER':38}  {'EVENT':28}  ATTEMPTS  {'FAILED AT (UTC)':19}  ERROR")
    for _, e in rows:
        print(f"{e.id:36}  {e.handler:38}  {e.source + '.' + e.event_type:28}  "
              f"{e.attempts:8}  {e.failed_at:%Y-%m-%d %H:%M:%S}  {last_line(e.error)}")
    print(f"\n{len(rows)} failed event(s) waiting: kaizen-admin events replay ID|--all")
    return 0


def last_line(error: str) -> str:
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "")[:100]


def replay_failed(args: argparse.Namespace) -> int:
    rows = [(s, e) for s in deployed(args.service) for e in parked(s)
            if args.all or e.id == args.id]
    if not rows:
        print("nothing to replay" if args.all else f"no failed event with ID {args.id} "
              "waiting (see kaizen-admin events failed)")
        return 0 if args.all else 1
    publisher = Publisher(amqp_uri(), mandatory=True, serializer="json")
    status = 0
    for service, event in rows:
        try:
            publisher.publish(event.payload, routing_key=event.queue)
        except UndeliverableMessage:
            print(f"{event.id}: queue {event.queue} does not exist; run "
                  "`kaizen-admin events declare`, then replay again")
            status = 1
            continue
        table = importlib.import_module(f"services.{service}.models").FAILED_EVENTS
        engine = make_engine(db_url(service))
        failed_events.mark_replayed(engine, table, event.id)
        engine.dispose()
        print(f"replayed {event.id}: {event.source}.{event.event_type} to {event.handler}")
    return status


def declare_queues(args: argparse.Namespace) -> int:
    declared = 0
    for service in deployed(args.service):
        found = topology.consumers_in(service)
        queues.declare(amqp_uri(), [q for c in found for q in c.queues()])
        declared += len(found)
        print(f"{service}: {len(found)} consumer queue(s) declared")
    print(f"{declared} consumer queue(s) in all, each with .retry and .dead")
    return 0


def write_topology(args: argparse.Namespace) -> int:
    found = [c for s in deployed(None) for c in topology.consumers_in_code(s)]
    topology.CONSUMERS_FILE.write_text(topology.render(found))
    print(f"{topology.CONSUMERS_FILE.relative_to(ROOT)}: {len(found)} consumers")
    return 0
