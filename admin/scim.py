"""`kaizen-admin scim ...`: provisioning tokens for the organisation's SCIM client, from the
command line (an empty directory has no admin to make one in GraphQL yet).

  scim token NAME       makes a provisioning token and prints its secret, this once
  scim tokens           lists them (id, name, created, last used, revoked)
  scim revoke ID        stops one at once

Talks to career over the broker (AMQP_URI) as the system identity, with the service token
key (`admin`, docs/operations.md)."""
from __future__ import annotations

from shared.errors import DomainError
from shared.identity import SYSTEM
from shared.rpc import cluster_proxy


def register(subparsers) -> None:
    group = subparsers.add_parser("scim", help="SCIM provisioning tokens")
    commands = group.add_subparsers(dest="command", required=True, metavar="COMMAND")
    make = commands.add_parser("token", help="make a provisioning token (secret shown once)")
    make.add_argument("name", help="what it is for, e.g. 'Entra ID'")
    make.set_defaults(func=lambda args: career(make_token, args.name))
    commands.add_parser("tokens", help="list the provisioning tokens").set_defaults(
        func=lambda args: career(list_tokens))
    revoke = commands.add_parser("revoke", help="revoke a provisioning token (by id)")
    revoke.add_argument("id")
    revoke.set_defaults(func=lambda args: career(revoke_token, args.id))


def career(command, *args) -> int:
    with cluster_proxy(SYSTEM, timeout=60) as cluster:
        try:
            return command(cluster.career, *args)
        except DomainError as exc:
            print(exc.message)
            return 1


def make_token(career, name: str) -> int:
    made = career.create_provisioning_token(name)
    print(f"{made['token']['id']} {made['token']['name']}\n{made['secret']}\n"
          "(the secret is shown this once: give it to the SCIM client as its bearer token)")
    return 0


def list_tokens(career) -> int:
    for token in career.provisioning_tokens():
        print(f"{token['id']} {token['name']!r} created {token['created_at']} "
              f"last used {token['last_used_at'] or 'never'}"
              f"{' REVOKED ' + token['revoked_at'] if token['revoked_at'] else ''}")
    return 0


def revoke_token(career, token_id: str) -> int:
    print(f"revoked {career.revoke_provisioning_token(token_id)['revoked_at']}")
    return 0
