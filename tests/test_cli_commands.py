"""`python -m astana validate | steps | rounds`: output, exit codes, no tracebacks."""

import json
import subprocess
import sys

from astana.cli import main
from astana.data.catalog import REPO_ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "astana", *args], capture_output=True, text=True, cwd=REPO_ROOT
    )


def test_validate_exits_0_on_the_repository():
    result = run("validate")
    assert result.returncode == 0
    assert "all data valid" in result.stdout


def test_validate_prints_one_line_per_problem_and_exits_1(data_copy, capsys):
    (data_copy / "data/events.yaml").write_text("events: [", "utf-8")
    (data_copy / "geodata/syria.geojson").unlink()
    assert main(["validate", "--root", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "data/events.yaml: -: -: not valid YAML" in err
    assert "geodata/syria.geojson: -: -: file not found" in err
    assert "Traceback" not in err


def test_commands_on_broken_data_exit_1_without_traceback(data_copy):
    (data_copy / "data/rounds.yaml").write_text("", "utf-8")
    for command in (["steps"], ["rounds"], ["snapshot", "--date", "2017-09-20", "--output", "-"]):
        result = run(*command, "--root", str(data_copy))
        assert result.returncode == 1
        assert "data/rounds.yaml: -: -: file is empty" in result.stderr
        assert "Traceback" not in result.stderr


def test_steps_json_lists_steps_in_date_order(capsys):
    assert main(["steps", "--format", "json"]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert set(steps[0]) == {"id", "date", "kind", "title"}
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)
    assert {"round", "event"} == {s["kind"] for s in steps}


def test_steps_table_has_a_header_and_a_row_per_step(capsys):
    assert main(["steps", "--format", "table"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["id", "date", "kind", "title"]
    assert any(row.startswith("astana-6 ") for row in rows)


def test_rounds_json_has_the_contract_fields(capsys):
    assert main(["rounds", "--format", "json"]) == 0
    rounds = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in rounds if r["format"] == "astana"] == list(range(1, 23))
    assert [r["number"] for r in rounds if r["format"] == "congress"] == [None]
    contract = {"number", "start_date", "end_date", "venue", "participants", "summary"}
    assert contract | {"outcomes", "sources"} <= set(rounds[0])


def test_rounds_markdown_has_a_section_per_round(capsys):
    assert main(["rounds", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n## Round ") + out.startswith("## Round ") == 22
    assert out.count("\n## Congress (not an Astana round): ") == 1
    assert "- Venue: Astana, Kazakhstan" in out


def test_bad_arguments_give_one_line_and_exit_1():
    result = run("steps", "--format", "xml")
    assert result.returncode == 1
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr
