"""What one slider step costs the server: the dashboard against a floor app, in one process.

``python bench/step_cost.py`` runs ``app.py`` and ``bench/floor_app.py`` (a select slider
over as many options and one small HTML panel) with Streamlit's AppTest, no browser: each
step is a full script run with every cache warm. A first walk over all the steps (not
timed) fills the caches; then the slider walks every step forward and back ``--rounds``
times, and each step is timed on the dashboard and then on the floor app, interleaved, so
that both see the same machine. It prints the medians, p95 and the ratio (target: at most
6x the floor); ``--write`` also replaces the "Server time per step" section of
``BENCHMARKS.md``. ``--profile N`` runs the dashboard's timed steps under cProfile, inside
the script thread, and prints the N functions with the most cumulative time.

In the browser a step reruns only the page's step fragment (see ``astana/ui.py``); AppTest
reruns the whole script, so these figures are an upper bound of the server's work.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import statistics
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from report import command_line, provenance, replace_section  # noqa: E402

STEP_KEY = "step"  # the slider's key, in both apps
FLOOR_APP = REPO_ROOT / "bench" / "floor_app.py"
RATIO_TARGET = 6.0
SECTION_BEGIN = "<!-- step cost: written by bench/step_cost.py -->"
SECTION_END = "<!-- step cost: end; notes below are kept -->"


@dataclass
class StepCost:
    """Seconds per step, by app (``"app"``: the dashboard, ``"floor"``: the floor app):
    wall-clock time, and the CPU time the process used meanwhile."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: {"app": [], "floor": []})
    cpu_seconds: dict[str, list[float]] = field(default_factory=lambda: {"app": [], "floor": []})
    steps: int = 0


def step_ids() -> list[str]:
    """The dashboard's slider steps, in order."""
    from astana.data.catalog import load_atlas
    from astana.timeline import build_steps

    return [step.id for step in build_steps(load_atlas())]


def _walk(ids: list[str], rounds: int) -> list[int]:
    """Indices to visit: forward to the end and back, ``rounds`` times (each a new value)."""
    there = list(range(1, len(ids)))
    back = list(range(len(ids) - 2, -1, -1))
    return (there + back) * rounds


def _timed_run(app, value: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one step of ``app``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    app.select_slider(key=STEP_KEY).set_value(value).run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if app.exception:
        raise RuntimeError(f"the app failed at {value}: {app.exception[0].message}")
    return elapsed, cpu


def measure(rounds: int, profiler: cProfile.Profile | None = None) -> StepCost:
    """Time every step of the walk on both apps, interleaved, after a warm-up walk."""
    from streamlit.testing.v1 import AppTest

    from astana import ui

    ids = step_ids()
    os.environ["ASTANA_FLOOR_OPTIONS"] = str(len(ids))
    floor_options = [f"step-{number}" for number in range(len(ids))]
    apps = {
        "app": AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run(),
        "floor": AppTest.from_file(str(FLOOR_APP), default_timeout=120).run(),
    }
    values = {"app": ids, "floor": floor_options}
    for index in _walk(ids, 1):  # warm-up: every step's cache filled once
        for name, app in apps.items():
            _timed_run(app, values[name][index])
    if profiler is not None:
        ui.main = _profiled(ui.main, profiler)
    cost = StepCost(steps=len(ids))
    for index in _walk(ids, rounds):
        for name, app in apps.items():
            elapsed, cpu = _timed_run(app, values[name][index])
            cost.seconds[name].append(elapsed)
            cost.cpu_seconds[name].append(cpu)
    return cost


def _profiled(function, profiler: cProfile.Profile):
    """``function``, profiled in the thread that calls it (the script thread)."""

    def run() -> None:
        profiler.enable()
        try:
            function()
        finally:
            profiler.disable()

    return run


def _ms(values: list[float], share: float) -> float:
    if share == 50:
        return statistics.median(values) * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[round(share) - 1] * 1000


def table(cost: StepCost) -> str:
    """The medians, p95 and maxima, and the ratio of the dashboard to the floor."""
    app, floor, cpu = cost.seconds["app"], cost.seconds["floor"], cost.cpu_seconds
    ratio = statistics.median(app) / statistics.median(floor)
    verdict = "met" if ratio <= RATIO_TARGET else "**missed**"
    rows = [
        ("Steps timed", str(len(app)), str(len(floor)), "", "", ""),
        ("Server time per step, median (ms)", f"{_ms(app, 50):.1f}", f"{_ms(floor, 50):.1f}",
         f"{ratio:.1f}x", f"<= {RATIO_TARGET:.0f}x the floor", verdict),
        ("Server time per step, p95 (ms)", f"{_ms(app, 95):.1f}", f"{_ms(floor, 95):.1f}",
         f"{_ms(app, 95) / _ms(floor, 95):.1f}x", "", ""),
        ("Server time per step, max (ms)", f"{max(app) * 1000:.1f}", f"{max(floor) * 1000:.1f}",
         "", "", ""),
        ("CPU time per step, median (ms)", f"{_ms(cpu['app'], 50):.1f}",
         f"{_ms(cpu['floor'], 50):.1f}", f"{_ms(cpu['app'], 50) / _ms(cpu['floor'], 50):.1f}x",
         "", ""),
    ]  # fmt: skip
    header = "| measure | dashboard | floor app | ratio | target | |\n|---|--:|--:|--:|---|---|"
    return "\n".join([header, *("| " + " | ".join(row) + " |" for row in rows)])


def section(cost: StepCost, command: str, started: dt.datetime) -> str:
    """The "Server time per step" section of ``BENCHMARKS.md``."""
    intro = (
        "Written by `bench/step_cost.py` (see `bench/README.md`): Streamlit's AppTest runs "
        f"the dashboard and a floor app (a select slider over {cost.steps} options and one "
        "small HTML panel) in one process, every cache warm, and times each step on both, "
        "interleaved. AppTest reruns the whole script, where the browser reruns only the "
        "step fragment: an upper bound. Wall-clock time includes the dashboard's 20 ms "
        "pause after the map at steps that change the zones (see astana/ui.py); CPU time "
        "is the process's, script and AppTest together."
    )
    intro = textwrap.fill(intro, 90, break_on_hyphens=False)
    return f"## Server time per step\n\n{intro}\n\n{table(cost)}\n\n{provenance(command, started)}"


def profile_text(profiler: cProfile.Profile, top: int) -> str:
    """The ``top`` functions by cumulative time."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table (and the profile), write the section with ``--write``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="timed walks there and back")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="profile the dashboard's steps, print the top N")  # fmt: skip
    parser.add_argument("--write", action="store_true", help="write the section")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    options = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    profiler = cProfile.Profile() if options.profile else None
    cost = measure(options.rounds, profiler)
    text = section(cost, command_line("bench/step_cost.py", argv), started)
    print(text)
    if profiler is not None:
        print(profile_text(profiler, options.profile))
    if options.write:
        replace_section(options.output, SECTION_BEGIN, SECTION_END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
