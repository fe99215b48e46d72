# PYTHON_ARGCOMPLETE_OK
"""`python -m zhibiao`: the command line."""

from zhibiao.cli.main import console

console()
