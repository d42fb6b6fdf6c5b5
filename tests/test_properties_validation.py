"""Property-based tests (hypothesis) of validation: whatever a record or a data file holds
(a mutated copy of the repository's own data, or arbitrary text), it is either accepted or
reported as ``FILE: ITEM: FIELD: message`` problems, one line each; it never raises.

The profile in ``conftest.py`` makes the examples the same on every run and keeps
hypothesis from writing into the repository.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from astana.data import catalog
from astana.data.catalog import REPO_ROOT, find_problems
from astana.data.files import Problem, parse_yaml, read_geojson, read_yaml
from astana.data.models import Event, Layer, Participants, Place, Round, Source, ZoneVersion

FILES = (
    catalog.ROUNDS_FILE, catalog.EVENTS_FILE, catalog.ZONES_FILE, catalog.PLACES_FILE,
    catalog.LAYERS_FILE, catalog.BORDER_FILE,
)  # fmt: skip
MODELS = {
    catalog.ROUNDS_FILE: Round,
    catalog.EVENTS_FILE: Event,
    catalog.ZONES_FILE: ZoneVersion,
    catalog.PLACES_FILE: Place,
    catalog.LAYERS_FILE: Layer,
}

# -- values a hand-edited or hostile file might hold -----------------------------------------

ARABIC_DATE = "\u0662\u0660\u0661\u0667-\u0660\u0665-\u0660\u0666"  # 2017-05-06 in Arabic digits
TRICKY_TEXT = [
    "", " ", "\t\n", "\x00", "\x1b[31mred", "a\nb", "a\rb", "\u202eevil", "\ufeff", "\u2028",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "http://", "https://[::1", "https://example.org/a b", "HTTP://EXAMPLE.ORG", "{{ x }}",
]  # fmt: skip
DATE_LIKE = [
    "2017-02-30", "2017-5-6", "2017-05-06T10:00:00", "20170506", "2017-13-01", "0000-01-01",
    "9999-12-31", "2017-05-06\n", " 2017-05-06", "2017-05-06 ", ARABIC_DATE, "2017/05/06",
]  # fmt: skip
YAML_TOKENS = [
    "rounds:", "events:", "\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "'", '"',
    "#", "|", ">", "---", "...", "%YAML 1.1", "&a ", "*a", "<<: ", "!!int ", "!!float ",
    "!!bool ", "!!timestamp ", "!!binary ", "!!str ", "!!set ", "!!python/object ", "!x ",
    "id", "2017-02-30", "~", ".nan", "\\ud800", "9" * 4400, "[" * 400,
]  # fmt: skip

HUGE_INTS = st.sampled_from([2**63, -(2**63) - 1, 10**100, 10**4000])  # 4,300 digits: parsers stop
LONG_TEXT = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(1_000, 200_000)
)
ANY_TEXT = st.text() | st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Cf"]))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), HUGE_INTS, st.floats(), ANY_TEXT,
    st.sampled_from(TRICKY_TEXT), st.sampled_from(DATE_LIKE), LONG_TEXT,
    st.dates().map(str), st.dates(), st.datetimes(),
)  # fmt: skip
KEYS = (
    st.text(max_size=12)
    | st.sampled_from(["id", "0", " ", "a\nb", "\r"])
    | st.integers()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=3),
    max_leaves=8,
)

# -- the repository's own records, and mutations of them -------------------------------------


def _read_as(name: str, path: Path, problems: list[Problem]) -> list[dict | None]:
    """Read ``path`` as the catalog reads its file ``name``."""
    if name.endswith(".yaml"):
        return read_yaml(path, name, Path(name).stem, problems)
    return read_geojson(path, name, problems, point=name == catalog.PLACES_FILE)


def _real_records() -> dict[str, list[dict]]:
    """Every record of every file, as the catalog's readers hand them to validation."""
    records: dict[str, list[dict]] = {}
    for name, key in ((catalog.ROUNDS_FILE, "rounds"), (catalog.EVENTS_FILE, "events")):
        records[name] = parse_yaml((REPO_ROOT / name).read_text("utf-8"))[key]
    for name in (catalog.ZONES_FILE, catalog.PLACES_FILE, catalog.LAYERS_FILE):
        records[name] = _read_as(name, REPO_ROOT / name, [])
    return records


RECORDS = _real_records()


def _copy(tree: Any) -> Any:
    """Copy the dicts and lists of ``tree``; leave its leaves (geometries too) shared."""
    if isinstance(tree, dict):
        return {key: _copy(value) for key, value in tree.items()}
    return [_copy(value) for value in tree] if isinstance(tree, list) else tree


def _pick(data: st.DataObject, tree: dict | list) -> dict | list:
    """A dict or list inside ``tree`` (itself included), reached by descending one level at a
    time, so that a record's own fields are picked as often as a nested coordinate."""
    node = tree
    while True:
        keys = [key for key, child in _entries(node) if isinstance(child, dict | list)]
        if not keys or data.draw(st.booleans(), label="stop here"):
            return node
        node = node[data.draw(st.sampled_from(keys), label="into")]


