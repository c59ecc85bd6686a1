"""The one error every layer may raise for the user; the CLI prints it without a traceback."""
from __future__ import annotations


class UsageError(Exception):
    """A one-line, actionable error: printed without a traceback, exit code 2."""
