# PYTHON_ARGCOMPLETE_OK
"""`python -m zhibiao`: the command line."""

import sys

from zhibiao.cli.main import main

sys.exit(main())
