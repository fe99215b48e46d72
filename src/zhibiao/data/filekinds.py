"""Which files hold cities' data, told by their names, and how large a table
may be: what choosing a reader needs, apart from the readers themselves, so
that a run given only YAML files never loads the table readers."""

from __future__ import annotations

TABLE_SUFFIXES = (".csv", ".xlsx")
DATA_SUFFIXES = (".yaml", ".yml", ".json", *TABLE_SUFFIXES)
# A table of thousands of cities is larger than a data file of one may be.
TABLE_MAX_BYTES = 100_000_000
