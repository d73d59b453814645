"""`kaizen-admin keys ...`: the Ed25519 keys that sign service tokens (shared.keys).

  keys ensure            development: a key pair for every signer that has none
  keys list              the published key ids, by signer, and which private keys are here
  keys add SIGNER        rotation, step 1: a new key pair for SIGNER (its public half goes to
                         every process, then its private half to SIGNER, which signs with
                         its newest key once restarted)
  keys retire KID        rotation, last step: removes a key from the set here (once every
                         token it signed has expired: KAIZEN_SERVICE_TOKEN_TTL after the switch)

The directory is KAIZEN_KEYS_DIR (default var/keys); docs/operations.md has the procedure."""
from __future__ import annotations

import argparse

from shared import keys
from shared.trust import SIGNERS


def register(subparsers) -> None:
    group = subparsers.add_parser("keys", help="the keys that sign service tokens")
    commands = group.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("ensure", help="a key pair for every signer without one"
                        ).set_defaults(func=ensure)
    commands.add_parser("list", help="the key ids here, by signer").set_defaults(func=show)
    add = commands.add_parser("add", help="a new key pair for a signer (rotation)")
    add.add_argument("signer", choices=SIGNERS)
    add.set_defaults(func=add_key)
    retire = commands.add_parser("retire", help="remove a key id from the set here")
    retire.add_argument("kid")
    retire.set_defaults(func=retire_key)


def ensure(args: argparse.Namespace) -> int:
    for kid in keys.ensure():
        print(f"made {kid}")
    return 0


def show(args: argparse.Namespace) -> int:
    private = {p.stem for p in (keys.keys_dir() / "private").glob("*/*.pem")}
    for kid in sorted(keys.public_keys()):
        print(f"{keys.signer_of(kid):12} {kid}{'  (private key here)' if kid in private else ''}")
    return 0


def add_key(args: argparse.Namespace) -> int:
    print(keys.generate(args.signer))
    return 0


def retire_key(args: argparse.Namespace) -> int:
    directory = keys.keys_dir()
    found = [directory / "public" / f"{args.kid}.pem",
             directory / "private" / keys.signer_of(args.kid) / f"{args.kid}.pem"]
    if not any(p.exists() for p in found):
        raise SystemExit(f"no key {args.kid} in {keys.keys_dir()}")
    for path in found:
        path.unlink(missing_ok=True)
    print(f"retired {args.kid}")
    return 0
