"""Command line: ``python -m astana validate | steps | rounds | snapshot | diff | place``.

``snapshot`` writes the zones on a date (``--date``), at a step (``--step``) or at every
step (``--all-steps``, one file per step into a folder) in any format of
:data:`astana.exports.snapshot.FORMATS`. Files are written to a temporary name and renamed, so a
failed export leaves nothing behind; standard output (``--output -``) takes only the text
formats (GeoJSON, CSV, SVG, HTML), binary ones need a file. ``diff`` writes what changed
between two dates (:mod:`astana.exports.comparison`); ``place`` finds a place by any of its
names and prints its history (:mod:`astana.exports.placehistory`).

Every command takes ``--root DIR`` (a folder holding ``data/`` and ``geodata/``; default:
this repository). Problems are printed one per line as ``FILE: ITEM: FIELD: message`` and
the exit code is 1; the CLI never shows a traceback for bad data or bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from astana.compare import diff, find_places, suggest_places
from astana.data.catalog import REPO_ROOT, AtlasError, find_problems, load_atlas
from astana.data.models import Atlas, Round, shown
from astana.exports.comparison import COMPARISON_FORMATS, comparison_table, render_comparison
from astana.exports.placehistory import places_json, places_table
from astana.exports.snapshot import FORMATS, TEXT_FORMATS, render
from astana.timeline import State, build_steps, state_at_step, state_on
from astana.views.summary import round_heading


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with code 1 and one clear line, like every other failure."""

    def error(self, message: str):
        self.exit(1, f"{self.prog}: error: {message}\n")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m astana``."""
    parser = _Parser(prog="python -m astana", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    root = argparse.ArgumentParser(add_help=False)
    root.add_argument("--root", type=Path, default=REPO_ROOT, help="folder with data/, geodata/")
    commands.add_parser("validate", parents=[root], help="check every data file")
    steps = commands.add_parser("steps", parents=[root], help="the slider's steps")
    steps.add_argument("--format", choices=["json", "table"], default="table")
    rounds = commands.add_parser("rounds", parents=[root], help="every round of talks")
    rounds.add_argument("--format", choices=["json", "markdown"], default="markdown")
    snapshot = commands.add_parser("snapshot", parents=[root], help="the zones on a date")
    when = snapshot.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=_iso_date, help="YYYY-MM-DD")
    when.add_argument("--step", help="a step id (see `steps`)")
    when.add_argument("--all-steps", action="store_true", help="one file per step")
    snapshot.add_argument("--format", choices=list(FORMATS), default="geojson")
    snapshot.add_argument(
        "--output",
        required=True,
        help=f"file path, or - for standard output ({', '.join(sorted(TEXT_FORMATS))} only); "
        "with --all-steps, an existing folder",
    )
    changes = commands.add_parser("diff", parents=[root], help="what changed between two dates")
    changes.add_argument("--from", dest="date_from", type=_iso_date, required=True)
    changes.add_argument("--to", dest="date_to", type=_iso_date, required=True)
    changes.add_argument("--format", choices=["table", *COMPARISON_FORMATS], default="table")
    changes.add_argument("--output", default="-", help="file path, or - for standard output")
    place = commands.add_parser("place", parents=[root], help="a place's history, by name")
    place.add_argument("name", help="a name in English or Arabic, or a variant spelling")
    place.add_argument("--format", choices=["json", "table"], default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except Exception as err:  # a bug, not bad data: still one line, and exit 1
        print(f"error: unexpected {type(err).__name__}: {err} (please report it)", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if not args.root.is_dir():
        print(f"error: --root is not a folder: {args.root}", file=sys.stderr)
        return 1
    if args.command == "validate":
        return _validate(args.root)
    try:
        atlas = load_atlas(args.root)
    except AtlasError as err:
        _print_problems(err.problems)
        return 1
    try:
        text = _COMMANDS[args.command](atlas, args)
    except _UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if isinstance(text, bytes):  # exact bytes, whatever the console's encoding
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
    elif text is not None:
        sys.stdout.write(text)
    return 0


class _UserError(Exception):
    """A failure to report as one line (bad step id, unwritable output, ...)."""


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found", file=sys.stderr)


def _validate(root: Path) -> int:
    problems = find_problems(root)
    if problems:
        _print_problems(problems)
        return 1
    print(f"{root}: all data valid")
    return 0


def _steps(atlas: Atlas, args) -> str:
    rows = [
        {"id": s.id, "date": s.date.isoformat(), "kind": s.kind, "title": s.title}
        for s in build_steps(atlas)
    ]
    if args.format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    widths = {key: max(len(key), *(len(row[key]) for row in rows)) for key in rows[0]}
    lines = ["  ".join(key.ljust(widths[key]) for key in widths)]
    lines += ["  ".join(row[key].ljust(widths[key]) for key in widths) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _rounds(atlas: Atlas, args) -> str:
    if args.format == "json":
        # The congress has no number: it is written as null, so every row has the key.
        rows = [
            r.model_dump(mode="json", exclude_none=True) | {"number": r.number}
            for r in atlas.rounds
        ]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    return "\n".join(_round_markdown(r) for r in sorted(atlas.rounds, key=lambda r: r.start_date))


def _round_markdown(item: Round) -> str:
    people = item.participants
    lines = [
        f"## {round_heading(item)}: {item.title}",
        "",
        f"- Dates: {item.start_date} to {item.end_date}",
        f"- Venue: {item.venue}",
        f"- Guarantors: {', '.join(people.guarantors)}",
        f"- Government: {people.government}",
        f"- Opposition: {people.opposition}",
        f"- UN: {people.un}",
        f"- Observers: {', '.join(people.observers) or 'none recorded'}",
        "",
        item.summary,
        "",
        "Outcomes:",
        *[f"- {outcome}" for outcome in item.outcomes],
        "",
        "Sources:",
        *[f'- {s.publisher}, "{s.title}", {s.date}, <{s.url}>' for s in item.sources],
        "",
    ]
    return "\n".join(lines)


def _snapshot(atlas: Atlas, args) -> bytes | None:
    if args.all_steps:
        return _snapshot_all_steps(atlas, args.format, Path(args.output))
    if args.step is not None:
        try:
            state = state_at_step(atlas, args.step)
        except KeyError:
            raise _UserError(f"unknown step {args.step!r} (see `python -m astana steps`)") from None
    else:
        state = state_on(atlas, args.date)
    if args.output == "-":
        if args.format not in TEXT_FORMATS:
            raise _UserError(
                f"--format {args.format} is binary: give a file path to --output "
                f"(- takes only {', '.join(sorted(TEXT_FORMATS))})"
            )
        return _render(atlas, state, args.format)
    path = Path(args.output)
    _check_folder(path.parent)
    if path.is_dir():
        raise _UserError(f"--output is a folder: {path} (give a file path, or use --all-steps)")
    payload = _render(atlas, state, args.format)
    write_atomic(path, payload)
    print(f"wrote {path} ({len(payload):,} bytes)", file=sys.stderr)
    return None


def _render(atlas: Atlas, state: State, fmt: str) -> bytes:
    try:
        return render(atlas, state, fmt)
    except (OSError, ValueError, RuntimeError) as err:  # GDAL and disk errors among them
        raise _UserError(f"could not export {fmt} for {state.date}: {err}") from None


def _snapshot_all_steps(atlas: Atlas, fmt: str, folder: Path) -> None:
    """One file per step, ``astana-zones-DATE-STEP.EXT``, staged in a hidden folder inside
    ``folder`` and moved into place only when all rendered: a failure leaves nothing."""
    if str(folder) == "-":
        raise _UserError("--all-steps writes one file per step: give a folder to --output")
    _check_folder(folder)
    try:
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".astana-snapshots-"))
    except OSError as err:
        raise _UserError(f"cannot write to {folder}: {err.strerror}") from None
    try:
        names = []
        for step in tqdm(build_steps(atlas), desc=f"{fmt} snapshots", unit="file", file=sys.stderr):
            state = state_at_step(atlas, step.id)
            names.append(f"astana-zones-{step.date.isoformat()}-{step.id}.{FORMATS[fmt][1]}")
            (staging / names[-1]).write_bytes(_render(atlas, state, fmt))
        for name in names:
            (staging / name).replace(folder / name)
    except OSError as err:
        raise _UserError(f"cannot write to {folder}: {err.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {len(names)} {fmt} files to {folder}", file=sys.stderr)


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise _UserError(f"output folder does not exist: {folder}")


def write_atomic(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place: a failure leaves
    no partial file. Raises ``_UserError`` with one clear line."""
    _check_folder(path.parent)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as err:
        raise _UserError(f"cannot write to {path.parent}: {err.strerror}") from None
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes 0600; an export is meant to be shared
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temporary).replace(path)
    except BaseException as err:  # Ctrl-C too: never leave the temporary file behind
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise _UserError(f"cannot write {path}: {err.strerror}") from None
        raise


