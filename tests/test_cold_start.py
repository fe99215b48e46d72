"""What a run loads: building the command line loads no rules, data readers
or templates; a command loads what it uses when it uses it, so that a cold
`zhibiao evaluate` of one YAML city loads neither the table readers nor the
rule files' parser (the compiled rules and the catalogue's words are kept).
And the garbage collector of the program, paused while it starts."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES
from zhibiao.cli import main

CITY0 = str(SAMPLES / "sample-city-0.yaml")
# What a run that neither reads a table nor parses the rule files has no use for.
TABLE_READERS = ("zhibiao.data.tables", "zhibiao.data.cells", "zhibiao.data.csv_table", "zhibiao.data.encoding",
                 "zhibiao.data.xlsx", "zhibiao.data.sheet")
PARSERS = ("lark", "zhibiao.ruleset.reader", "zhibiao.words.po")
HEAVY = ("yaml", "jinja2", "zhibiao.ruleset.model", "zhibiao.evaluation.batch", *TABLE_READERS, *PARSERS)


def loaded(code: str) -> list[str]:
    """The modules of HEAVY that are loaded once ``code`` has run in a new process."""
    script = f"import sys\n{code}\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, proc.stderr
    return eval(proc.stdout.splitlines()[-1])  # a list of names, printed by the line above


EVALUATE = f"from zhibiao.cli import main\nmain(['evaluate', {CITY0!r}, '--format', 'jsonl'])"


@pytest.fixture(scope="module")
def kept() -> None:
    """The compiled rules and the catalogue's words in the cache, as a
    second run finds them."""
    loaded(EVALUATE)


def test_building_the_command_line_loads_no_rules_data_readers_or_templates(kept):
    code = "from zhibiao.cli.main import build_parser\nbuild_parser('zh')"
    assert loaded(code) == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["evaluate", "--help"], ["rank", "--help"]])
def test_the_version_and_the_help_load_no_rules_data_readers_or_templates(kept, argv):
    code = f"from zhibiao.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert loaded(code) == []


def test_evaluating_a_yaml_city_loads_neither_table_readers_nor_parsers(kept):
    assert [m for m in loaded(EVALUATE) if m in TABLE_READERS + PARSERS] == []


# -- the garbage collector ----------------------------------------------------------------------
def test_main_called_from_python_leaves_the_collector_as_it_is(capsys):
    frozen = gc.get_freeze_count()
    assert main(["evaluate", CITY0, "--format", "jsonl"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen


@pytest.mark.parametrize("data", [CITY0, str(SAMPLES / "no-such-city.yaml")])
def test_the_program_resumes_the_collector_once_the_first_city_is_read(data):
    code = ("import gc, sys\nfrom zhibiao.cli import collector, main\ncollector.pause()\n"
            f"main(['evaluate', {data!r}, {data!r}, '--format', 'jsonl'])\n"
            "print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.stderr.splitlines()[-1] == "True True"


@pytest.mark.parametrize("data, status", [(CITY0, 0), (str(SAMPLES / "no-such-city.yaml"), 2)])
def test_the_program_exits_with_the_status_of_its_command(data, status):
    proc = subprocess.run([sys.executable, "-m", "zhibiao", "evaluate", data, "--format", "jsonl"], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == status


def test_workers_of_the_program_start_with_the_collector_on():
    code = ("import gc, sys\nfrom zhibiao.cli import collector\ncollector.pause()\n"
            "from zhibiao.cli.common import Tally, iter_evaluated\nfrom zhibiao.ruleset.loader import load_edition\n"
            "def collecting(result):\n    return gc.isenabled()\n"
            f"print(list(iter_evaluated(load_edition(), [{CITY0!r}] * 4, 'en', False, Tally(), None, collecting, 2)), "
            "file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.stderr.splitlines()[-1] == "[True, True, True, True]"


# -- the command line of one command ----------------------------------------------------------------
LINES = [["evaluate", CITY0, "--format", "jsonl", "--jobs", "2"], ["rank", CITY0, "--lang", "en"], ["test", "--coverage"],
         ["diff", "a", "b", "--data", CITY0], ["init", "folder"], ["evaluate", CITY0, "--help"], ["rank", "--help"],
         ["evaluate"], ["plan", CITY0, "--target", "x"], ["evaluate", CITY0, "--version"]]


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_a_line_that_names_its_command_first_is_read_as_with_every_command_built(capsys, argv):
    from zhibiao.cli.main import build_parser, named_first
    from zhibiao.cli.parsing import speaking

    def parsed(only: str | None) -> tuple[object, str, str]:
        with speaking("zh"):
            try:
                said: object = vars(build_parser("zh", only).parse_args(argv))
            except SystemExit as e:  # help, or a usage error
                said = e.code
        out, err = capsys.readouterr()
        return said, out, err

    assert named_first(argv) == argv[0]
    assert parsed(argv[0]) == parsed(None)


@pytest.mark.parametrize("argv", [["--help"], ["--lang", "en", "evaluate", CITY0], ["evalute", CITY0], [CITY0, "evaluate"], []])
def test_a_line_that_does_not_begin_with_a_command_is_read_with_every_command(argv):
    from zhibiao.cli.main import named_first

    assert named_first(argv) is None


def test_a_shell_asking_for_completions_gets_every_command(monkeypatch):
    from zhibiao.cli.main import named_first

    monkeypatch.setenv("_ARGCOMPLETE", "1")
    assert named_first(["rank", CITY0]) is None
