"""Sub-commands of the CLI. Each module has ``register(subparsers)`` which
adds its parser and sets ``run`` to a function returning an exit code."""

from zhibiao.commands import evaluate, standards

COMMANDS = [evaluate, standards]
