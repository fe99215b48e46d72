"""The program around the commands: --version, `python -m zhibiao`, shell
completion, `zhibiao init`, and where and in which format -o writes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zhibiao.cli import main
from zhibiao.resources import resource_dir

CITY0 = str(SAMPLES / "sample-city-0.yaml")
TOP = str(SAMPLES / "sample-city-top.yaml")
BUNDLED = resource_dir("rules") / "db37-t-3890.1-2020"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:  # argparse's own exits: --help, --version, usage errors
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def program(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


# -- version and the program ------------------------------------------------------------------
def test_version_says_the_installed_version(capsys):
    assert run(capsys, "--version") == (0, f"zhibiao {version('zhibiao')}\n", "")


def test_python_m_zhibiao_is_the_program():
    proc = program("-m", "zhibiao", "evaluate", TOP, "--format", "json")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert json.loads(proc.stdout)["total_score"] == 100
    assert program("-m", "zhibiao", "--version").stdout == f"zhibiao {version('zhibiao')}\n"


def test_a_run_loads_neither_workbooks_nor_bars_nor_completion_unless_asked():
    code = (f"import sys; from zhibiao.cli import main; main(['evaluate', {TOP!r}, '--format', 'json']); "
            "print(sorted(m for m in ('openpyxl', 'tqdm', 'argcomplete') if m in sys.modules))")
    assert program("-c", code).stdout.splitlines()[-1] == "[]"


# -- shell completion --------------------------------------------------------------------------
@pytest.mark.parametrize("line, offered", [("zhibiao ra", ["rank"]), ("zhibiao rank --fo", ["--format"]),
                                           ("zhibiao rank --format x", ["xlsx"])])
def test_the_shell_is_offered_completions(tmp_path, line, offered):
    said = tmp_path / "completions"
    proc = program("-m", "zhibiao", env={"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                                         "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_STDOUT_FILENAME": str(said)})
    assert proc.returncode == 0
    assert [w.strip() for w in said.read_text(encoding="utf-8").splitlines()] == offered


def test_the_entry_module_carries_the_completion_marker():
    # argcomplete's global completion looks for it in the module of the entry point.
    import zhibiao.cli

    head = Path(zhibiao.cli.__file__).read_text(encoding="utf-8")[:1024]
    assert "# PYTHON_ARGCOMPLETE_OK" in head


# -- init -----------------------------------------------------------------------------------------------
def test_init_copies_the_bundled_edition_and_says_what_next(capsys, tmp_path):
    folder = tmp_path / "revision"
    code, out, err = run(capsys, "init", str(folder), "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Copied db37-t-3890.1-2020 into {folder}. Next:",
        "  - edit the rules: edition.yaml (its id, code and dates) and indicators/*.yaml",
        f"  - check the rule files: zhibiao check {folder}",
        f"  - run the authors' test cases in its tests/ folder: zhibiao test {folder}",
        f"  - see what the revision changes: zhibiao diff db37-t-3890.1-2020 {folder}",
        f"  - evaluate cities under it: zhibiao evaluate --standard {folder} DATA",
    ]
    copied = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert copied == sorted(p.relative_to(BUNDLED) for p in BUNDLED.rglob("*") if "__pycache__" not in p.parts)


def test_the_copy_checks_as_clean_as_the_bundled_edition_and_its_cases_pass(capsys, tmp_path):
    folder = tmp_path / "revision"
    run(capsys, "init", str(folder))
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    copy = json.loads(out)
    _, out, _ = run(capsys, "check", str(BUNDLED), "--format", "json")
    bundled = json.loads(out)
    assert (code, copy["errors"], copy["warnings"]) == (0, 0, bundled["warnings"])
    assert run(capsys, "test", str(folder))[0] == 0


def test_the_copy_differs_in_nothing_from_the_bundled_edition(capsys, tmp_path):
    folder = tmp_path / "revision"
    run(capsys, "init", str(folder))
    code, out, _ = run(capsys, "diff", "db37-t-3890.1-2020", str(folder), "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []


def test_init_fills_an_empty_folder(capsys, tmp_path):
    assert run(capsys, "init", str(tmp_path))[0] == 0
    assert (tmp_path / "edition.yaml").is_file()


def test_init_refuses_a_folder_that_holds_anything(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "init", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"{tmp_path}: 错误: {tmp_path} 不是空文件夹；请指定一个新的（或空的）文件夹来存放复制的版本\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(capsys, tmp_path):
    target = tmp_path / "edition"
    target.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "init", str(target), "--lang", "en")
    assert code == 2
    assert err == f"{target}: error: {target} is a file; give a new folder to copy the edition into\n"


def test_init_into_a_missing_folder_says_the_folder_is_missing(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "absent" / "revision"), "--lang", "en")
    assert code == 2
    assert err == f"{tmp_path / 'absent'}: error: the folder to write into does not exist: {tmp_path / 'absent'}\n"


# -- -o -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["evaluate", TOP], ["rank", TOP], ["standards"], ["check"], ["schema", "data"]])
def test_output_into_a_missing_folder_says_the_folder_is_missing(capsys, tmp_path, command):
    target = tmp_path / "absent" / "out.json"
    code, out, err = run(capsys, *command, "-o", str(target), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'absent'}: error: the folder to write into does not exist: {tmp_path / 'absent'}\n"


def test_output_onto_a_folder_says_it_is_a_folder(capsys, tmp_path):
    code, out, err = run(capsys, "rank", TOP, "-o", str(tmp_path), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path}: error: {tmp_path} is a folder; give the name of a file to write\n"


def test_output_into_a_pipe_is_written_into_it_not_replaced(capsys, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    code, _, _ = run(capsys, "rank", TOP, "--format", "csv", "-o", str(pipe))
    reader.join(timeout=60)
    assert code == 0
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert got[0].decode("utf-8").startswith("rank,entity,")


# Each command that writes a report, a file name, and how its content begins.
BY_EXTENSION = [
    (["evaluate", TOP], "report.json", '{\n  "standard"'),
    (["evaluate", TOP], "report.jsonl", '{"standard"'),
    (["evaluate", TOP], "report.html", "<"),
    (["rank", TOP], "ranking.md", "# DB37/T"),
    (["rank", TOP], "ranking.csv", "rank,entity"),
    (["standards"], "standards.json", "[\n"),
    (["check"], "check.json", '{\n  "folder"'),
    (["test"], "cases.md", "# "),
    (["diff", "db37-t-3890.1-2020", "db37-t-3890.1-2020"], "diff.md", "# "),
    (["diff", "db37-t-3890.1-2020", "db37-t-3890.1-2020"], "diff.json", "{\n"),
]


@pytest.mark.parametrize("command, name, start", BY_EXTENSION)
def test_the_extension_of_the_output_file_picks_the_format(capsys, tmp_path, command, name, start):
    run(capsys, *command, "-o", str(tmp_path / name))
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("argv", "name", "said"), [
    (["evaluate", TOP], "e.xlsx", "无法从扩展名 .xlsx 判断格式：此命令写出 .txt、.json、.jsonl、.html 文件；请用 --format 指定格式，或用这些扩展名之一命名文件"),
    (["report", TOP], "r.pdf", "无法从扩展名 .pdf 判断格式：此命令写出 .html、.md 文件；请用 --format 指定格式，或用这些扩展名之一命名文件"),
    (["template"], "t.json", "无法从扩展名 .json 判断格式：此命令写出 .yaml、.csv、.xlsx 文件；请用 --format 指定格式，或用这些扩展名之一命名文件"),
])
def test_an_extension_the_command_cannot_write_is_a_usage_error(capsys, tmp_path, argv, name, said):
    code, out, err = run(capsys, *argv, "-o", str(tmp_path / name))
    assert code == 2
    assert err == f"{tmp_path / name}: 错误: {said}\n"
    assert list(tmp_path.iterdir()) == []


def test_a_file_without_an_extension_or_with_format_given_is_written(capsys, tmp_path):
    assert run(capsys, "rank", TOP, "-o", str(tmp_path / "ranking"))[0] == 0
    assert (tmp_path / "ranking").read_text(encoding="utf-8").startswith("DB37/T")
    assert run(capsys, "rank", TOP, "--format", "csv", "-o", str(tmp_path / "ranking.dat"))[0] == 0
    assert (tmp_path / "ranking.dat").read_text(encoding="utf-8").startswith("rank,entity")
