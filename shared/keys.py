"""The Ed25519 keys that sign service tokens, as files.

    <KAIZEN_KEYS_DIR>/public/<kid>.pem            every key a service verifies with (the set)
    <KAIZEN_KEYS_DIR>/private/<signer>/<kid>.pem  the signing keys of one signer

A key id reads `<signer>-<UTC time, to the microsecond>-<random>`: who signs with it (the
gateway, the operators' tools or a service calling another for a person) and when it was
made, so the newest key of a signer sorts last and is the one it signs with. A deployment
mounts every public key into every process and each signer's private key into that signer
only; the development checkout keeps all of them under var/keys (`make install` makes them).
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shared.settings import ROOT
from shared.trust import SIGNERS


class MissingKey(RuntimeError):
    """This process has no key it needs (the message says which, and how to make one)."""


def keys_dir(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get("KAIZEN_KEYS_DIR") or ROOT / "var" / "keys")


def signer_of(kid: str) -> str:
    return kid.partition("-")[0]


def new_kid(signer: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")  # sorts by time, to the µs
    return f"{signer}-{stamp}-{secrets.token_hex(2)}"


def _write(path: Path, data: bytes, mode: int) -> None:
    """Whole or not at all: a reader never sees half a key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    partial.write_bytes(data)
    partial.chmod(mode)
    partial.replace(path)


def generate(signer: str, directory: Path | None = None) -> str:
    """A new key pair for `signer`: its public half first (published before it signs)."""
    if signer not in SIGNERS:
        raise ValueError(f"signer must be one of {', '.join(SIGNERS)}, not {signer!r}")
    directory = directory or keys_dir()
    kid, key = new_kid(signer), Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    _write(directory / "public" / f"{kid}.pem", public, 0o644)
    _write(directory / "private" / signer / f"{kid}.pem", private, 0o600)
    return kid


def ensure(directory: Path | None = None) -> list[str]:
    """Development: a key pair for every signer that has none. Returns the new key ids."""
    directory = directory or keys_dir()
    held = {signer_of(p.stem) for p in (directory / "private").glob("*/*.pem")}
    return [generate(signer, directory) for signer in SIGNERS if signer not in held]


def _kids(folder: Path, signer: str | None = None) -> list[Path]:
    return sorted(p for p in folder.glob("*.pem")
                  if signer is None or signer_of(p.stem) == signer)


def signing_key(signer: str, directory: Path | None = None) -> tuple[str, Ed25519PrivateKey]:
    """The newest private key of `signer`, with its key id."""
    folder = (directory or keys_dir()) / "private" / signer
    found = _kids(folder, signer)
    if not found:
        raise MissingKey(f"no signing key for {signer} in {folder}: run `kaizen-admin keys "
                         f"ensure` (development) or mount its key (docs/operations.md)")
    key = serialization.load_pem_private_key(found[-1].read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise MissingKey(f"{found[-1]} is not an Ed25519 private key")
    return found[-1].stem, key


def public_keys(directory: Path | None = None) -> dict[str, Ed25519PublicKey]:
    """Every published key by key id (files that are not Ed25519 public keys are skipped)."""
    found = {}
    for path in _kids((directory or keys_dir()) / "public"):
        try:
            key = serialization.load_pem_public_key(path.read_bytes())
        except ValueError:
            continue
        if isinstance(key, Ed25519PublicKey):
            found[path.stem] = key
    return found
