"""`kaizen-admin people ...`: the people directory.

  people import FILE [--dry-run]      loads a people CSV (email, name, team, manager_email,
                                      roles) into career: --dry-run reports every row's
                                      problems by column and writes nothing; without it the
                                      file is applied whole, or not at all when any row is bad
  people deactivate EMAIL             the person can no longer sign in and leaves matching,
                                      mentor lists and the directory; their open applications
                                      are withdrawn (nothing of theirs is deleted)
  people reactivate EMAIL             signs in and is listed again

Talks to career over the broker (AMQP_URI) as the system identity, with the service token
key (`admin`, docs/operations.md)."""
from __future__ import annotations

import argparse
from pathlib import Path

from shared.errors import NotFound
from shared.identity import SYSTEM
from shared.rpc import cluster_proxy


def register(subparsers) -> None:
    group = subparsers.add_parser("people", help="the people directory")
    commands = group.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser("import", help="load a people CSV (all or nothing)")
    load.add_argument("file", type=Path, help="CSV with the header email,name,team,"
                      "manager_email,roles (roles separated by ';')")
    load.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    load.set_defaults(func=import_people)
    for name, method, said in (("deactivate", "deactivate_person", "deactivate a person"),
                               ("reactivate", "reactivate_person", "reactivate a person")):
        change = commands.add_parser(name, help=f"{said} (by e-mail)")
        change.add_argument("email", help="the person's e-mail")
        change.set_defaults(func=change_activation, method=method)


def change_activation(args: argparse.Namespace) -> int:
    with cluster_proxy(SYSTEM, timeout=60) as cluster:
        try:
            person = cluster.career.find_person_by_email(args.email)
        except NotFound:
            print(f"no person with the e-mail {args.email}")
            return 1
        person = getattr(cluster.career, args.method)(person["id"])
    print(f"{person['name']} <{person['email']}>: "
          f"{'active' if person['active'] else 'deactivated'}")
    return 0


def import_people(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"cannot read {args.file}: {exc}") from None
    with cluster_proxy(SYSTEM, timeout=300) as cluster:
        report = cluster.career.import_people_csv(text, dry_run=args.dry_run)
    print(summary(report, args.dry_run))
    return 1 if report["errors"] else 0


def summary(report: dict, dry_run: bool) -> str:
    lines = [f"line {e['row']}, {e['column']}: {e['message']}" for e in report["errors"]]
    counts = f"{report['rows']} row(s): {report['new']} new, {report['updated']} updated"
    if report["errors"]:
        lines.append(f"{counts}; {len(report['errors'])} problem(s): nothing was written")
    elif dry_run:
        lines.append(f"{counts}; no problems (dry run: nothing written; run without "
                     "--dry-run to apply)")
    else:
        lines.append(f"{counts}; applied")
    return "\n".join(lines)
