"""`kaizen-admin GROUP COMMAND ...`: the operators' command line.

Each command group is a module of this package that defines `register(subparsers)`: it adds
its group's parser and sets `func` on each command's parser to a callable taking the parsed
arguments and returning the exit status. Groups are found by walking the package, so a new
group is a new module and nothing here changes."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import admin


def groups() -> list:
    """The modules of admin/ that define a command group, by name."""
    found = []
    for info in sorted(pkgutil.iter_modules(admin.__path__), key=lambda i: i.name):
        if info.name == "cli":
            continue
        module = importlib.import_module(f"admin.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kaizen-admin", description="Operate a Kaizen deployment.")
    sub = top.add_subparsers(dest="group", required=True, metavar="GROUP")
    for module in groups():
        module.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