def _entries(node: dict | list) -> list[tuple[Any, Any]]:
    return list(node.items() if isinstance(node, dict) else enumerate(node))


def _mutate(data: st.DataObject, record: dict) -> None:
    """Drop, add or replace one entry anywhere in ``record`` (top level or nested)."""
    node = _pick(data, record)
    keys = [key for key, _ in _entries(node)]
    operation = data.draw(st.sampled_from(["add", "drop", "replace"] if keys else ["add"]))
    if operation == "add" and isinstance(node, dict):
        key = data.draw(KEYS.filter(lambda new: new not in node), label="new key")
        node[key] = data.draw(VALUES, label="value")
    elif operation == "add":
        node.append(data.draw(VALUES, label="value"))
    elif operation == "drop":
        del node[data.draw(st.sampled_from(keys), label="dropped")]
    else:
        node[data.draw(st.sampled_from(keys), label="replaced")] = data.draw(VALUES, label="by")


def _one_of(data: st.DataObject, items: list, label: str) -> Any:
    """One of ``items``, shown by its index in a failing example (records can be long)."""
    return items[data.draw(st.integers(0, len(items) - 1), label=f"{label} (index)")]


def _required_paths(model: type, record: dict) -> list[tuple]:
    """Paths of the required fields present in ``record``, nested sources and participants
    included."""

    def required(of: type) -> list[str]:
        return [name for name, field in of.model_fields.items() if field.is_required()]

    paths = [(name,) for name in required(model) if name in record]
    for index, source in enumerate(record.get("sources", [])):
        paths += [("sources", index, name) for name in required(Source) if name in source]
    if "participants" in record:
        paths += [("participants", name) for name in required(Participants)]
    return paths


def _assert_reported(problems: list) -> None:
    """Each problem names a file, item and field and says what is wrong, on one line."""
    for problem in problems:
        assert isinstance(problem, Problem), problem
        parts = (problem.file, problem.item, problem.field, problem.message)
        assert all(isinstance(part, str) and part for part in parts), problem
        assert str(problem).splitlines() == [str(problem)], "one problem, one line"


# -- validation of records -------------------------------------------------------------------


@given(name=st.sampled_from(sorted(MODELS)), data=st.data())
def test_a_mutated_record_is_accepted_or_reported_never_raises(name, data):
    record = _copy(_one_of(data, RECORDS[name], "record"))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        _mutate(data, record)
    problems: list[Problem] = []
    records = catalog._validate_all([record], name, MODELS[name], problems)
    assert (len(records), bool(problems)) in {(1, False), (0, True)}, problems
    assert all(isinstance(valid, MODELS[name]) for valid in records)
    _assert_reported(problems)
    assert {problem.file for problem in problems} <= {name}


@given(name=st.sampled_from(sorted(MODELS)), data=st.data())
def test_a_missing_required_field_is_reported_by_name(name, data):
    record = _copy(_one_of(data, RECORDS[name], "record"))
    path = data.draw(st.sampled_from(_required_paths(MODELS[name], record)), label="dropped")
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    problems: list[Problem] = []
    assert catalog._validate_all([record], name, MODELS[name], problems) == []
    field = ".".join(str(part) for part in path)
    assert any(p.field == field and "missing" in p.message for p in problems), problems


# -- reading files ---------------------------------------------------------------------------


