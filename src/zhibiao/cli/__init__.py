# PYTHON_ARGCOMPLETE_OK
"""The command line: one module per sub-command, each with
``register(subparsers)`` adding its parser and setting ``run`` to a function
that returns an exit code. ``main`` wires them together; ``console`` is the
``zhibiao`` program, which runs it and exits."""

from zhibiao.cli.main import console, main

__all__ = ["console", "main"]
