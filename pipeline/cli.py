"""``arclaims`` command line: subcommands are discovered in ``pipeline.commands``."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands
from .errors import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="arclaims", description="Who says what about which AI model, in Arabic news.")
    parser.add_argument("--version", action="version", version=f"arclaims {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except UsageError as e:
        print(f"arclaims {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arclaims: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