def _diff(atlas: Atlas, args) -> bytes | None:
    comparison = diff(atlas, args.date_from, args.date_to)
    if args.format == "table":
        payload = comparison_table(comparison).encode("utf-8")
    else:
        payload = render_comparison(comparison, args.format)
    if args.output == "-":
        return payload
    path = Path(args.output)
    if path.is_dir():
        raise _UserError(f"--output is a folder: {path} (give a file path)")
    write_atomic(path, payload)
    print(f"wrote {path} ({len(payload):,} bytes)", file=sys.stderr)
    return None


def _place(atlas: Atlas, args) -> str:
    try:
        matches = find_places(atlas, args.name)
    except ValueError as err:  # a name longer than any name can be
        raise _UserError(str(err)) from None
    if not matches:
        nearest = [f"{m.place.name} ({m.place.name_ar})" for m in suggest_places(atlas, args.name)]
        hint = f"; nearest names: {', '.join(nearest)}" if nearest else "; no name comes near it"
        raise _UserError(f"no place matches {shown(args.name)}{hint}")
    render_places = places_json if args.format == "json" else places_table
    return render_places(atlas, matches)


_COMMANDS = {
    "steps": _steps,
    "rounds": _rounds,
    "snapshot": _snapshot,
    "diff": _diff,
    "place": _place,
}
