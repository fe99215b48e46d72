# PYTHON_ARGCOMPLETE_OK
"""The command line: one module per sub-command, each with
``register(subparsers)`` adding its parser and setting ``run`` to a function
that returns an exit code. ``main`` wires them together."""

from zhibiao.cli.main import main

__all__ = ["main"]