def _read(name: str, content: bytes) -> list:
    """Read ``content`` as the catalog reads file ``name``; check what comes back."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        problems: list[Problem] = []
        items = _read_as(name, path, problems)
    assert isinstance(items, list)
    assert all(item is None or isinstance(item, dict) for item in items)
    _assert_reported(problems)
    return items


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate makes invalid UTF-8


YAML_KEYS = st.sampled_from(["id", "title", "a", "[a]", "{b: 1}", "? [a]\n   ", "<<", "1"])
YAML_TAGS = st.sampled_from([t for t in YAML_TOKENS if t.startswith(("!", "&", "*"))] + [""])
YAML_SCALARS = st.sampled_from(
    ["abc", "1", "0x1F", "1_000", ".inf", "yes", "~", "[a]", "{a: 1}", "[[a], [a]]", *DATE_LIKE]
) | st.text(alphabet="ab01-:. ", max_size=8)
YAML_ENTRIES = st.tuples(YAML_KEYS, YAML_TAGS, YAML_SCALARS).map("    {0[0]}: {0[1]}{0[2]}".format)
YAML_TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=4), max_size=30).map("".join),
    st.lists(YAML_ENTRIES, max_size=5).map(
        lambda lines: "\n".join(["rounds:", "  - id: x", *lines])
    ),
    st.dictionaries(st.sampled_from(["rounds", "events"]), VALUES, max_size=2).map(
        lambda document: yaml.safe_dump(document, allow_unicode=True)
    ),
)


@given(name=st.sampled_from([catalog.ROUNDS_FILE, catalog.EVENTS_FILE]), text=YAML_TEXT)
@example(name=catalog.ROUNDS_FILE, text="rounds:\n  - a: !!int abc\n")
@example(name=catalog.ROUNDS_FILE, text="!!float ")
@example(name=catalog.ROUNDS_FILE, text="rounds:\n  - a: !!timestamp 2017-02-30\n")
@example(name=catalog.ROUNDS_FILE, text="rounds:\n  - {[a]: 1, [a]: 2}\n")
@example(name=catalog.ROUNDS_FILE, text="rounds:\n  - number: " + "1" * 5000 + "\n")
@example(name=catalog.ROUNDS_FILE, text="rounds: " + "[" * 2000 + "]" * 2000)
def test_any_text_read_as_yaml_is_read_or_reported(name, text):
    _read(name, _encoded(text))


NUMBERS = (
    st.integers() | st.floats() | HUGE_INTS | st.sampled_from([10**309, -(10**400)]) | st.booleans()
)
POSITIONS = st.lists(NUMBERS, max_size=4)
RINGS = st.lists(POSITIONS, max_size=6) | st.lists(st.sampled_from([[36, 35], [37, 35], [37, 36]]))
COORDINATES = st.one_of(
    POSITIONS,
    st.lists(RINGS, max_size=3),
    st.lists(st.lists(RINGS, max_size=2), max_size=2),
    st.recursive(NUMBERS | st.none() | st.text(max_size=3), st.lists, max_leaves=12),
)
GEOMETRY_TYPES = st.sampled_from(["Point", "Polygon", "MultiPolygon", "LineString", "Feature"])


def _collections(types: list[str]) -> st.SearchStrategy[dict]:
    """GeoJSON-like feature collections whose geometries are mostly of one of ``types``."""
    geometry = st.fixed_dictionaries(
        {"type": st.sampled_from(types) | GEOMETRY_TYPES, "coordinates": COORDINATES}
    )
    feature = st.fixed_dictionaries(
        {
            "type": st.just("Feature"),
            "properties": st.dictionaries(KEYS, VALUES, max_size=3),
            "geometry": geometry | geometry | VALUES,
        }
    )
    return st.fixed_dictionaries(
        {
            "type": st.just("FeatureCollection"),
            "features": st.lists(feature, min_size=1, max_size=3) | st.lists(feature | VALUES),
        },
        optional={"crs": VALUES},
    )


GEOJSON_FILES = st.one_of(
    st.tuples(st.just(catalog.PLACES_FILE), VALUES | _collections(["Point"])),
    st.tuples(st.just(catalog.ZONES_FILE), VALUES | _collections(["Polygon", "MultiPolygon"])),
)


@given(file=GEOJSON_FILES)
@example(file=(catalog.PLACES_FILE, {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "properties": {},
                  "geometry": {"type": "Point", "coordinates": [10**400, 0]}}],
}))  # fmt: skip
def test_any_json_document_read_as_geojson_is_read_or_reported(file):
    name, document = file
    _read(name, _encoded(json.dumps(document, default=str)))


@st.composite
def _damaged(draw: st.DrawFn, content: bytes) -> bytes:
    """``content`` cut short, with flipped bytes, invalid UTF-8 or a YAML/JSON token spliced in."""
    at = draw(st.integers(0, len(content)), label="at")
    damage = draw(st.sampled_from(["truncate", "flip", "invalid utf-8", "splice"]), label="damage")
    if damage == "truncate":
        return content[:at]
    if damage == "flip":
        flipped = bytearray(content)
        for index in draw(st.lists(st.integers(0, len(content) - 1), min_size=1, max_size=8)):
            flipped[index] ^= draw(st.integers(1, 255))
        return bytes(flipped)
    if damage == "invalid utf-8":
        return (
            content[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + content[at:]
        )
    token = _encoded(draw(st.sampled_from(YAML_TOKENS) | ANY_TEXT, label="token"))
    return content[:at] + token + content[at + draw(st.integers(0, 20), label="replacing") :]


@given(name=st.sampled_from(FILES), data=st.data())
def test_a_damaged_repository_file_is_read_or_reported(name, data):
    _read(name, data.draw(_damaged((REPO_ROOT / name).read_bytes()), label="content"))


def _edited(data: st.DataObject, name: str, content: bytes) -> bytes:
    """``content`` with one record mutated, written back in the file's format."""
    if name.endswith(".yaml"):
        document = parse_yaml(content.decode("utf-8"))
        _mutate(data, _one_of(data, next(iter(document.values())), "record"))
        return _encoded(yaml.safe_dump(document, allow_unicode=True))
    document = json.loads(content)
    _mutate(data, _one_of(data, document["features"], "feature"))
    return _encoded(json.dumps(document, default=str))


@settings(max_examples=max(1, settings.default.max_examples // 4))  # each loads the atlas
@given(name=st.sampled_from(FILES), edit=st.booleans(), data=st.data())
def test_find_problems_on_a_damaged_copy_returns_problems(name, edit, data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sub in ("data", "geodata"):
            shutil.copytree(REPO_ROOT / sub, root / sub)
        content = (root / name).read_bytes()
        changed = _edited(data, name, content) if edit else data.draw(_damaged(content))
        (root / name).write_bytes(changed)
        problems = find_problems(root)
    assert isinstance(problems, list)
    _assert_reported(problems)
