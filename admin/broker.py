"""`kaizen-admin broker ...`: the broker users of the services and the gateway.

  broker users [--vhost V]     creates (or updates) kaizen-<service> and kaizen-gateway with
                               the permissions of shared.broker_users on the vhost (default:
                               AMQP_URI's), through the management API
  broker uri NAME...           AMQP_URI with NAME's user and password (NAME: gateway or a
                               service), for starting that process ("NAME URI" lines for
                               more than one)

The management API and the passwords: shared/broker_setup.py."""
from __future__ import annotations

import argparse

from shared.broker_setup import apply, uri_for
from shared.broker_users import GATEWAY, grants
from shared.settings import SERVICES


def register(subparsers) -> None:
    group = subparsers.add_parser("broker", help="the broker users of services and gateway")
    commands = group.add_subparsers(dest="command", required=True, metavar="COMMAND")
    users = commands.add_parser("users", help="create every user with its permissions")
    users.add_argument("--vhost", help="default: the vhost of AMQP_URI")
    users.set_defaults(func=create_users)
    uri = commands.add_parser("uri", help="AMQP_URI for the gateway or services")
    uri.add_argument("name", nargs="+", choices=[GATEWAY, *SERVICES])
    uri.set_defaults(func=print_uri)


def create_users(args: argparse.Namespace) -> int:
    vhost = apply(args.vhost)
    print(f"broker users on vhost {vhost}: {', '.join(g.user for g in grants())}")
    return 0


def print_uri(args: argparse.Namespace) -> int:
    for name in args.name:
        print(uri_for(name) if len(args.name) == 1 else f"{name} {uri_for(name)}")
    return 0
