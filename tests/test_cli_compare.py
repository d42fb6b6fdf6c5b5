"""`python -m astana diff` and `place`: formats, files, exit codes, one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest
import shapely
from cli_runs import main, one_line_error
from shapely.geometry import shape

from astana.compare import diff
from astana.data.catalog import REPO_ROOT
from astana.exports.comparison import render_comparison

FROM, TO = "2017-09-20", "2018-08-01"  # the "Done when" dates


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "astana", *args], capture_output=True, text=True, cwd=REPO_ROOT
    )


def test_diff_table_shows_each_zone_and_the_steps_between(capsys):
    assert main("diff", "--from", FROM, "--to", TO, "--format", "table") == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in lines[2:6]}
    assert set(rows) == {"1", "2", "3", "4"}
    assert [rows[zone][7] for zone in "234"] == ["lost", "lost", "lost"]
    assert rows["1"][1] == "in_force" and rows["1"][7] in {"unchanged", "lost", "gained"}
    assert any(line.startswith("2018-04-14  event") for line in lines)


def test_diff_geojson_holds_the_lost_and_gained_polygons(atlas, capsys):
    assert main("diff", "--from", FROM, "--to", TO, "--format", "geojson") == 0
    collection = json.loads(capsys.readouterr().out)
    assert collection["comparison"]["from"] == FROM and collection["comparison"]["to"] == TO
    comparison = diff(atlas, dt.date.fromisoformat(FROM), dt.date.fromisoformat(TO))
    expected = {
        (zone.zone_id, change): round(area, 1)
        for zone in comparison.zones
        for change, area in (("lost", zone.lost_km2), ("gained", zone.gained_km2))
        if area > 0
    }
    found = {}
    for feature in collection["features"]:
        props = feature["properties"]
        assert props["change"] in {"lost", "gained"}
        found[(props["zone_id"], props["change"])] = props["area_km2"]
        polygon = shape(feature["geometry"])
        assert polygon.is_valid and not polygon.is_empty
        assert shapely.is_ccw(polygon.geoms[0].exterior)  # RFC 7946: exteriors anticlockwise
    assert found == expected


def test_diff_csv_has_a_bom_and_one_row_per_zone(atlas, capsys):
    assert main("diff", "--from", FROM, "--to", TO, "--format", "csv") == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [int(row["zone_id"]) for row in rows] == [1, 2, 3, 4]
    for row in rows:
        before, lost, gained = (float(row[k]) for k in ("from_area_km2", "lost_km2", "gained_km2"))
        assert float(row["to_area_km2"]) == pytest.approx(before - lost + gained, abs=0.3)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "table"])
def test_diff_to_a_file_is_atomic_and_byte_identical_on_a_rerun(tmp_path, fmt):
    path = tmp_path / f"changes.{fmt}"
    assert main("diff", "--from", FROM, "--to", TO, "--format", fmt, "--output", str(path)) == 0
    first = path.read_bytes()
    assert main("diff", "--from", FROM, "--to", TO, "--format", fmt, "--output", str(path)) == 0
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_diff_file_is_what_the_exporter_renders(atlas, tmp_path):
    path = tmp_path / "changes.geojson"
    assert (
        main("diff", "--from", FROM, "--to", TO, "--format", "geojson", "--output", str(path)) == 0
    )
    comparison = diff(atlas, dt.date.fromisoformat(FROM), dt.date.fromisoformat(TO))
    assert path.read_bytes() == render_comparison(comparison, "geojson")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2017-02-30", "--to", TO], "argument --from: not a date as YYYY-MM-DD"),
        (["--from", FROM, "--to", "yesterday"], "argument --to: not a date as YYYY-MM-DD"),
        (["--from", FROM], "the following arguments are required: --to"),
        (["--from", FROM, "--to", TO, "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_diff_arguments_give_one_line_and_exit_1(args, message):
    result = run("diff", *args)
    assert result.returncode == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_diff_to_a_missing_folder_or_a_folder_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "changes.csv"
    assert (
        main("diff", "--from", FROM, "--to", TO, "--format", "csv", "--output", str(missing)) == 1
    )
    assert "output folder does not exist" in one_line_error(capsys)
    assert main("diff", "--from", FROM, "--to", TO, "--output", str(tmp_path)) == 1
    assert "--output is a folder" in one_line_error(capsys)


@pytest.mark.parametrize("name", ["إدلب", "idleb", "Idlib"])
def test_place_finds_idlib_with_its_history(name):
    result = run("place", name, "--format", "json")
    assert result.returncode == 0, result.stderr
    matches = json.loads(result.stdout)
    idlib = matches[0]
    assert idlib["id"] == "idlib" and idlib["name_ar"] == "إدلب"
    assert idlib["history"] and idlib["history"][0]["zone_id"] == 1
    assert idlib["history"][0]["entered_by"]["sources"][0]["url"].startswith("http")


def test_place_json_lists_matches_best_first(capsys):
    assert main("place", "Daraa", "--format", "json") == 0
    matches = json.loads(capsys.readouterr().out)
    assert matches[0]["id"] == "daraa"
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)


def test_place_table_shows_the_history_and_the_event_that_ended_it(capsys):
    assert main("place", "Duma", "--format", "table") == 0
    out = capsys.readouterr().out
    assert out.startswith("Douma (دوما), Rif Dimashq: id douma, matched 'Duma'")
    assert "  zone 4  declared  2017-05-06 to " in out
    assert "left zone 4 on 2018-04-14: " in out


def test_place_table_says_when_a_place_was_never_in_a_zone(capsys):
    assert main("place", "Damascus") == 0
    assert "never inside a zone" in capsys.readouterr().out


def test_a_name_that_matches_nothing_exits_1_with_the_nearest_names(capsys):
    assert main("place", "Saraqibb Idlibb") == 1
    err = one_line_error(capsys)
    assert "no place matches 'Saraqibb Idlibb'; nearest names: Saraqib (سراقب), Idlib" in err


def test_a_name_far_from_every_name_exits_1_saying_so(capsys):
    assert main("place", "xyzzy") == 1
    assert "no place matches 'xyzzy'; no name comes near it" in one_line_error(capsys)


def test_a_huge_name_is_one_line_that_does_not_echo_it():
    result = run("place", "x" * 100_000)
    assert result.returncode == 1
    assert "a place name is at most 200 characters" in result.stderr
    assert len(result.stderr) < 200 and "Traceback" not in result.stderr
