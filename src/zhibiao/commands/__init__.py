"""Sub-commands of the CLI. Each module has ``register(subparsers)`` which
adds its parser and sets ``run`` to a function returning an exit code."""

from zhibiao.commands import cases, check, diff, evaluate, schema, standards, template

COMMANDS = [evaluate, standards, check, diff, cases, schema, template]
