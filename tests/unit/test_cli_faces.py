"""The command line as a new user meets it: version, programmes, params, suggestions, exit codes.

Issue #15 asks for ``--version``, ``civaffairs programmes`` with the articles each
programme cites, ``params --match`` with a clear line where a place has no value,
"did you mean" for places, parameter names and JSON keys, and exit codes that tell
"nothing decidable" (3) from "decided" (0) and "bad input" (2).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from civaffairs import __version__, registry
from civaffairs.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_version_and_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "civaffairs", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"civaffairs {__version__}")


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    for line in ("0   decided", "2   bad input", "3   nothing decidable", "70  internal error"):
        assert line in shown


def test_programmes_lists_every_registry_entry_with_its_documents() -> None:
    code, out, err = run("programmes")
    assert (code, err) == (0, "")
    listed = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert listed == [e.code for e in registry.ENTRIES]
    # 低保 rests on 社会救助暂行办法 第九条 among others (read in the regulation's own text).
    assert "《社会救助暂行办法》(国务院令第649号) 第九条" in out


def test_programmes_json_names_each_article_once() -> None:
    code, out, _ = run("programmes", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["code"] for r in rows] == [e.code for e in registry.ENTRIES]
    for row in rows:
        for cited in row["cites"]:
            assert len(cited["articles"]) == len(set(cited["articles"])), cited


def test_params_match_keeps_only_matching_names() -> None:
    code, out, _ = run("params", "武隆区", "--on", "2025-08-01", "--match", "dibao.standard")
    assert code == 0
    shown = [line.split(" @ ")[0] for line in out.splitlines() if " @ " in line]
    assert shown
    assert all("dibao.standard" in name for name in shown)
    assert "assistance.dibao.standard.urban" in shown


def test_params_match_glob() -> None:
    code, out, _ = run("params", "500156", "--match", "*.standard.urban")
    assert code == 0
    shown = {line.split(" @ ")[0] for line in out.splitlines() if " @ " in line}
    assert shown
    assert all(name.endswith(".standard.urban") for name in shown)


def test_params_match_nothing_suggests_a_name() -> None:
    code, out, err = run("params", "500156", "--match", "dibo")
    assert (code, out) == (2, "")
    assert "--match" in err
    assert "did you mean assistance.dibao" in err


def test_params_names_what_a_place_without_a_local_standard_cannot_decide() -> None:
    # 朝阳区 (Beijing) has no shipped 低保 standard: the block says so, by programme.
    code, out, _ = run("params", "110105", "--on", "2025-08-01", "--match", "assistance.dibao")
    assert code == 0
    assert "no value in force on 2025-08-01 at 朝阳区" in out
    assert "assistance.dibao (最低生活保障): " in out
    assert "assistance.dibao.standard.urban" in out.split("no value in force")[1]


def test_place_did_you_mean() -> None:
    code, _, err = run("params", "武隆")
    assert code == 2
    assert "did you mean 武隆区 (重庆市) 500156" in err
    assert "武隆县 (重庆市) 500232 (retired)" in err


def test_bare_household_with_a_misspelt_key_is_told_the_right_key() -> None:
    code, out, err = run("assess", "-", "--on", "2025-01-01", stdin='{"id": "x", "membrs": []}')
    assert (code, out) == (2, "")
    assert "did you mean 'members'?" in err


@pytest.mark.parametrize(("place", "status"), [("110105", 3), ("500156", 0)])
def test_screen_exit_status_says_whether_anything_was_decidable(
    tmp_path: Path, place: str, status: int
) -> None:
    pytest.importorskip("pyarrow")
    out_file = tmp_path / "out.parquet"
    code, out, err = run(
        "screen",
        "--synthetic",
        "300",
        "--jurisdiction",
        place,
        "--on",
        "2025-08-01",
        "--out",
        str(out_file),
        "--quiet",
    )
    assert code == status, err
    assert out_file.exists()  # the results are written either way
    assert ("nothing decidable" in err) == (status == 3)
    assert "(all)" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_screen_progress_knows_whether_it_writes_to_a_terminal(
    tmp_path: Path, terminal: bool
) -> None:
    pytest.importorskip("pyarrow")
    err: io.StringIO = _Terminal() if terminal else io.StringIO()
    argv = ["screen", "--synthetic", "300", "--jurisdiction", "500156"]
    argv += ["--on", "2025-08-01", "--out", str(tmp_path / "out.parquet")]
    code = main(argv, stdout=io.StringIO(), stderr=err)
    assert code == 0
    shown = err.getvalue()
    assert "screened 300 / 300 (100%) households" in shown
    # A terminal redraws one line in place; a log gets whole lines and no carriage return.
    assert ("\r" in shown) == terminal
    assert shown.endswith("\n")


def test_a_misspelt_parameter_in_a_file_suggests_the_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'jurisdiction = "421300"\n[[values."assistance.dibao.standrd.urban"]]\n'
        'effective_from = 2025-01-01\nvalue = 700\nstatus = "example"\nnote = "test"\n',
        encoding="utf-8",
    )
    code, _, err = run("params", "421300", "--params", str(path))
    assert code == 2
    assert "$.values.'assistance.dibao.standrd.urban': unknown parameter" in err
    assert "did you mean 'assistance.dibao.standard.urban'?" in err
