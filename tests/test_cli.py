"""`python -m astana snapshot`: files written, exit codes, one-line errors, nothing left over."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cli_runs import main, one_line_error

from astana import cli
from astana.data.catalog import REPO_ROOT
from astana.exports.snapshot import render
from astana.timeline import build_steps, state_at_step, state_on


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "astana", *args], capture_output=True, cwd=REPO_ROOT
    )


def snapshot(*args: str) -> int:
    """Run ``snapshot`` in this process."""
    return main("snapshot", *args)


def test_zip_for_a_date_is_written_and_complete(tmp_path):
    result = run(
        "snapshot", "--date", "2017-09-20", "--format", "zip", "--output", f"{tmp_path}/out.zip"
    )
    assert result.returncode == 0, result.stderr
    assert b"wrote" in result.stderr
    names = zipfile.ZipFile(tmp_path / "out.zip").namelist()
    assert "astana-zones-2017-09-20/README.txt" in names and len(names) == 8
    assert [path.name for path in tmp_path.iterdir()] == ["out.zip"]


def test_text_formats_go_to_standard_output_byte_for_byte(atlas):
    result = run("snapshot", "--date", "2017-09-20", "--format", "geojson", "--output", "-")
    assert result.returncode == 0
    assert result.stdout == render(atlas, state_on(atlas, dt.date(2017, 9, 20)), "geojson")


def test_step_selects_the_steps_snapshot(atlas, tmp_path):
    assert snapshot("--step", "astana-6", "--format", "csv", "--output", f"{tmp_path}/s.csv") == 0
    expected = render(atlas, state_at_step(atlas, "astana-6"), "csv")
    assert (tmp_path / "s.csv").read_bytes() == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2017-09-20", "--format", "png", "--output", "-"], "--format png is binary"),
        (["--date", "2017-09-20", "--format", "pdf", "--output", "x"], "invalid choice: 'pdf'"),
        (["--date", "2017-13-01", "--output", "-"], "not a date as YYYY-MM-DD"),
        (["--step", "nope", "--output", "-"], "unknown step 'nope'"),
        (["--all-steps", "--output", "-"], "give a folder to --output"),
    ],
)
def test_bad_requests_exit_1_with_one_line(capsys, args, message):
    assert snapshot(*args) == 1
    assert message in one_line_error(capsys)


def test_usage_errors_exit_1_from_the_shell():
    result = run("snapshot", "--date", "2017-09-20", "--format", "pdf", "--output", "x.pdf")
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1 and b"invalid choice" in result.stderr


def test_missing_output_folder_exits_1(capsys, tmp_path):
    code = snapshot("--date", "2017-09-20", "--output", f"{tmp_path}/no/such/x.json")
    assert code == 1
    assert f"output folder does not exist: {tmp_path}/no/such" in one_line_error(capsys)


def test_output_under_a_file_or_onto_a_folder_exits_1(capsys, tmp_path):
    (tmp_path / "file.txt").write_text("x")
    assert snapshot("--date", "2017-09-20", "--output", f"{tmp_path}/file.txt/x") == 1
    assert "output folder does not exist" in one_line_error(capsys)
    assert snapshot("--date", "2017-09-20", "--output", str(tmp_path)) == 1
    assert "--output is a folder" in one_line_error(capsys)


def test_a_failed_write_leaves_nothing_behind(capsys, tmp_path, monkeypatch):
    def fail(self, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    code = snapshot("--date", "2017-09-20", "--format", "svg", "--output", f"{tmp_path}/a.svg")
    assert code == 1
    assert "cannot write" in one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


def test_all_steps_writes_one_file_per_step_with_progress(atlas, capsys, tmp_path):
    assert snapshot("--all-steps", "--format", "geojson", "--output", str(tmp_path)) == 0
    steps = build_steps(atlas)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == sorted(f"astana-zones-{s.date}-{s.id}.geojson" for s in steps)
    err = capsys.readouterr().err
    assert f"{len(steps)}/{len(steps)}" in err and f"wrote {len(steps)} geojson files" in err


def test_all_steps_failing_midway_leaves_nothing(capsys, tmp_path, monkeypatch):
    calls = []

    def flaky(atlas, state, fmt):
        calls.append(state)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        return b"{}"

    monkeypatch.setattr(cli, "render", flaky)
    assert snapshot("--all-steps", "--format", "csv", "--output", str(tmp_path)) == 1
    assert "Input/output error" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_all_steps_into_a_missing_folder_exits_1(capsys, tmp_path):
    assert snapshot("--all-steps", "--output", f"{tmp_path}/missing") == 1
    assert "output folder does not exist" in one_line_error(capsys)


# Exports under fault: an earlier file survives, no partial file, one clear line -----------


def _earlier_export(folder: Path) -> Path:
    path = folder / "zones.gpkg"
    path.write_bytes(b"an earlier export")
    return path


def test_an_unwritable_folder_is_one_line_and_keeps_the_earlier_file(capsys, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    earlier = _earlier_export(tmp_path)
    monkeypatch.setattr(cli.tempfile, "mkstemp", refuse)
    assert snapshot("--date", "2017-09-20", "--format", "gpkg", "--output", str(earlier)) == 1
    assert f"cannot write to {tmp_path}: Permission denied" in one_line_error(capsys)
    assert earlier.read_bytes() == b"an earlier export"
    assert [path.name for path in tmp_path.iterdir()] == ["zones.gpkg"]


def test_all_steps_into_an_unwritable_folder_is_one_line(capsys, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cli.tempfile, "mkdtemp", refuse)
    assert snapshot("--all-steps", "--format", "csv", "--output", str(tmp_path)) == 1
    assert f"cannot write to {tmp_path}: Permission denied" in one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


class _DiskFullHalfway:
    """A file object that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, payload: bytes) -> int:
        self.stream.write(payload[: len(payload) // 2])
        self.stream.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stream.close()


def test_a_write_failing_halfway_leaves_no_partial_file(capsys, tmp_path, monkeypatch):
    written, real_fdopen = [], cli.os.fdopen

    def half_then_fail(handle, mode):
        stream = real_fdopen(handle, mode)
        written.append(Path(f"/proc/self/fd/{handle}").resolve())
        return _DiskFullHalfway(stream)

    earlier = _earlier_export(tmp_path)
    monkeypatch.setattr(cli.os, "fdopen", half_then_fail)
    assert snapshot("--date", "2017-09-20", "--format", "gpkg", "--output", str(earlier)) == 1
    assert f"cannot write {earlier}: No space left on device" in one_line_error(capsys)
    assert written and written[0].parent == tmp_path  # the half-written temporary file ...
    assert [path.name for path in tmp_path.iterdir()] == ["zones.gpkg"]  # ... is gone
    assert earlier.read_bytes() == b"an earlier export"


def test_a_geopackage_writer_failing_halfway_leaves_nothing(capsys, tmp_path, monkeypatch):
    """GDAL fails after the first layer: no GeoPackage, no temporary folder, one line."""
    layers = []

    def second_layer_fails(frame, path, layer, title, kind):
        layers.append(layer)
        if len(layers) == 2:
            raise RuntimeError("sqlite3_step() failed: disk I/O error")
        real_write_layer(frame, path, layer, title, kind)

    from astana.exports import snapshot as snapshot_module

    real_write_layer = snapshot_module._write_layer
    monkeypatch.setattr(snapshot_module, "_write_layer", second_layer_fails)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    output = tmp_path / "out.gpkg"
    assert snapshot("--date", "2017-09-20", "--format", "gpkg", "--output", str(output)) == 1
    message = one_line_error(capsys)
    assert "could not export gpkg for 2017-09-20: sqlite3_step() failed" in message
    assert layers == ["zones", "layers"]
    assert list((tmp_path / "scratch").iterdir()) == [] and not output.exists()
