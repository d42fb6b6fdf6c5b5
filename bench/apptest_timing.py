"""Time the dashboard with Streamlit's AppTest (no browser): cold start to the first map,
and one step (first visit: display data computed and cached; revisit: from the cache).

Run from the repository root:  python bench/apptest_timing.py [cold_runs] [step_rounds]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root

COLD = r"""
import time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
app = AppTest.from_file("app.py", default_timeout=120).run()
assert not app.exception and app.main.get("component_instance"), "no map"
print(time.perf_counter() - started)
"""


def cold_start(runs: int) -> list[float]:
    """Seconds from a fresh interpreter (imports included) to the first page with its map."""
    return [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(runs)
    ]


def steps(rounds: int) -> tuple[list[float], list[float], int]:
    """Seconds per step: first visits (cache filled), then revisits (cache hits)."""
    from streamlit.testing.v1 import AppTest

    from astana.data.catalog import load_atlas
    from astana.timeline import build_steps

    ids = [step.id for step in build_steps(load_atlas())]
    app = AppTest.from_file(str(Path("app.py").resolve()), default_timeout=120).run()
    first, again, largest = [], [], 0
    for round_number in range(rounds + 1):
        for step_id in ids:
            started = time.perf_counter()
            app.select_slider(key="step").set_value(step_id).run()
            elapsed = time.perf_counter() - started
            assert not app.exception
            (first if round_number == 0 else again).append(elapsed)
            largest = max(largest, len(app.main.get("component_instance")[0].proto.json_args))
    return first, again, largest


if __name__ == "__main__":
    cold_runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    step_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cold = cold_start(cold_runs)
    first, again, largest = steps(step_rounds)
    ms = lambda xs: round(statistics.median(xs) * 1000)  # noqa: E731
    print(
        json.dumps(
            {
                "cold_start_to_first_map_ms": {
                    "median": ms(cold),
                    "runs": len(cold),
                    "all": [round(x * 1000) for x in cold],
                },
                "step_first_visit_ms": {
                    "median": ms(first),
                    "max": round(max(first) * 1000),
                    "n": len(first),
                },
                "step_cached_ms": {
                    "median": ms(again),
                    "max": round(max(again) * 1000),
                    "n": len(again),
                },
                "largest_map_payload_bytes": largest,
            },
            indent=1,
        )
    )
